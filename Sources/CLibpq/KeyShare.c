// TLS 1.3 sends a key share for one group, guessed before the server has said anything:
// OpenSSL 3 guesses X25519, and PostgreSQL before 18 takes only P-256 (ssl_ecdh_curve), so the
// server asks again (a HelloRetryRequest): a whole round trip more on every connection, 50 ms
// at 50 ms. This process has OpenSSL offer P-256 first, every group it offered before still
// offered. It is done the way a system administrator would do it, through the configuration's
// `system_default` section: the machine's own section is copied whole and `Groups` added. It
// is left alone when the machine's configuration names the groups itself, when the list does
// not work with this OpenSSL (a FIPS provider without X25519), and from OpenSSL 3.5, whose
// default list starts with a post-quantum hybrid this program must not take away.
// OpenSSL is reached through libpq's handle (dlsym searches what libpq loaded), as SHA256 is;
// anything missing (a libpq without OpenSSL, an older OpenSSL) leaves everything as it was.
#include "KeyShare.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct conf_st CONF;
typedef struct bio_st BIO;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_method_st SSL_METHOD;
typedef struct stack_st STACK;
typedef struct {
  char *section, *name, *value;
} CONF_VALUE;

static const char groups[] = "P-256:X25519:X448:P-521:P-384:ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192";

#define FUNCTION(type, name, parameters) static type(*name) parameters;
#define FUNCTIONS                                                                                   \
  FUNCTION(int, OPENSSL_init_ssl, (uint64_t, const void *))                                         \
  FUNCTION(unsigned long, OpenSSL_version_num, (void))                                              \
  FUNCTION(char *, CONF_get1_default_config_file, (void))                                           \
  FUNCTION(CONF *, NCONF_new, (void *))                                                             \
  FUNCTION(int, NCONF_load, (CONF *, const char *, long *))                                         \
  FUNCTION(int, NCONF_load_bio, (CONF *, BIO *, long *))                                            \
  FUNCTION(char *, NCONF_get_string, (const CONF *, const char *, const char *))                    \
  FUNCTION(STACK *, NCONF_get_section, (const CONF *, const char *))                                \
  FUNCTION(void, NCONF_free, (CONF *))                                                              \
  FUNCTION(int, OPENSSL_sk_num, (const STACK *))                                                    \
  FUNCTION(void *, OPENSSL_sk_value, (const STACK *, int))                                          \
  FUNCTION(BIO *, BIO_new_mem_buf, (const void *, int))                                             \
  FUNCTION(int, BIO_free, (BIO *))                                                                  \
  FUNCTION(int, CONF_modules_load, (const CONF *, const char *, unsigned long))                     \
  FUNCTION(void, CRYPTO_free, (void *, const char *, int))                                          \
  FUNCTION(void, ERR_clear_error, (void))                                                           \
  FUNCTION(const SSL_METHOD *, TLS_client_method, (void))                                           \
  FUNCTION(SSL_CTX *, SSL_CTX_new, (const SSL_METHOD *))                                            \
  FUNCTION(long, SSL_CTX_ctrl, (SSL_CTX *, int, long, void *))                                      \
  FUNCTION(void, SSL_CTX_free, (SSL_CTX *))
FUNCTIONS
#undef FUNCTION

static int found(void *library) {
  int all = 1;
#define FUNCTION(type, name, parameters) all = (name = (type(*) parameters)dlsym(library, #name)) && all;
  FUNCTIONS
#undef FUNCTION
  return all;
}

// The value of `name` in `section`, matched as OpenSSL matches module names (`ssl_conf.2` is
// `ssl_conf`); NULL when there is none. NCONF_get_string would fall back to the default section.
static const char *entry(const CONF *conf, const char *section, const char *name) {
  STACK *entries = section ? NCONF_get_section(conf, section) : NULL;
  size_t length = strlen(name);
  for (int index = 0; entries && index < OPENSSL_sk_num(entries); index++) {
    const CONF_VALUE *value = OPENSSL_sk_value(entries, index);
    if (strncmp(value->name, name, length) == 0 && (value->name[length] == '\0' || value->name[length] == '.')) return value->value;
  }
  return NULL;
}

// Appends `text` to the growing configuration, each of OpenSSL's special characters escaped
// when `escaping`; false when out of memory.
static int add(char **text, size_t *used, const char *more, int escaping) {
  size_t length = strlen(more);
  char *grown = realloc(*text, *used + 2 * length + 1);
  if (!grown) return 0;
  *text = grown;
  for (const char *c = more; *c; c++) {
    if (escaping && strchr("\\$#\"'", *c)) grown[(*used)++] = '\\';
    grown[(*used)++] = *c;
  }
  grown[*used] = '\0';
  return 1;
}

// The machine's `system_default` commands with Groups added, as a configuration of its own;
// NULL when the machine names its groups (or curves), or a name is not a plain word.
static char *configuration(const CONF *system) {
  const char *init = system ? NCONF_get_string(system, NULL, "openssl_conf") : NULL;
  const char *defaults = entry(system, entry(system, init, "ssl_conf"), "system_default");
  STACK *commands = defaults ? NCONF_get_section(system, defaults) : NULL;
  char *text = NULL;
  size_t used = 0;
  int ok = add(&text, &used,
               "openssl_conf = breakthrough_init\n[breakthrough_init]\nssl_conf = breakthrough_ssl\n"
               "[breakthrough_ssl]\nsystem_default = breakthrough_tls\n[breakthrough_tls]\n",
               0);
  for (int index = 0; ok && commands && index < OPENSSL_sk_num(commands); index++) {
    const CONF_VALUE *command = OPENSSL_sk_value(commands, index);
    if (!strcasecmp(command->name, "Groups") || !strcasecmp(command->name, "Curves") ||
        strspn(command->name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(command->name))
      ok = 0;
    else
      ok = add(&text, &used, command->name, 0) && add(&text, &used, " = ", 0) && add(&text, &used, command->value, 1) &&
           add(&text, &used, "\n", 0);
  }
  ok = ok && add(&text, &used, "Groups = ", 0) && add(&text, &used, groups, 0) && add(&text, &used, "\n", 0);
  if (!ok) {
    free(text);
    return NULL;
  }
  return text;
}

// Whether this OpenSSL takes the list (a FIPS provider has no X25519): tried on a context of
// its own, which is thrown away.
static int usable(void) {
  SSL_CTX *context = SSL_CTX_new(TLS_client_method());
  int taken = context && SSL_CTX_ctrl(context, 92 /* SSL_CTRL_SET_GROUPS_LIST */, 0, (void *)groups) == 1;
  if (context) SSL_CTX_free(context);
  return taken;
}

void CLibpq_offer_p256_first(void *library) {
  if (!found(library)) return;
  // What libpq would do first: this machine's configuration, loaded once for the process.
  if (OPENSSL_init_ssl(0x40 /* OPENSSL_INIT_LOAD_CONFIG */, NULL) && OpenSSL_version_num() < 0x30500000UL && usable()) {
    char *path = CONF_get1_default_config_file();
    CONF *system = NCONF_new(NULL);
    long line = 0;
    char *text = path && system && NCONF_load(system, path, &line) ? configuration(system) : configuration(NULL);
    CONF *ours = text ? NCONF_new(NULL) : NULL;
    BIO *bytes = ours ? BIO_new_mem_buf(text, -1) : NULL;
    if (bytes && NCONF_load_bio(ours, bytes, &line)) CONF_modules_load(ours, NULL, 0);
    if (bytes) BIO_free(bytes);
    if (ours) NCONF_free(ours);
    free(text);
    if (system) NCONF_free(system);
    CRYPTO_free(path, __FILE__, __LINE__);
  }
  // A missing file or section leaves errors on this thread's queue, which libpq would report.
  ERR_clear_error();
}
