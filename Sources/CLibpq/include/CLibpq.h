// CLibpq: PostgreSQL's client library, as Debian's libpq-dev declares it, loaded only when a
// team ledger is opened. Only the team ledger's connection (BreakthroughStore/
// PostgresConnection.swift) imports it.
#ifndef CLIBPQ_H
#define CLIBPQ_H

#include <postgresql/libpq-fe.h>

/// Loads libpq if it is not loaded yet. NULL when it is; else why it could not be (the loader's
/// words). Every PQ function below may be called only after this returned NULL.
const char *CLibpq_load(void);

#endif
