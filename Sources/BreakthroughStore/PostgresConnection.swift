import BreakthroughCore
import CLibpq
import Foundation

/// One connection to a PostgreSQL server through libpq: statements with text parameters only
/// (no SQL is ever built from people's text), each failure a `PostgresFailure`, and the socket
/// for waiting on notifications. libpq reads the URL, the `PG*` variables, `~/.pgpass` and the
/// TLS settings exactly as `psql` does.
final class PostgresConnection {
  private let connection: OpaquePointer

  /// Connects to `location`, waiting until it is made or refused (at most `connect_timeout`).
  /// No message it gives holds the password.
  convenience init(_ location: TeamLocation) throws(PostgresFailure) {
    let connection = try Self.begin(location, waiting: true)
    guard PQstatus(connection) == CONNECTION_OK else { throw Self.failure(connecting: connection, at: location) }
    self.init(established: connection)
  }

  // The server's notices (`if not exists`, a rollback with nothing to roll back) are for a
  // database administrator: libpq keeps them to itself (`CLibpq_silence`), at no round trip.
  fileprivate init(established connection: OpaquePointer) {
    self.connection = connection
  }

  /// Starts connecting to `location`: done when `waiting`, else under way (`PendingConnection`).
  fileprivate static func begin(_ location: TeamLocation, waiting: Bool) throws(PostgresFailure) -> OpaquePointer {
    if let failure = CLibpq_load() {
      throw PostgresFailure(
        message: "cannot open PostgreSQL's client library, which a team ledger needs (\(String(cString: failure))): "
          + "install it with apt install libpq5")
    }
    var parseError: UnsafeMutablePointer<CChar>?
    guard let parsed = PQconninfoParse(location.url, &parseError) else {
      let reason = location.hidingPassword(parseError.map { Self.reason(String(cString: $0)) } ?? "out of memory")
      if let parseError { PQfreemem(parseError) }
      throw PostgresFailure(
        message: "the team ledger's URL is not valid (\(reason)): write it as postgres://USER@HOST/DATABASE, with only "
          + "libpq's parameters after ? (such as sslmode=verify-full)")
    }
    let files = Self.unreadableFile(in: parsed)
    PQconninfoFree(parsed)
    if let files { throw files }
    // A dead network must not hold a screen for minutes: connecting gives up after 5 s, and a
    // connection that stops answering is found within about 20. GSSAPI encryption, tried first
    // by default, costs a round trip to be told no by nearly every server. The URL may say otherwise.
    let keywords = [
      "connect_timeout", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout", "application_name",
      "gssencmode", "dbname",
    ]
    let values = [String(Int(connectTimeout)), "10", "5", "2", "15000", "breakthrough", "disable", location.url]
    let connection = Self.withCStrings(keywords) { keywordPointers in
      Self.withCStrings(values) { valuePointers in
        waiting ? PQconnectdbParams(keywordPointers, valuePointers, 1) : PQconnectStartParams(keywordPointers, valuePointers, 1)
      }
    }
    guard let connection else {
      throw PostgresFailure(message: "cannot reach the team ledger at \(location.place): out of memory", isConnectionLost: true)
    }
    // libpq prints a server's notices (a shutdown among them) to standard error, over a screen.
    CLibpq_silence(connection)
    return connection
  }

  /// The files the URL names for TLS, each with what it is to a person.
  private static let tlsFiles = [
    ("sslcert", "your certificate"), ("sslkey", "your certificate's key"), ("sslrootcert", "the certificate of the team's authority"),
  ]

  /// A failure naming the first file the URL's TLS settings point at that this user cannot
  /// read: libpq goes on without a missing certificate, and the server's refusal would not say
  /// which file was wrong.
  private static func unreadableFile(in options: UnsafeMutablePointer<PQconninfoOption>) -> PostgresFailure? {
    var option = options
    var given: [String: String] = [:]
    while let keyword = option.pointee.keyword {
      if let value = option.pointee.val { given[String(cString: keyword)] = String(cString: value) }
      option += 1
    }
    for (keyword, what) in tlsFiles {
      // `sslrootcert=system` (libpq 16) names the machine's own authorities, not a file.
      guard let path = given[keyword], !path.isEmpty, path != "system", access(path, R_OK) != 0 else { continue }
      let why = String(cString: strerror(errno)).lowercased()
      return PostgresFailure(
        message: "cannot read \(what) at \(Escaping.forDisplay(path)) (\(why)), named by \(keyword)= in the team ledger's URL: "
          + "correct the path, or make the file readable by you")
    }
    return nil
  }

  /// How long making a connection may take.
  static let connectTimeout: TimeInterval = 5

  /// Why `connection` could not be made, in words; the connection is let go.
  fileprivate static func failure(connecting connection: OpaquePointer, at location: TeamLocation) -> PostgresFailure {
    let reason = location.hidingPassword(Self.reason(String(cString: PQerrorMessage(connection))))
    PQfinish(connection)
    return Self.connectionFailure(reason, place: location.place)
  }

  deinit { PQfinish(connection) }

  /// The socket to wait on for notifications.
  var socket: Int32 { PQsocket(connection) }

  /// Whether the connection is encrypted with TLS.
  var usesTLS: Bool { PQsslInUse(connection) != 0 }

  /// Whether the server asked for a password to let this login in (and was given one).
  var usedPassword: Bool { PQconnectionUsedPassword(connection) != 0 }

  /// The connection's setting `name` (`sslmode`, `host`…), as libpq resolved it.
  func setting(_ name: String) -> String? {
    guard let options = PQconninfo(connection) else { return nil }
    defer { PQconninfoFree(options) }
    var option = options
    while let keyword = option.pointee.keyword {
      if String(cString: keyword) == name { return option.pointee.val.map { String(cString: $0) } }
      option += 1
    }
    return nil
  }

  /// Runs one statement; returns its rows, each column as text (nil for NULL).
  @discardableResult
  func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresFailure) -> [[String?]] {
    let result: OpaquePointer? = Self.withOptionalCStrings(parameters) { pointers in
      PQexecParams(connection, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
    }
    guard let result else { throw failure(nil) }
    defer { PQclear(result) }
    switch PQresultStatus(result) {
    case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
      var rows: [[String?]] = []
      let rowCount = PQntuples(result)
      let columnCount = PQnfields(result)
      rows.reserveCapacity(Int(rowCount))
      for row in 0..<rowCount {
        rows.append(
          (0..<columnCount).map { column in
            PQgetisnull(result, row, column) != 0 ? nil : String(cString: PQgetvalue(result, row, column))
          })
      }
      return rows
    default:
      throw failure(result)
    }
  }

  /// Whether a pooler stands between this connection and the server: the key libpq was given
  /// for cancelling is not the server process's (`serverProcess`, from `pg_backend_pid()`).
  func isPooled(serverProcess: Int) -> Bool { Int(PQbackendPID(connection)) != serverProcess }

  /// One row of a streamed result, valid only during the call that is given it.
  struct StreamedRow {
    fileprivate let result: OpaquePointer
    fileprivate let row: Int32
    /// Which statement of the query the row answers (0 for the first).
    let statement: Int

    /// Column `column` as bytes, without a copy.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
      let length = Int(PQgetlength(result, row, column))
      guard let value = PQgetvalue(result, row, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
      return UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// Column `column` as text; nil for NULL.
    func text(_ column: Int32) -> String? {
      PQgetisnull(result, row, column) != 0 ? nil : String(cString: PQgetvalue(result, row, column))
    }
  }

  /// Runs `sql` and hands each row to `body` as the server sends it, so that a long read is
  /// checked and kept as it arrives, never held whole. With `parameters` it is one statement
  /// with text parameters; without, it may be several separated by `;` (whose rows say which
  /// statement they answer), all in one round trip. With `whileWaiting`, that is called every
  /// tenth of a second while the server has not answered (a write waiting for the writers'
  /// lock); when it returns false, the server is asked to cancel, and the failure says so
  /// (SQLSTATE 57014). Returns how many rows came.
  @discardableResult
  func stream(
    _ sql: String, _ parameters: [String?]?, whileWaiting: (() -> Bool)? = nil,
    _ body: (StreamedRow) throws(PostgresFailure) -> Void
  ) throws(PostgresFailure) -> Int {
    let sent =
      parameters.map { parameters in
        Self.withOptionalCStrings(parameters) { PQsendQueryParams(connection, sql, Int32(parameters.count), nil, $0, nil, nil, 0) }
      } ?? PQsendQuery(connection, sql)
    guard sent != 0 else { throw failure(nil) }
    _ = PQsetSingleRowMode(connection)
    var problem: PostgresFailure?
    var statement = 0
    var count = 0
    var cancelled = false
    while let result = nextResult(whileWaiting, cancelled: &cancelled, problem: &problem) {
      defer { PQclear(result) }
      let status = PQresultStatus(result)
      switch status {
      case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK:
        for row in 0..<PQntuples(result) where problem == nil {
          do throws(PostgresFailure) {
            try body(StreamedRow(result: result, row: row, statement: statement))
            count += 1
          } catch { problem = error }
        }
        if status == PGRES_TUPLES_OK { statement += 1 }
      case PGRES_COMMAND_OK:
        statement += 1
      default:
        if problem == nil { problem = failure(result) }
      }
    }
    if let problem { throw problem }
    return count
  }

  /// Runs `sql`, one or more statements separated by `;` and sent at once (one round trip),
  /// the last a `copy (…) to stdout (format binary)`: the rows of the statements before it go
  /// to `body` as `stream` hands them, then each copied row to `copied` as it arrives, its
  /// fields as bytes without a copy (no result is made per row, nothing is hex). The first
  /// failure, of the server or of a callback, is thrown once the server is done.
  func copy(
    _ sql: String, _ body: (StreamedRow) throws(PostgresFailure) -> Void,
    copied: (BinaryCopyRows.Row) throws(PostgresFailure) -> Void
  ) throws(PostgresFailure) {
    guard PQsendQuery(connection, sql) != 0 else { throw failure(nil) }
    var problem: PostgresFailure?
    var statement = 0
    var cutShort = false
    while let result = PQgetResult(connection) {
      defer { PQclear(result) }
      switch PQresultStatus(result) {
      case PGRES_TUPLES_OK:
        for row in 0..<PQntuples(result) where problem == nil {
          do throws(PostgresFailure) { try body(StreamedRow(result: result, row: row, statement: statement)) } catch { problem = error }
        }
        statement += 1
      case PGRES_COMMAND_OK:
        statement += 1
      case PGRES_COPY_OUT:
        cutShort = !readCopy(copied, problem: &problem)
      default:
        if problem == nil { problem = failure(result) }
      }
    }
    if problem == nil, cutShort {
      problem = PostgresFailure(message: "the server's rows could not be read (the copy stopped before its end)")
    }
    if let problem { throw problem }
  }

  /// Reads a copy to its end, handing its rows to `copied` until one fails (the rest is read
  /// and dropped: the connection is then ready for the next statement). Returns whether the
  /// copy's own end came.
  private func readCopy(_ copied: (BinaryCopyRows.Row) throws(PostgresFailure) -> Void, problem: inout PostgresFailure?) -> Bool {
    var rows = BinaryCopyRows()
    var buffer: UnsafeMutablePointer<CChar>?
    var length = PQgetCopyData(connection, &buffer, 0)
    while length > 0 {
      if problem == nil, let buffer {
        let piece = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(length))
        do {
          try rows.take(piece) { row in try copied(row) }
        } catch let failure as PostgresFailure {
          problem = failure
        } catch {
          problem = PostgresFailure(message: "the server's rows could not be read (\(error))")
        }
      }
      PQfreemem(buffer)
      length = PQgetCopyData(connection, &buffer, 0)
    }
    if length == -2, problem == nil { problem = failure(nil) }
    return rows.finished
  }

  /// Sends `statements`, each with text parameters, at once: one round trip for all. They run
  /// in one transaction, in order, and once one fails those after it do not run. Each row goes
  /// to `body` as it is read, saying which statement it answers; `whileWaiting` as for `stream`.
  /// Returns each statement's failure (nil: it ran), or nil, having sent nothing, when this
  /// libpq is older than 14 and cannot.
  func pipeline(
    _ statements: [(sql: String, parameters: [String?])], whileWaiting: (() -> Bool)?,
    _ body: (StreamedRow) throws(PostgresFailure) -> Void
  ) throws(PostgresFailure) -> [PostgresFailure?]? {
    guard CLibpq_pipelines() != 0, PQenterPipelineMode(connection) != 0 else { return nil }
    defer { _ = PQexitPipelineMode(connection) }
    for statement in statements {
      let sent = Self.withOptionalCStrings(statement.parameters) {
        PQsendQueryParams(connection, statement.sql, Int32(statement.parameters.count), nil, $0, nil, nil, 0)
      }
      guard sent != 0 else { throw failure(nil) }
    }
    guard PQpipelineSync(connection) != 0 else { throw failure(nil) }
    var failures: [PostgresFailure?] = Array(repeating: nil, count: statements.count)
    var problem: PostgresFailure?
    var cancelled = false
    // Each statement's results end with a NULL; the sync's own result comes last.
    for index in 0...statements.count {
      while let result = nextResult(whileWaiting, cancelled: &cancelled, problem: &problem) {
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        if status == PGRES_PIPELINE_SYNC { break }
        guard index < statements.count else { continue }
        switch status {
        case PGRES_TUPLES_OK:
          for row in 0..<PQntuples(result) where problem == nil {
            do throws(PostgresFailure) { try body(StreamedRow(result: result, row: row, statement: index)) } catch { problem = error }
          }
        case PGRES_COMMAND_OK, PGRES_PIPELINE_ABORTED:
          break
        default:
          failures[index] = failures[index] ?? failure(result)
        }
      }
    }
    if let problem { throw problem }
    // A connection lost on the way leaves statements without an answer: what ran is not known.
    guard PQstatus(connection) == CONNECTION_OK else { throw failure(nil) }
    return failures
  }

  /// The server's next result (nil: the statement's results are all here), waited for with
  /// `whileWaiting` when given; a connection lost while waiting becomes `problem`.
  private func nextResult(
    _ whileWaiting: (() -> Bool)?, cancelled: inout Bool, problem: inout PostgresFailure?
  ) -> OpaquePointer? {
    if let whileWaiting, problem == nil {
      do { try wait(whileWaiting, cancelled: &cancelled) } catch { problem = error }
    }
    return PQgetResult(connection)
  }

  /// Waits until the server's next answer is here, calling `whileWaiting` every tenth of a
  /// second; cancels the statement once it returns false.
  private func wait(_ whileWaiting: () -> Bool, cancelled: inout Bool) throws(PostgresFailure) {
    while true {
      guard PQconsumeInput(connection) != 0 else { throw failure(nil) }
      if PQisBusy(connection) == 0 { return }
      var ready = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
      if poll(&ready, 1, 100) == 0, !cancelled, !whileWaiting() {
        cancelled = true
        if let cancel = PQgetCancel(connection) {
          var reason = [CChar](repeating: 0, count: 256)
          _ = PQcancel(cancel, &reason, Int32(reason.count))
          PQfreeCancel(cancel)
        }
      }
    }
  }

  /// Runs a query whose rows are a line and its hash in hex, and hands each to `body` as bytes,
  /// without a String per row, as they arrive: a catch-up's rows, checked against the chain.
  @discardableResult
  func forEachLine(
    _ sql: String, _ parameters: [String?], _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) throws(PostgresFailure) -> Void
  ) throws(PostgresFailure) -> Int {
    try stream(sql, parameters) { (row) throws(PostgresFailure) in try body(row.bytes(0), row.bytes(1)) }
  }

  /// `values` as a PostgreSQL array literal of text (`{"a","b",NULL}`), for one parameter.
  static func textArray(_ values: [String?]) -> String {
    var literal = "{"
    for (index, value) in values.enumerated() {
      if index > 0 { literal += "," }
      guard let value else {
        literal += "NULL"
        continue
      }
      literal += "\""
      for character in value.unicodeScalars {
        if character == "\"" || character == "\\" { literal += "\\" }
        literal.unicodeScalars.append(character)
      }
      literal += "\""
    }
    return literal + "}"
  }

  /// Reads what the server sent and says whether a notification came (all are taken).
  func takeNotifications() throws(PostgresFailure) -> Bool {
    guard PQconsumeInput(connection) != 0 else { throw failure(nil) }
    var notified = false
    while let notification = PQnotifies(connection) {
      notified = true
      PQfreemem(notification)
    }
    return notified
  }

  private func failure(_ result: OpaquePointer?) -> PostgresFailure {
    func field(_ code: Int32) -> String? {
      guard let result, let value = PQresultErrorField(result, code) else { return nil }
      return String(cString: value)
    }
    let message = field(Int32(UInt8(ascii: "M"))) ?? Self.reason(String(cString: PQerrorMessage(connection)))
    return PostgresFailure(
      message: message, sqlState: field(Int32(UInt8(ascii: "C"))), constraint: field(Int32(UInt8(ascii: "n"))),
      hint: field(Int32(UInt8(ascii: "H"))), detail: field(Int32(UInt8(ascii: "D"))),
      isConnectionLost: PQstatus(connection) != CONNECTION_OK)
  }

  /// Why a connection failed, in words: a server that answered and said no (a wrong password,
  /// an unknown database or login) is not an outage, and says what to check.
  static func connectionFailure(_ reason: String, place: String) -> PostgresFailure {
    // This machine's certificate or key could not be used: no outage, a file to put right.
    if ["certificate file", "private key file", "certificate present"].contains(where: { reason.contains($0) }) {
      return PostgresFailure(
        message: "cannot use your certificate for the team ledger at \(place) (\(reason)): check sslcert= and sslkey= in the URL; "
          + "the key must be readable by you alone (chmod 600)")
    }
    let transient = ["starting up", "shutting down", "in recovery"].contains { reason.contains($0) }
    guard let fatal = reason.range(of: "FATAL:"), !transient else {
      return PostgresFailure(message: "cannot reach the team ledger at \(place) (\(reason))", isConnectionLost: true)
    }
    let said = reason[fatal.upperBound...].trimmingCharacters(in: .whitespaces)
    let fix =
      if said.contains("password") {
        "check the password (in the URL, PGPASSWORD or ~/.pgpass)"
      } else if said.contains("requires a valid client certificate") {
        "give your certificate and its key in the URL (sslcert=FILE&sslkey=FILE), made for your login by the team's authority"
      } else if said.contains("certificate authentication failed") {
        "the certificate given in sslcert= was made for another login: use the one made for this login, or that login in the URL"
      } else if said.contains("does not exist") {
        "check the database and the user in the URL"
      } else {
        "ask the team ledger's owner"
      }
    return PostgresFailure(message: "the team ledger at \(place) refused the connection: \(said); \(fix)")
  }

  /// libpq's message in one line, without its trailing newline or repeated lines.
  static func reason(_ message: String) -> String {
    // The common ways a connection ends, said as a person would; anything else as libpq said it.
    let known = [
      ("server closed the connection unexpectedly", "the server closed the connection: it stopped or restarted"),
      ("terminating connection due to administrator command", "the server was shut down"),
      ("terminating connection due to immediate shutdown", "the server was shut down"),
      ("Connection refused", "nothing answers there: is the server running?"),
      ("failed: No such file or directory", "no server answers at that socket: is it running?"),
      ("no connection to the server", "the connection to the server was lost"),
      ("could not translate host name", "that host name is unknown"),
      ("timeout expired", "no answer in time"),
    ]
    if let (_, words) = known.first(where: { message.contains($0.0) }), !message.contains("FATAL") {
      return words
    }
    let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    var seen: Set<String> = []
    return lines.filter { seen.insert($0).inserted }.joined(separator: "; ")
  }

  private static func withCStrings<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result) -> Result {
    let copies = strings.map { strdup($0) } + [nil]
    defer { for copy in copies { free(copy) } }
    return copies.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer { body($0.baseAddress!) }
  }

  private static func withOptionalCStrings<Result>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result)
    -> Result
  {
    let copies = strings.map { $0.map { strdup($0) } ?? nil }
    defer { for copy in copies { free(copy) } }
    return copies.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer { body($0.baseAddress) }
  }
}

/// What the server or libpq said when a statement failed.
struct PostgresFailure: Error, CustomStringConvertible {
  let message: String
  var sqlState: String?
  /// The constraint a unique violation names (`events_pkey`, `events_id_key`…).
  var constraint: String?
  var hint: String?
  /// The server's detail (the writers' lock's holders, for a write that waited too long).
  var detail: String?
  /// The connection is gone: it is not known whether a write that was sent arrived.
  var isConnectionLost = false

  var description: String { message }
}

extension PostgresFailure {
  /// A failure of ours, in the same words as the server's.
  init(message: String) {
    self.init(message: message, sqlState: nil, constraint: nil, hint: nil, detail: nil, isConnectionLost: false)
  }
}

/// A connection being made without waiting: a screen asks how it goes between keys, so a
/// server that does not answer never holds the screen still.
final class PendingConnection {
  private var connection: OpaquePointer?
  private let location: TeamLocation
  private let started = Date()
  /// What libpq waits for before it can go on: to read, or to write.
  private var waitsToWrite = true

  init(_ location: TeamLocation) throws(PostgresFailure) {
    self.location = location
    let connection = try PostgresConnection.begin(location, waiting: false)
    guard PQstatus(connection) != CONNECTION_BAD else { throw PostgresConnection.failure(connecting: connection, at: location) }
    self.connection = connection
  }

  deinit { if let connection { PQfinish(connection) } }

  /// The socket to wait on while it is under way.
  var socket: Int32 { connection.map { PQsocket($0) } ?? -1 }

  /// What to wait on the socket for (`poll`'s events): the next step reads, or writes.
  var awaited: Int16 { Int16(waitsToWrite ? POLLOUT : POLLIN) }

  enum Progress {
    case underWay
    case made(PostgresConnection)
    case failed(PostgresFailure)
  }

  /// Takes every step that needs no waiting: made, failed, or still under way.
  func advance() -> Progress {
    while let connection {
      var ready = pollfd(fd: PQsocket(connection), events: Int16(waitsToWrite ? POLLOUT : POLLIN), revents: 0)
      guard poll(&ready, 1, 0) > 0 else {
        guard Date().timeIntervalSince(started) > PostgresConnection.connectTimeout else { return .underWay }
        self.connection = nil
        PQfinish(connection)
        let seconds = Int(PostgresConnection.connectTimeout)
        return .failed(
          PostgresFailure(
            message: "cannot reach the team ledger at \(location.place) (no answer within \(seconds) s)", isConnectionLost: true))
      }
      switch PQconnectPoll(connection) {
      case PGRES_POLLING_OK:
        self.connection = nil
        return .made(PostgresConnection(established: connection))
      case PGRES_POLLING_FAILED:
        self.connection = nil
        return .failed(PostgresConnection.failure(connecting: connection, at: location))
      case PGRES_POLLING_READING:
        waitsToWrite = false
      default:
        waitsToWrite = true
      }
    }
    return .failed(PostgresFailure(message: "cannot reach the team ledger at \(location.place)", isConnectionLost: true))
  }
}
