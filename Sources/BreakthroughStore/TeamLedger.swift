import BreakthroughCore
import Foundation

/// The team ledger on a PostgreSQL server, behind the same protocol as the file. What was read
/// is kept in a mirror file on this machine (line N is the server's event N), folded by the
/// file ledger's own code, so an open costs what a file open costs plus the rows since. Writes
/// go to the server first and are never queued: offline, a write is refused and the screens
/// keep reading the mirror.
public final class TeamLedger: LedgerStore {
  public let location: TeamLocation
  var mirror: FileLedger
  let mirrorPath: String
  var connection: PostgresConnection?
  /// The chain as far as this machine verified it: `chain.count` events of the mirror.
  var chain = TeamChain()
  /// A change to the past seen and not yet resolved, shown on every screen.
  var alarm: TeamAlarm?
  /// A reconnection under way, for a screen: made step by step between keys.
  private var pending: PendingConnection?
  /// Closed as the command ends: nothing connects again.
  private var isClosed = false
  public internal(set) var identity: Handle?
  public var whileWaiting: (() -> Bool)?
  /// Whether to LISTEN for others' appends (the screens do; a one-shot command need not).
  let listens: Bool
  /// Whether the mirror's snapshots are written by a detached copy of the process: no answer
  /// or first frame waits for them (`FileLedger.writesSnapshotsAside`).
  let snapshotsAside: Bool
  /// The chain this machine verified, while a one-shot write has connected without asking the
  /// server anything: its write checks what an open checks, in the same round trip
  /// (`appendOpening`). Nil once the ledger is open.
  var unopened: TeamChain?
  let clock: () -> Date
  private var offline: (since: Date, reason: String)?
  private var nextAttempt = Date.distantPast
  private var backoff: TimeInterval = 1
  var lastCatchUp = Date.distantPast
  var pendingWarnings: [String] = []
  /// Told, while the open reads its rows, how many it has read of how many: a new machine's
  /// first read of a long ledger takes seconds. Let go once the ledger is open.
  var readProgress: ((_ read: Int, _ of: Int) -> Void)?

  /// How often a screen asks the server for rows even without a notification: it finds
  /// anything missed, and a connection that died quietly.
  static let heartbeat: TimeInterval = 30
  /// How often a write is tried again when others keep appending first.
  static let attempts = 24
  /// How often a write in one call may find that others appended first before it waits its turn.
  static let missesBeforeQueueing = 3

  /// Opens the team ledger at `location`, mirrored under `mirrorFolder`. An unreachable server
  /// is not an error here: the mirror is read, and `connectionNote` says so. A server without
  /// the schema, with a newer one, or a login that is not a member, is. `forWriting`: a command
  /// that is about to write, whose copy is as this machine verified it, only connects; its
  /// write then opens the ledger in the same round trip. `progress` is told, on this thread,
  /// how many of the rows to read have been read, as they arrive a batch at a time.
  /// `snapshotsAside`: snapshots are written by a detached copy of the process.
  public init(
    _ location: TeamLocation, mirrorFolder: String, listening: Bool = false, forWriting: Bool = false,
    clock: @escaping () -> Date = Date.init, progress: ((_ read: Int, _ of: Int) -> Void)? = nil, snapshotsAside: Bool = false
  ) throws(StoreError) {
    self.location = location
    self.listens = listening
    self.snapshotsAside = snapshotsAside
    self.clock = clock
    readProgress = progress
    mirrorPath = location.mirrorPath(in: mirrorFolder)
    // Connecting is mostly waiting for the server (five round trips or more at a distance), and
    // opening the copy is work on this machine: both at once.
    let connecting = OnItsOwnThread { () -> Result<PostgresConnection, PostgresFailure> in
      do throws(PostgresFailure) { return .success(try PostgresConnection(location)) } catch { return .failure(error) }
    }
    do { mirror = try FileLedger(path: mirrorPath) } catch {
      // Not left running into the exit: OpenSSL's clean-up at exit would pull its tables from
      // under the thread. Taken here, the connection ends here.
      _ = connecting.take()
      throw Self.copyThatIsNoFile(at: mirrorPath) ?? error
    }
    mirror.writesSnapshotsAside = snapshotsAside
    identity = Self.rememberedIdentity(at: mirrorPath)
    alarm = TeamAlarm.load(beside: mirrorPath)
    do {
      let connection = try connecting.take().get()
      if forWriting, !listening, identity != nil, alarm == nil, let verified = verifiedCopy() {
        self.connection = connection
        chain = verified
        unopened = verified
      } else {
        try connect(over: connection)
      }
    } catch {
      // Offline, a screen shows what this machine last read; never having read anything,
      // there is nothing to show, and an empty ledger would mislead.
      guard error.isConnectionLost, identity != nil else {
        throw StoreError.io(error.message + (error.isConnectionLost ? "; nothing was read, and nothing was recorded" : ""))
      }
      goOffline(error.message)
    }
    readProgress = nil
  }

  public var state: LedgerState { mirror.state }

  public func close() {
    // libpq's goodbye (a Terminate message and TLS's close) is written, not waited for.
    connection = nil
    pending = nil
    isClosed = true
  }

  public var changeDescriptor: Int32? { connection?.socket ?? pending?.socket }

  /// The zone times are said in when the ledger names none (`zone = "…"` in the config file,
  /// as the screens use); nil: this machine's.
  public var zoneWhenUnnamed: TimeZone?

  public var connectionNote: String? {
    // In the team's clock, as every other time on the screens.
    let zone = mirror.state.zone ?? zoneWhenUnnamed ?? .current
    let notes = [alarm?.note, offline.map { "offline since \(LocalMoment($0.since, in: zone).clock)" }].compactMap { $0 }
    return notes.isEmpty ? nil : notes.joined(separator: "; ")
  }

  public var chainHead: String? { chain.count > 0 ? "event \(chain.count) · \(chain.short)" : nil }

  /// This machine's copy when something other than a file stands in its place (a folder made
  /// by hand or by a damaged cache): said as the copy it is, with its fix, rather than as a
  /// ledger file named with `--store`.
  static func copyThatIsNoFile(at path: String) -> StoreError? {
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG else { return nil }
    return StoreError.io(
      "this machine's copy of the team ledger, \(path), is not a file (a folder?): move it aside or remove it; it is only a "
        + "copy, and the next command reads the ledger from the server again")
  }

  public func takeWarnings() -> [String] {
    defer { pendingWarnings.removeAll() }
    return pendingWarnings + mirror.takeWarnings().map(teamWords)
  }

  public func entries(after line: Int) throws(StoreError) -> [LedgerLine] {
    try mirror.entries(after: line)
  }

  @discardableResult
  public func refresh() throws(StoreError) -> Bool {
    guard !isClosed else { return false }
    let before = mirror.lineCount
    if unopened != nil {
      do { try finishOpening() } catch {
        guard error.isConnectionLost else { throw StoreError.io(error.message) }
        goOffline(error.message)
      }
    } else if connection == nil {
      do {
        guard try reconnect() else { return false }
        pendingWarnings.append("back online: the team ledger at \(location.place) is reachable again")
      } catch {
        guard error.isConnectionLost else { throw StoreError.io(error.message) }
        goOffline(error.message)
        return false
      }
    } else {
      do {
        let notified = try connection?.takeNotifications() ?? false
        // Without LISTEN nothing says when others wrote, so the server is asked each time.
        if !listens || notified || clock().timeIntervalSince(lastCatchUp) >= Self.heartbeat { try catchUp() } else { try mirror.refresh() }
      } catch let failure as PostgresFailure {
        goOffline(failure.message)
      } catch let error as StoreError {
        throw error
      } catch {
        goOffline("\(error)")
      }
    }
    return mirror.lineCount != before
  }

  /// Runs `move` on the mirror's state and writes its events in one call to the server: when
  /// others appended first, the server hands their rows back instead, which are checked and
  /// folded, and the move is judged again on what is now known (it may now be refused).
  @discardableResult
  public func append(_ move: (LedgerState) throws(Refusal) -> MoveOutcome) throws(StoreError) -> MoveOutcome {
    guard !isClosed else {
      throw StoreError.io("the team ledger at \(location.place) was closed as the command ended; nothing was recorded")
    }
    if unopened != nil, let outcome = try appendOpening(move) { return outcome }
    if connection == nil, listens { try connectForWrite() }
    for attempt in 0..<Self.attempts {
      // Under a crowd of writers the one who wrote last is freshest and would win each time:
      // after a few misses a writer queues for the lock and writes while it holds it.
      if attempt == Self.missesBeforeQueueing { return try appendHoldingTheLock(move) }
      guard let connection else { throw offlineWrite() }
      let after = chain
      let outcome: MoveOutcome
      do { outcome = try move(mirror.state) } catch { throw StoreError.refused(error) }
      let lines = outcome.events.map { EventCoding.line(for: $0) }
      let answer: TeamSchema.WriteAnswer
      do {
        answer = try TeamSchema.write(Self.rows(outcome, lines), after: after, on: connection, whileWaiting: whileWaiting)
      } catch {
        // Another writer appended between the check and the insert: read what came.
        guard !["40001", "23505"].contains(error.sqlState) else { continue }
        // Sent in autocommit, a write whose answer was lost may have been recorded.
        return try afterFailedWrite(error, outcome: outcome)
      }
      switch answer {
      case .written(let hashes):
        // Recorded: whatever happens from here on, it was, and is said so.
        keepWritten(lines, after: after.count, hashes: hashes)
        return outcome
      case .missed(var missed):
        do { try keep(&missed) } catch let error as StoreError { throw error } catch {
          throw StoreError.io("\(error); nothing was recorded")
        }
      }
    }
    throw busy()
  }

  /// The write of a crowded ledger: in one transaction, waits its turn for the writers' lock,
  /// reads what came, runs the move on it and appends (five round trips, and never starved).
  private func appendHoldingTheLock(_ move: (LedgerState) throws(Refusal) -> MoveOutcome) throws(StoreError) -> MoveOutcome {
    for attempt in 0..<Self.attempts {
      if attempt > 0 { usleep(UInt32.random(in: 0...(500 << min(attempt, 7)))) }
      guard let connection else { throw offlineWrite() }
      var outcome: MoveOutcome?
      var written: (lines: [String], after: Int, hashes: [String])?
      do {
        try connection.execute("begin")
        try connection.stream("select breakthrough_lock()", [], whileWaiting: whileWaiting) { _ in }
        try catchUp()
        let after = chain.count
        let made: MoveOutcome
        do { made = try move(mirror.state) } catch { throw StoreError.refused(error) }
        outcome = made
        let lines = made.events.map { EventCoding.line(for: $0) }
        let hashes = try TeamSchema.append(Self.rows(made, lines), after: after, on: connection)
        written = (lines, after, hashes)
        try connection.execute("commit")
      } catch let error as StoreError {
        _ = try? connection.execute("rollback")
        throw error
      } catch let failure as PostgresFailure {
        _ = try? connection.execute("rollback")
        guard !["40001", "23505"].contains(failure.sqlState) else { continue }
        // Before the commit was sent nothing can have been recorded.
        return try afterFailedWrite(failure, outcome: written == nil ? nil : outcome)
      } catch {
        _ = try? connection.execute("rollback")
        throw StoreError.io("\(error); nothing was recorded")
      }
      guard let outcome, let written else { break }
      keepWritten(written.lines, after: written.after, hashes: written.hashes)
      return outcome
    }
    throw busy()
  }

  private func busy() -> StoreError {
    .io(
      "the team ledger at \(location.place) is busy: \(Self.attempts) times another member appended first; nothing was recorded, try again")
  }

  /// The rows of a move's events, with the columns the server checks beside each line.
  static func rows(_ outcome: MoveOutcome, _ lines: [String]) -> [TeamSchema.Row] {
    zip(outcome.events, lines).map { event, line in
      TeamSchema.Row(id: event.id, kind: event.body.kind.name, label: event.body.assignedLabel, actor: event.actor.text, line: line)
    }
  }

  /// Asks the server what an open asks, on the connection a write for which the ledger was not
  /// yet opened made; a connection lost meanwhile is thrown.
  func finishOpening() throws(PostgresFailure) {
    guard unopened != nil, let connection else { return }
    unopened = nil
    self.connection = nil
    try connect(over: connection)
  }

  /// Says why a write failed, by throwing. When the connection was lost after `outcome` was
  /// sent (nil: before anything could be recorded), the server is asked once more by its id:
  /// recorded, it is returned as made.
  func afterFailedWrite(_ failure: PostgresFailure, outcome: MoveOutcome?) throws(StoreError) -> MoveOutcome {
    switch failure.sqlState {
    case "42501":
      throw .refused(Refusal("the team ledger refused it: \(failure.message); nothing was recorded"))
    case "55P03":
      throw .io("nothing was recorded: " + TeamLockHolders(failure.detail ?? "").sentence)
    case "57014":
      throw .io("nothing was recorded: the write was cancelled while it waited for the writers' lock")
    default:
      guard failure.isConnectionLost else { throw refusedWrite(failure) }
      goOffline(failure.message)
      guard let outcome else { throw offlineWrite() }
      return try outcomeAfterLostConnection(outcome, failure)
    }
  }

  private func refusedWrite(_ failure: PostgresFailure) -> StoreError {
    .io("the team ledger at \(location.place) refused the write (\(failure.message)); nothing was recorded")
  }

  /// Puts lines the server has just recorded into the mirror, extending the chain with the
  /// hashes the server gave them. A mirror that cannot take them is read again later: the
  /// write stands either way.
  func keepWritten(_ lines: [String], after: Int, hashes: [String]) {
    var extended = chain
    for var line in lines { _ = line.withUTF8 { extended.append($0) } }
    guard extended.hex == hashes.last else {
      raiseAlarm(
        "the team ledger at \(location.place) chained this write to a past other than the one this machine verified; "
          + "compare `breakthrough store check` on two machines and ask the owner", remembering: chain)
      try? catchUp()
      return
    }
    do {
      guard try mirror.appendMirrored(lines, first: after + 1, syncing: false) else { return }
      chain = extended
      rememberChain()
    } catch {
      pendingWarnings.append("recorded; this machine's copy could not keep it (\(error)): it is read from the server next time")
    }
  }

  // MARK: - The server

  /// Connects again once the backoff has passed: at once for a command; step by step for a
  /// screen (which listens), so that a server that does not answer never holds it still.
  /// True once connected.
  private func reconnect() throws(PostgresFailure) -> Bool {
    if pending == nil {
      guard clock() >= nextAttempt else { return false }
      guard listens else {
        try connect()
        return true
      }
      pending = try PendingConnection(location)
    }
    switch pending?.advance() {
    case .made(let made)?:
      pending = nil
      try connect(over: made)
      return true
    case .failed(let failure)?:
      pending = nil
      throw failure
    case .underWay?, nil:
      return false
    }
  }

  /// A screen's write while offline tries the server at once, whatever the backoff, as psql
  /// does at the next command: the person asked for it, and the server may be back. The
  /// screen stays drawn meanwhile and Esc gives up (`whileWaiting`). A command tried a moment
  /// ago as it opened, so it does not wait twice.
  private func connectForWrite() throws(StoreError) {
    do throws(PostgresFailure) {
      if pending == nil { pending = try PendingConnection(location) }
      guard let attempt = pending else { return }
      while true {
        switch attempt.advance() {
        case .made(let made):
          pending = nil
          try connect(over: made)
          return
        case .failed(let failure):
          pending = nil
          throw failure
        case .underWay:
          if let whileWaiting, !whileWaiting() {
            pending = nil
            throw PostgresFailure(message: "cancelled while connecting to the team ledger at \(location.place)")
          }
          var ready = pollfd(fd: attempt.socket, events: attempt.awaited, revents: 0)
          _ = poll(&ready, 1, 100)
        }
      }
    } catch {
      guard error.isConnectionLost else {
        throw StoreError.io(error.message.hasSuffix("nothing was recorded") ? error.message : error.message + "; nothing was recorded")
      }
      goOffline(error.message)
      throw offlineWrite()
    }
  }

  private func connect() throws(PostgresFailure) {
    try connect(over: PostgresConnection(location))
  }

  /// Opens the ledger on a new connection: in one round trip when this machine's copy is as
  /// it verified it (`openInOneRead`), else step by step, checking each thing in turn.
  private func connect(over connection: PostgresConnection) throws(PostgresFailure) {
    do throws(PostgresFailure) {
      if try !openInOneRead(on: connection) { try openStepByStep(on: connection) }
    } catch {
      // Half an open is no connection: kept, it would be written on and listened to while the
      // header says offline, and "offline" would never be taken back. The next attempt starts
      // afresh, after the backoff, so that a copy that cannot take the rows is not reconnected
      // to on every refresh.
      self.connection = nil
      // A lost connection is deferred by going offline, which its caller does.
      if !error.isConnectionLost { deferNextAttempt() }
      throw error
    }
    offline = nil
    backoff = 1
  }

  /// Checks the schema and who the login is, listens if a screen will, then catches up.
  private func openStepByStep(on connection: PostgresConnection) throws(PostgresFailure) {
    let version = try Self.schemaVersion(on: connection, at: location)
    guard version <= TeamSchema.version else {
      throw PostgresFailure(
        message: "the team ledger at \(location.place) has schema version \(version), newer than this breakthrough understands "
          + "(\(TeamSchema.version)): update breakthrough")
    }
    guard version == TeamSchema.version else {
      throw PostgresFailure(
        message: "the team ledger at \(location.place) has schema version \(version): its owner upgrades it with "
          + "`breakthrough store init --store URL`")
    }
    let login = try connection.execute("select session_user::text").first?.first??.description ?? "?"
    guard let handle = try connection.execute("select handle from members where role = session_user").first?.first ?? nil,
      let member = try? Handle(handle)
    else { throw Self.notMember(login, at: location) }
    if listens { try connection.execute("listen breakthrough") }
    self.connection = connection
    identity = member
    Self.remember(member, at: mirrorPath)
    try resolveAlarm(on: connection)
    try matchMirror(to: connection)
    do { try catchUp() } catch let failure as PostgresFailure { throw failure } catch {
      throw PostgresFailure(message: "\(error)")
    }
  }

  static func notMember(_ login: String, at location: TeamLocation) -> PostgresFailure {
    PostgresFailure(
      message: "the login \(login) is not a member of the team ledger at \(location.place): its owner adds you with "
        + "`breakthrough store member add HANDLE --role \(login)`")
  }

  /// The schema's version, or a failure that says how to set the ledger up.
  static func schemaVersion(on connection: PostgresConnection, at location: TeamLocation) throws(PostgresFailure) -> Int {
    do {
      let value = try connection.execute("select value from breakthrough_meta where key = 'schema_version'").first?.first ?? nil
      return value.flatMap { Int($0) } ?? 0
    } catch  where error.sqlState == "42P01" {
      throw PostgresFailure(
        message: "\(location.place) holds no team ledger yet: its owner sets it up with `breakthrough store init --store URL`")
    } catch  where error.sqlState == "42501" {
      // Only members are granted the ledger's tables.
      let login = (try? connection.execute("select session_user::text").first?.first ?? nil) ?? nil
      var refusal = notMember(login ?? "you log in as", at: location)
      refusal.sqlState = error.sqlState
      throw refusal
    }
  }

  /// The connection died after the write was sent: ask once more whether it arrived, by its
  /// id, so that it is reported once and never recorded twice.
  private func outcomeAfterLostConnection(_ outcome: MoveOutcome, _ failure: PostgresFailure) throws(StoreError) -> MoveOutcome {
    guard let id = outcome.events.first?.id, (try? connect()) != nil, let connection else {
      throw StoreError.mayHaveBeenRecorded(
        "the connection to the team ledger at \(location.place) was lost before it answered (\(failure.message)): "
          + "it is not known whether this was recorded; `breakthrough log` shows it once the server is back")
    }
    guard let found = try? connection.execute("select 1 from events where id = $1", [id]) else {
      throw StoreError.mayHaveBeenRecorded(
        "the connection to the team ledger at \(location.place) was lost before it answered (\(failure.message)), and whether "
          + "this was recorded could not be asked: `breakthrough log` shows it")
    }
    guard !found.isEmpty else {
      throw StoreError.io("the connection to the team ledger at \(location.place) was lost (\(failure.message)); nothing was recorded")
    }
    try? catchUp()
    return outcome
  }

  private func offlineWrite() -> StoreError {
    // "Nothing was recorded" first: on a screen's status line the end of a long reason is cut.
    .io("nothing was recorded: " + unreachable(offline?.reason ?? "not connected"))
  }

  /// "cannot reach the team ledger at HOST (reason)", from libpq's words or a lost connection's.
  private func unreachable(_ reason: String) -> String {
    reason.hasPrefix("cannot reach") ? reason : "cannot reach the team ledger at \(location.place) (\(reason))"
  }

  private func goOffline(_ reason: String) {
    if offline == nil {
      pendingWarnings.append(
        unreachable(reason) + ": showing what this machine last read of it; writes are refused until it is back")
    }
    connection = nil
    offline = (offline?.since ?? clock(), reason)
    deferNextAttempt()
  }

  /// The next connection is tried after the backoff, which doubles up to 30 s.
  private func deferNextAttempt() {
    nextAttempt = clock().addingTimeInterval(backoff)
    backoff = min(backoff * 2, 30)
  }

  // MARK: - Who you are, remembered for when the server cannot be reached

  private static func rememberedIdentity(at mirrorPath: String) -> Handle? {
    guard let data = FileManager.default.contents(atPath: mirrorPath + ".who") else { return nil }
    return try? Handle(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  static func remember(_ handle: Handle, at mirrorPath: String) {
    guard rememberedIdentity(at: mirrorPath) != handle else { return }
    // A first open of an empty ledger comes before any line made the mirror's folder.
    try? PosixFile.makeFolder(of: mirrorPath)
    try? Data((handle.text + "\n").utf8).write(to: URL(fileURLWithPath: mirrorPath + ".who"), options: .atomic)
  }
}
