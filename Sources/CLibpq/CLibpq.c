// libpq and what it needs (TLS, Kerberos, LDAP: some twenty libraries) took about 8 ms to load
// and initialise at every start of every command, team ledger or not. It is opened here, on
// first use, and each PQ function the store calls forwards to the loaded one.
#include "CLibpq.h"
#include "KeyShare.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

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
