// CLibpq: PostgreSQL's client library, as Debian's libpq-dev installs it. Only the team
// ledger's connection (BreakthroughStore/PostgresConnection.swift) imports it.
#include <postgresql/libpq-fe.h>
