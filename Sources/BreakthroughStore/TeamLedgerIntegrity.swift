import BreakthroughCore
import Foundation

/// How a team ledger's mirror stays a faithful copy: every row read is checked against the
/// server's hash chain, the copy is checked again whenever the file changed since it was last
/// verified, and a past that changed (at the server or in the copy) is named and never believed.
extension TeamLedger {
  /// How many rows a read gathers before the mirror keeps them: a first read of a long ledger
  /// never holds it all twice, and the mirror folds each batch while the next arrives.
  static let batch = 20_000

  /// Reads the rows this machine has not verified into the mirror, in one copy whose rows
  /// are checked against the chain and kept as they arrive.
  func catchUp() throws {
    guard let connection else { return }
    if mirror.lineCount < chain.count {
      try readMirrorAgain(
        saying: "this machine's copy of the team ledger at \(location.place) lost lines it had; it was read again from the server")
    }
    var rows = TeamRowsRead(after: chain)
    mirror.defersSnapshots = true
    defer { mirror.defersSnapshots = false }
    try keepingBatches { keeper in
      try connection.copy(Self.rowsCopy(after: chain.count), { _ in }) { (row) throws(PostgresFailure) in
        try take(row, into: &rows, handingBatchesTo: keeper)
      }
    }
    lastCatchUp = clock()
    try keep(&rows)
  }

  /// Runs `read` with a keeper that keeps its full batches on a thread of its own, and waits
  /// until every batch is kept. Nothing of the ledger (the mirror, the chain, the alarm) may be
  /// touched in `read`, since the keeper changes them meanwhile.
  func keepingBatches(_ read: (TeamRowsKeeper) throws -> Void) throws {
    // The keeper and this thread take turns at the ledger: the keeper between `hand` and
    // `finish`, this thread before and after.
    nonisolated(unsafe) let ledger = self
    let keeper = TeamRowsKeeper { rows in try ledger.keep(&rows, remembering: false) }
    do { try read(keeper) } catch {
      try? keeper.finish()
      throw error
    }
    try keeper.finish()
  }

  /// The statement that copies the rows after event `count`, each its line and its hash, in
  /// order: their bytes as the server keeps them (a number only, never people's text, is in it).
  static func rowsCopy(after count: Int) -> String {
    "copy (select line, hash from events where seq > \(count) order by seq) to stdout (format binary)"
  }

  /// Takes one copied row of a read, handing what was gathered to the keeper every `batch` rows.
  func take(_ row: BinaryCopyRows.Row, into rows: inout TeamRowsRead, handingBatchesTo keeper: TeamRowsKeeper)
    throws(PostgresFailure)
  {
    guard row.count == 2 else { throw PostgresFailure(message: "the server's rows could not be read (a row of \(row.count) fields)") }
    rows.take(line: row.field(0), storedHash: row.field(1))
    guard rows.count >= Self.batch else { return }
    do { try keeper.hand(rows) } catch let error as PostgresFailure { throw error } catch { throw PostgresFailure(message: "\(error)") }
    rows.clear(reusing: keeper.spareBuffer())
  }

  /// Puts verified rows into the mirror and, `remembering`, the chain's new head beside it (a
  /// read's batches leave that to its last, which remembers theirs too: one record, not one a
  /// batch); a row that no longer matches its hash raises the alarm. No rows: the mirror is
  /// read for others' lines.
  func keep(_ rows: inout TeamRowsRead, remembering: Bool = true) throws {
    guard rows.count > 0 else {
      try mirror.refresh()
      if remembering, rows.first > rows.start { rememberChain() }
      return
    }
    // Synced by `rememberChain`, once, before the record that vouches for them.
    if try !mirror.appendMirrored(bytes: rows.bytes, lines: rows.count, first: rows.first, syncing: false) { try mirror.refresh() }
    chain = rows.chain
    if remembering { rememberChain() }
    if let broken = rows.brokenAt, alarm?.brokenAt != broken {
      raiseAlarm(
        "the past of the team ledger at \(location.place) was changed: event \(broken) no longer matches the hash it was "
          + "written with (its line was changed at the server afterwards); ask the owner, and compare `breakthrough store check` "
          + "on two machines", remembering: nil, brokenAt: broken)
    }
    rows.clear()
  }

  /// Checks this machine's copy before it is used: a copy as it was when last verified is
  /// compared with the server's head; any other is checked line by line against the server's
  /// hashes. The server's chain decides: a copy that disagrees is read again, and the person
  /// told which line, and since when.
  func matchMirror(to connection: PostgresConnection) throws(PostgresFailure) {
    let count = mirror.lineCount
    let record = TeamChainRecord.load(beside: mirrorPath)
    if let record, record.chain.count == count, record.vouches(forMirrorAt: mirrorPath) {
      guard count > 0, try serverHash(of: count, on: connection) != record.chain.hex else {
        chain = record.chain
        return
      }
      let line = try firstDifference(upTo: count, on: connection).line ?? count
      raiseAlarm(pastChanged(at: line, since: record.verifiedAt), remembering: record.chain)
      try readMirrorAgain(saying: nil)
      return
    }
    let difference = try firstDifference(upTo: count, on: connection)
    guard let line = difference.line else {
      chain = difference.chain
      rememberChain()
      return
    }
    if let record, line <= record.chain.count, record.chain.count > 0,
      try serverHash(of: record.chain.count, on: connection) != record.chain.hex
    {
      raiseAlarm(pastChanged(at: line, since: record.verifiedAt), remembering: record.chain)
      try readMirrorAgain(saying: nil)
    } else if let record {
      try readMirrorAgain(
        saying: "line \(line) of this machine's copy of the team ledger at \(location.place) was changed on this machine after "
          + "\(Self.moment(record.verifiedAt)), when it was last verified; it was not believed: the copy was read again from the server")
    } else {
      try readMirrorAgain(
        saying: "this machine's copy of the team ledger at \(location.place) differs from the server's at line \(line); "
          + "it was read again from the server")
    }
  }

  private func pastChanged(at line: Int, since verified: Date) -> String {
    "the past of the team ledger at \(location.place) was changed: event \(line) is not what this machine verified at "
      + "\(Self.moment(verified)) (changed at the server by its owner, or the server restored from a backup); this machine shows "
      + "the server's version: compare `breakthrough store check` on two machines, and ask the owner"
  }

  static func moment(_ date: Date) -> String {
    let local = LocalMoment(date, in: .current)
    return "\(local.clock) on \(local.day)"
  }

  /// The server's hash of event `seq`, in hexadecimal; nil when it holds no such event.
  func serverHash(of seq: Int, on connection: PostgresConnection) throws(PostgresFailure) -> String? {
    try connection.execute("select encode(hash, 'hex') from events where seq = $1", [String(seq)]).first?.first ?? nil
  }

  /// The first of the mirror's first `count` lines whose chained hash is not the server's (nil
  /// when all agree), with the chain over the lines that do.
  func firstDifference(upTo count: Int, on connection: PostgresConnection) throws(PostgresFailure) -> (line: Int?, chain: TeamChain) {
    let data = [UInt8](FileManager.default.contents(atPath: mirrorPath) ?? Data())
    var local = TeamChain()
    var agreed = TeamChain()
    var difference: Int?
    var offset = 0
    _ = try data.withUnsafeBufferPointer { (bytes: UnsafeBufferPointer<UInt8>) throws(PostgresFailure) in
      try connection.forEachLine("select encode(hash, 'hex'), '' from events where seq <= $1 order by seq", [String(count)]) {
        hex, _ in
        guard difference == nil else { return }
        let end = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
        let computed = local.append(UnsafeBufferPointer(rebasing: bytes[offset..<end]))
        offset = min(end + 1, bytes.count)
        if TeamChain.bytes(hex: hex) == computed { agreed = local } else { difference = local.count }
      }
    }
    // A server holding fewer events than the copy lost the rest (restored from a backup).
    if difference == nil, agreed.count < count { difference = agreed.count + 1 }
    return (difference, agreed)
  }

  /// A warning the mirror gave about one of its lines (`path:N: reason`), said of the team
  /// ledger's event N, with who wrote it and when as the server recorded it; the file's advice
  /// to mend a line by hand is not for a ledger no one edits.
  func teamWords(_ warning: String) -> String {
    let prefix = mirrorPath + ":"
    guard warning.hasPrefix(prefix) else { return warning }
    let rest = warning.dropFirst(prefix.count)
    guard let colon = rest.firstIndex(of: ":"), let line = Int(rest[..<colon]) else { return warning }
    var reason = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    if let advice = reason.range(of: ". Writes are refused") {
      reason = String(reason[..<advice.lowerBound]) + "; it is left out, and writes go on"
    }
    let written =
      (try? connection?.execute(
        "select written_by::text, to_char(written_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from events where seq = $1",
        [String(line)]))?.first
    var author = ""
    if let written, written.count == 2, let login = written[0] {
      let when = written[1].flatMap { ISO8601DateFormatter().date(from: $0) }.map { " at " + Self.moment($0) } ?? ""
      author = " (written by the login \(Escaping.forDisplay(login))\(when))"
    }
    return "event \(line) of the team ledger at \(location.place)\(author): \(reason)"
  }

  /// Writes the chain's record beside the mirror, once the mirror's lines are on disk: the
  /// record vouches for them, and a first read keeps its batches without waiting for the disk
  /// (another process's may be unsynced too, so the file is synced whatever this one wrote).
  /// When they cannot be synced, no record is left: the next open checks the mirror again.
  func rememberChain() {
    do {
      try mirror.syncMirrored()
      TeamChainRecord.save(chain, beside: mirrorPath, at: clock())
    } catch {
      unlink(mirrorPath + ".chain")
    }
  }

  /// Forgets this machine's copy and reads it again from the server.
  func readMirrorAgain(saying warning: String?) throws(PostgresFailure) {
    for path in [mirrorPath, mirrorPath + ".snapshot", mirrorPath + ".chain"] { unlink(path) }
    do { mirror = try FileLedger(path: mirrorPath) } catch { throw PostgresFailure(message: error.description) }
    mirror.writesSnapshotsAside = snapshotsAside
    _ = mirror.takeWarnings()
    chain = TeamChain()
    if let warning { pendingWarnings.append(warning) }
  }

  /// Says a change to the past, now and on every screen until it is resolved.
  func raiseAlarm(_ message: String, remembering head: TeamChain?, brokenAt broken: Int? = nil) {
    let raised = TeamAlarm(message: message, head: head, brokenAt: broken)
    raised.save(beside: mirrorPath)
    alarm = raised
    pendingWarnings.append(message)
  }

  /// An alarm is resolved when the server again holds the head this machine had verified, or
  /// the event that broke the chain matches its hash again.
  func resolveAlarm(on connection: PostgresConnection) throws(PostgresFailure) {
    guard let alarm else { return }
    let resolved: Bool
    if let head = alarm.head {
      resolved = try serverHash(of: head.count, on: connection) == head.hex
    } else if let broken = alarm.brokenAt {
      let rows = try connection.execute(
        "select encode(sha256(coalesce((select hash from events where seq = $1 - 1), ''::bytea) || convert_to(line::text, 'UTF8')), 'hex') "
          + "= encode(hash, 'hex') from events where seq = $1", [String(broken)])
      resolved = rows.first?.first == "t"
    } else {
      resolved = true
    }
    guard resolved else { return }
    TeamAlarm.remove(beside: mirrorPath)
    self.alarm = nil
    pendingWarnings.append("the past of the team ledger at \(location.place) is as this machine verified it again")
    try readMirrorAgain(saying: nil)
  }
}
