import BreakthroughCore
import Foundation

/// How a team ledger opens in one round trip after connecting: one query asks the server for
/// everything an open checks — the schema's version, who the login is, its hash of the last
/// event this machine verified — and every row after that event, which is checked against the
/// chain and kept as it arrives. Anything unusual (a copy changed since it was verified, an
/// alarm, another schema, a login that is no member) is left to the open step by step, which
/// says what is wrong.
extension TeamLedger {
  /// Opens the ledger on `connection` in one query; false, having kept nothing, when the open
  /// must go step by step.
  func openInOneRead(on connection: PostgresConnection) throws(PostgresFailure) -> Bool {
    guard alarm == nil, let verified = verifiedCopy() else { return false }
    // The query holds numbers only, never people's text: so it can be several statements,
    // sent at once (a screen listens first, so that no row falls between).
    let header = listens ? 1 : 0
    let sql =
      (listens ? "listen breakthrough; " : "")
      + "select (select value from breakthrough_meta where key = 'schema_version'), session_user::text, "
      + "(select handle from members where role = session_user), "
      + "(select encode(hash, 'hex') from events where seq = \(verified.count)), pg_backend_pid()::text, "
      + "(select coalesce(max(seq), 0) from events)::text; "
      + Self.rowsCopy(after: verified.count)
    var member: Handle?
    var serverProcess: Int?
    var (read, toRead) = (0, 0)
    var rows = TeamRowsRead(after: verified)
    chain = verified
    mirror.defersSnapshots = true
    defer { mirror.defersSnapshots = false }
    do {
      try keepingBatches { keeper in
        try connection.copy(sql) { row in
          guard row.statement == header, row.text(0) == String(TeamSchema.version),
            verified.count == 0 || row.text(3) == verified.hex
          else { return }
          member = row.text(2).flatMap { try? Handle($0) }
          serverProcess = row.text(4).flatMap { Int($0) }
          toRead = max(0, (row.text(5).flatMap { Int($0) } ?? 0) - verified.count)
        } copied: { (row) throws(PostgresFailure) in
          guard member != nil else { return }
          try take(row, into: &rows, handingBatchesTo: keeper)
          read += 1
          if read % Self.batch == 0 { readProgress?(read, max(read, toRead)) }
        }
      }
    } catch let failure as PostgresFailure where failure.isConnectionLost {
      throw failure
    } catch {
      return false
    }
    guard let member else { return false }
    if read > 0 { readProgress?(read, read) }
    if let serverProcess, connection.isPooled(serverProcess: serverProcess) { try checkPooler(serverProcess: serverProcess) }
    self.connection = connection
    identity = member
    Self.remember(member, at: mirrorPath)
    lastCatchUp = clock()
    do {
      try keep(&rows, remembering: false)
      // The snapshot is made while the system writes the mirror's lines to disk; the chain's
      // record, which vouches for them, only once they are there.
      mirror.defersSnapshots = false
      if rows.first > rows.start { rememberChain() }
    } catch let failure as PostgresFailure { throw failure } catch { throw PostgresFailure(message: "\(error)") }
    return true
  }

  /// The chain this machine verified, when its copy is still as it was then (an empty copy
  /// never read has nothing to verify); nil when the copy must be checked line by line.
  func verifiedCopy() -> TeamChain? {
    guard let record = TeamChainRecord.load(beside: mirrorPath) else { return mirror.lineCount == 0 ? TeamChain() : nil }
    return record.chain.count == mirror.lineCount && record.vouches(forMirrorAt: mirrorPath) ? record.chain : nil
  }

  /// Through a pooler, checks once per machine that it pools whole sessions: in PgBouncer's
  /// transaction mode the server process this connection used goes to the next client as soon
  /// as the query ends, so a second connection is handed that very process — and what a
  /// session set up (a screen's LISTEN) is not this connection's any more.
  func checkPooler(serverProcess: Int) throws(PostgresFailure) {
    let checked = mirrorPath + ".session-pooler"
    guard access(checked, F_OK) != 0 else { return }
    let second = try PostgresConnection(location)
    let handedOn = try second.execute("select pg_backend_pid()::text").first?.first ?? nil
    guard handedOn != String(serverProcess) else {
      throw PostgresFailure(
        message: "the team ledger at \(location.place) is reached through a pooler that lends the server to other clients between "
          + "statements (PgBouncer's pool_mode = transaction), so a screen would not hear others' moves: point the URL at a pooler in "
          + "session mode (pool_mode = session) or at the server itself; nothing was recorded")
    }
    _ = FileManager.default.createFile(atPath: checked, contents: nil)
  }
}
