// libpq and what it needs (TLS, Kerberos, LDAP: some twenty libraries) took about 8 ms to load
// and initialise at every start of every command, team ledger or not. It is opened here, on
// first use, and each PQ function the store calls forwards to the loaded one.
#include "CLibpq.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static void *library;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void offer_p256_first(void);

static void open_library(void) {
  library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    snprintf(failure, sizeof failure, "%s", dlerror());
    return;
  }
  offer_p256_first();
}

const char *CLibpq_load(void) {
  pthread_once(&once, open_library);
  return library ? NULL : failure;
}

// Called only after CLibpq_load succeeded; a missing symbol is a libpq older than 10.
static void *symbol(const char *name) {
  void *found = CLibpq_load() ? NULL : dlsym(library, name);
  if (!found) {
    fprintf(stderr, "breakthrough: libpq has no %s (%s)\n", name, failure[0] ? failure : "too old a libpq");
    abort();
  }
  return found;
}

#define FORWARD(type, name, parameters, arguments)                                          \
  type name parameters {                                                                    \
    static type(*function) parameters;                                                      \
    if (!__atomic_load_n(&function, __ATOMIC_ACQUIRE))                                      \
      __atomic_store_n(&function, (type(*) parameters)symbol(#name), __ATOMIC_RELEASE);     \
    return function arguments;                                                              \
  }

#define FORWARD_VOID(name, parameters, arguments)                                           \
  void name parameters {                                                                    \
    static void(*function) parameters;                                                      \
    if (!__atomic_load_n(&function, __ATOMIC_ACQUIRE))                                      \
      __atomic_store_n(&function, (void(*) parameters)symbol(#name), __ATOMIC_RELEASE);     \
    function arguments;                                                                     \
  }

FORWARD(PGconn *, PQconnectdbParams, (const char *const *keywords, const char *const *values, int expand_dbname),
        (keywords, values, expand_dbname))
FORWARD(PGconn *, PQconnectStartParams, (const char *const *keywords, const char *const *values, int expand_dbname),
        (keywords, values, expand_dbname))
FORWARD(PostgresPollingStatusType, PQconnectPoll, (PGconn *conn), (conn))
FORWARD(PQconninfoOption *, PQconninfo, (PGconn *conn), (conn))
FORWARD(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg), (conninfo, errmsg))
FORWARD_VOID(PQconninfoFree, (PQconninfoOption *options), (options))
FORWARD(ConnStatusType, PQstatus, (const PGconn *conn), (conn))
FORWARD(char *, PQerrorMessage, (const PGconn *conn), (conn))
FORWARD(int, PQsocket, (const PGconn *conn), (conn))
FORWARD(int, PQsslInUse, (PGconn *conn), (conn))
FORWARD(int, PQconnectionUsedPassword, (const PGconn *conn), (conn))
FORWARD(int, PQconsumeInput, (PGconn *conn), (conn))
FORWARD(PGnotify *, PQnotifies, (PGconn *conn), (conn))
FORWARD_VOID(PQfinish, (PGconn *conn), (conn))
FORWARD_VOID(PQfreemem, (void *pointer), (pointer))
FORWARD(PGresult *, PQexecParams,
        (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,
         const int *paramLengths, const int *paramFormats, int resultFormat),
        (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))
FORWARD(ExecStatusType, PQresultStatus, (const PGresult *res), (res))
FORWARD(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))
FORWARD(int, PQntuples, (const PGresult *res), (res))
FORWARD(int, PQnfields, (const PGresult *res), (res))
FORWARD(char *, PQgetvalue, (const PGresult *res, int row, int field), (res, row, field))
FORWARD(int, PQgetlength, (const PGresult *res, int row, int field), (res, row, field))
FORWARD(int, PQgetisnull, (const PGresult *res, int row, int field), (res, row, field))
FORWARD_VOID(PQclear, (PGresult *res), (res))

FORWARD(int, PQsendQueryParams,
        (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,
         const int *paramLengths, const int *paramFormats, int resultFormat),
        (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))
FORWARD(int, PQsendQuery, (PGconn *conn, const char *command), (conn, command))
FORWARD(int, PQsetSingleRowMode, (PGconn *conn), (conn))
FORWARD(int, PQgetCopyData, (PGconn *conn, char **buffer, int async), (conn, buffer, async))
FORWARD(int, PQbackendPID, (const PGconn *conn), (conn))
FORWARD(int, PQisBusy, (PGconn *conn), (conn))
FORWARD(PGresult *, PQgetResult, (PGconn *conn), (conn))
FORWARD(PGcancel *, PQgetCancel, (PGconn *conn), (conn))
FORWARD(int, PQcancel, (PGcancel *cancel, char *errbuf, int errbufsize), (cancel, errbuf, errbufsize))
FORWARD_VOID(PQfreeCancel, (PGcancel *cancel), (cancel))
// Pipelines came with libpq 14: asked for only where CLibpq_pipelines() says they are there.
FORWARD(int, PQenterPipelineMode, (PGconn *conn), (conn))
FORWARD(int, PQexitPipelineMode, (PGconn *conn), (conn))
FORWARD(int, PQpipelineSync, (PGconn *conn), (conn))

int CLibpq_pipelines(void) { return !CLibpq_load() && dlsym(library, "PQenterPipelineMode") != NULL; }

FORWARD(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg))

static void ignore_notice(void *argument, const char *message) {
  (void)argument;
  (void)message;
}

void CLibpq_silence(PGconn *conn) { PQsetNoticeProcessor(conn, ignore_notice, NULL); }

// libcrypto's one-shot SHA256, found through libpq's handle (dlsym searches what libpq loaded):
// the chain is checked with the same code TLS uses, at no cost to the build.
typedef unsigned char *(*sha256_function)(const unsigned char *, size_t, unsigned char *);
static sha256_function sha256;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void find_sha256(void) {
  if (!CLibpq_load()) sha256 = (sha256_function)dlsym(library, "SHA256");
}

int CLibpq_sha256(const void *bytes, size_t length, unsigned char *digest) {
  pthread_once(&sha256_once, find_sha256);
  if (!sha256) return -1;
  sha256((const unsigned char *)bytes, length, digest);
  return 0;
}

// TLS 1.3 sends a key share for one group, guessed: OpenSSL 3 guesses X25519, and PostgreSQL
// before 18 takes only P-256 (ssl_ecdh_curve), so the server asks again (a HelloRetryRequest),
// a whole round trip more on every connection: 50 ms at 50 ms. Unless this machine's OpenSSL
// configuration says how TLS is to be done (an ssl_conf section), this process offers P-256
// first; X25519 and the rest are still offered. OpenSSL is reached through libpq's handle,
// as SHA256 is; anything missing (a libpq without OpenSSL, an older OpenSSL) leaves it as it was.
typedef struct conf_st CONF;
typedef struct bio_st BIO;

static const char p256_first[] =
    "openssl_conf = breakthrough_init\n"
    "[breakthrough_init]\nssl_conf = breakthrough_ssl\n"
    "[breakthrough_ssl]\nsystem_default = breakthrough_tls\n"
    "[breakthrough_tls]\nGroups = P-256:X25519:P-384:X448:P-521\n";

#define OPENSSL_FUNCTION(type, name, parameters) type(*name) parameters = (type(*) parameters)dlsym(library, #name)

static void offer_p256_first(void) {
  OPENSSL_FUNCTION(int, OPENSSL_init_ssl, (uint64_t, const void *));
  OPENSSL_FUNCTION(char *, CONF_get1_default_config_file, (void));
  OPENSSL_FUNCTION(CONF *, NCONF_new, (void *));
  OPENSSL_FUNCTION(int, NCONF_load, (CONF *, const char *, long *));
  OPENSSL_FUNCTION(int, NCONF_load_bio, (CONF *, BIO *, long *));
  OPENSSL_FUNCTION(char *, NCONF_get_string, (const CONF *, const char *, const char *));
  OPENSSL_FUNCTION(void, NCONF_free, (CONF *));
  OPENSSL_FUNCTION(BIO *, BIO_new_mem_buf, (const void *, int));
  OPENSSL_FUNCTION(int, BIO_free, (BIO *));
  OPENSSL_FUNCTION(int, CONF_modules_load, (const CONF *, const char *, unsigned long));
  OPENSSL_FUNCTION(void, CRYPTO_free, (void *, const char *, int));
  OPENSSL_FUNCTION(void, ERR_clear_error, (void));
  if (!OPENSSL_init_ssl || !CONF_get1_default_config_file || !NCONF_new || !NCONF_load || !NCONF_load_bio ||
      !NCONF_get_string || !NCONF_free || !BIO_new_mem_buf || !BIO_free || !CONF_modules_load || !CRYPTO_free ||
      !ERR_clear_error)
    return;
  // What libpq would do first: this machine's configuration, loaded once for the process.
  if (!OPENSSL_init_ssl(0x40 /* OPENSSL_INIT_LOAD_CONFIG */, NULL)) return;
  int configured = 0;
  char *path = CONF_get1_default_config_file();
  CONF *system = NCONF_new(NULL);
  long line = 0;
  if (path && system && NCONF_load(system, path, &line)) {
    const char *init = NCONF_get_string(system, NULL, "openssl_conf");
    configured = init && NCONF_get_string(system, init, "ssl_conf");
  }
  if (system) NCONF_free(system);
  CRYPTO_free(path, __FILE__, __LINE__);
  if (!configured) {
    CONF *ours = NCONF_new(NULL);
    BIO *text = BIO_new_mem_buf(p256_first, -1);
    if (ours && text && NCONF_load_bio(ours, text, &line)) CONF_modules_load(ours, NULL, 0);
    if (text) BIO_free(text);
    if (ours) NCONF_free(ours);
  }
  // A missing file or section leaves errors on this thread's queue, which libpq would report.
  ERR_clear_error();
}
