// libpq and what it needs (TLS, Kerberos, LDAP: some twenty libraries) took about 8 ms to load
// and initialise at every start of every command, team ledger or not. It is opened here, on
// first use, and each PQ function the store calls forwards to the loaded one.
#include "CLibpq.h"
#include "KeyShare.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *library;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_library(void) {
  library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    snprintf(failure, sizeof failure, "%s", dlerror());
    return;
  }
  CLibpq_offer_p256_first(library);
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

// libcrypto's SHA-256, found through libpq's handle (dlsym searches what libpq loaded): the chain
// is checked with the same code TLS uses, at no cost to the build. The low-level SHA256_Init,
// _Update and _Final go straight to the hashing; OpenSSL 3's one-shot SHA256 looks the algorithm
// up by name on every call, which cost more than the hashing on a ledger's first read. They are
// only deprecated, but should a libcrypto lack them, the one-shot is used on one copied buffer.
typedef unsigned char *(*sha256_function)(const unsigned char *, size_t, unsigned char *);
typedef int (*sha256_init_function)(void *);
typedef int (*sha256_update_function)(void *, const void *, size_t);
typedef int (*sha256_final_function)(unsigned char *, void *);
static sha256_function sha256;
static sha256_init_function sha256_init;
static sha256_update_function sha256_update;
static sha256_final_function sha256_final;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void find_sha256(void) {
  if (CLibpq_load()) return;
  sha256 = (sha256_function)dlsym(library, "SHA256");
  sha256_init = (sha256_init_function)dlsym(library, "SHA256_Init");
  sha256_update = (sha256_update_function)dlsym(library, "SHA256_Update");
  sha256_final = (sha256_final_function)dlsym(library, "SHA256_Final");
}

// Room for OpenSSL's SHA256_CTX (112 bytes since 0.9.8), aligned for its words.
typedef union {
  unsigned char bytes[256];
  unsigned long long align;
} sha256_context;

int CLibpq_sha256(const void *first, size_t first_length, const void *second, size_t second_length,
                  unsigned char *digest) {
  pthread_once(&sha256_once, find_sha256);
  if (sha256_init && sha256_update && sha256_final) {
    sha256_context context;
    if (sha256_init(&context) != 1 || sha256_update(&context, first, first_length) != 1 ||
        sha256_update(&context, second, second_length) != 1 || sha256_final(digest, &context) != 1)
      return -1;
    return 0;
  }
  if (!sha256) return -1;
  unsigned char *both = malloc(first_length + second_length + 1);
  if (!both) return -1;
  if (first_length) memcpy(both, first, first_length);
  if (second_length) memcpy(both + first_length, second, second_length);
  sha256(both, first_length + second_length, digest);
  free(both);
  return 0;
}
