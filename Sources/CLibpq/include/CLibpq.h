// CLibpq: PostgreSQL's client library, as Debian's libpq-dev declares it, loaded only when a
// team ledger is opened. Only the team ledger's connection (BreakthroughStore/
// PostgresConnection.swift) imports it.
#ifndef CLIBPQ_H
#define CLIBPQ_H

#include <postgresql/libpq-fe.h>

/// Loads libpq if it is not loaded yet. NULL when it is; else why it could not be (the loader's
/// words). Every PQ function below may be called only after this returned NULL.
const char *CLibpq_load(void);

/// Whether the loaded libpq can send several statements before their answers (pipeline mode,
/// libpq 14 and later): 1 when it can. PQenterPipelineMode and its kin only then.
int CLibpq_pipelines(void);

/// Makes libpq keep its notices (a server shutting down, a warning) to itself: nothing it says
/// may reach a terminal that a screen draws on; failures come back as results, in our words.
void CLibpq_silence(PGconn *conn);

/// SHA-256 of `first_length` bytes at `first` followed by `second_length` bytes at `second`, into
/// `digest` (32 bytes), from the libcrypto that libpq already loaded (libpq links libssl).
/// Returns 0, or -1 when no libcrypto is loaded.
int CLibpq_sha256(const void *first, size_t first_length, const void *second, size_t second_length,
                  unsigned char *digest);

#endif
