import BreakthroughCore
import Foundation

/// The ledger as one JSON-lines file: appended under an exclusive `flock`, synced before a
/// move is reported done, and read incrementally so that `refresh` costs only what is new.
public final class FileLedger: LedgerStore {
  public let path: String
  public private(set) var state = LedgerState()

  private var reader: PosixFile?
  private var readerIdentity: (device: UInt64, inode: UInt64)?
  /// Bytes and complete lines folded so far.
  private var consumed = 0
  private var lines = 0
  private var damage: (line: Int, reason: String)?
  private var pendingWarnings: [String] = []
  /// Warnings about lines folded so far that were left out: kept in the snapshot, so that an
  /// open from it says them again.
  private var newerKindWarnings: [String] = []
  private var reportedTornTail: Int?
  private let now: () -> Date
  /// A running hash of the bytes folded, and the lines the last snapshot covered.
  private var prefix = StreamHash()
  private var snapshotLines = 0
  /// How many lines are folded between snapshots.
  private let snapshotEvery: Int
  /// Whether folds leave the snapshot for later: a team's first read keeps its rows a batch at
  /// a time, and a snapshot of the whole state after each batch cost more than folding them.
  /// Set back, it saves the snapshot a fold left, if any.
  var defersSnapshots = false {
    // Here, and only here, a snapshot may be written aside: no append holds the lock, which a
    // copy of the process would hold too until it closed its descriptors.
    didSet { if !defersSnapshots, snapshotOwed, damage == nil { saveSnapshot(aside: writesSnapshotsAside) } }
  }
  private var snapshotOwed = false
  /// Whether a snapshot a fold left for later (`defersSnapshots`) is written by a detached copy
  /// of this process (`DetachedCopy`), on one core, while this one goes on: no answer or first
  /// frame need wait for a cache. Not when the state still reads promises from the snapshot it
  /// was opened from: the copy holds none of this process's files.
  var writesSnapshotsAside = false
  /// The lines the open started from a snapshot with (0: folded from the first line).
  private(set) var linesFromSnapshot = 0
  /// Whether the open took the ledger's first bytes as its stamp vouched for them, unhashed.
  private(set) var openedOnStamp = false
  /// Whether the open took the snapshot as its stamp vouched for it, unhashed.
  private(set) var snapshotOnStamp = false

  /// Opens (and folds) the ledger at `path`. A missing file is an empty ledger; it is created
  /// by the first append.
  public init(
    path: String, clock: @escaping () -> Date = Date.init,
    snapshotEvery: Int = SnapshotFile.linesBetweenSnapshots
  ) throws(StoreError) {
    self.path = path
    self.now = clock
    self.snapshotEvery = snapshotEvery
    try refresh()
  }

  public func takeWarnings() -> [String] {
    defer { pendingWarnings.removeAll() }
    return pendingWarnings
  }

  @discardableResult
  public func refresh() throws(StoreError) -> Bool {
    try reopenIfReplaced()
    guard let reader else { return false }
    let before = state.eventCount + lines
    let tail = try fold(from: reader)
    if let tail, reportedTornTail != consumed, reader.isIdle() {
      reportedTornTail = consumed
      pendingWarnings.append(
        "\(path):\(lines + 1): \(tail.problem) (\(tail.bytes) bytes): a write was cut off; "
          + "it is left out, and the next change sets it aside into a file beside the ledger")
    }
    return state.eventCount + lines != before
  }

  @discardableResult
  public func append(_ move: (LedgerState) throws(Refusal) -> MoveOutcome) throws(StoreError) -> MoveOutcome {
    let writer = try lockForAppending()
    let outcome: MoveOutcome
    do { outcome = try move(state) } catch { throw StoreError.refused(error) }
    let bytes = Array(outcome.events.map { EventCoding.line(for: $0) + "\n" }.joined().utf8)
    try write(bytes, with: writer)
    for event in outcome.events { state.apply(event) }
    bytes.withUnsafeBufferPointer { prefix.add($0) }
    consumed += bytes.count
    lines += outcome.events.count
    return outcome
  }

  /// Whether a complete line that cannot be read was found: every write is refused until it is mended.
  public var isDamaged: Bool { damage != nil }

  /// Complete lines read so far. In a team ledger's mirror, line N is the server's event N.
  public var lineCount: Int { lines }

  /// Appends lines another store already holds, each at its place (a team ledger's mirror):
  /// `first` is the line number of `mirrored[0]`, and lines the file has already are skipped.
  /// False, writing nothing, when the file is short of the lines before `first`.
  @discardableResult
  public func appendMirrored(_ mirrored: [String], first: Int, syncing: Bool = true) throws(StoreError) -> Bool {
    try appendMirrored(bytes: Array(mirrored.map { $0 + "\n" }.joined().utf8), lines: mirrored.count, first: first, syncing: syncing)
  }

  /// The same, for `lines` lines already in bytes, each ended by a newline. Not `syncing`,
  /// the system is asked to start writing them and nothing waits: a team ledger keeps its rows
  /// so, a first read a batch at a time, and syncs once (`syncMirrored`) before it vouches for them.
  @discardableResult
  public func appendMirrored(bytes: [UInt8], lines count: Int, first: Int, syncing: Bool = true) throws(StoreError) -> Bool {
    // A mirror copies its server's rows whatever they hold: a line it cannot read is the
    // server's, not damage of its own, and stopping there would stop the team's writes.
    let writer = try lockForAppending(refusingDamage: false)
    let present = lines - (first - 1)
    guard present >= 0 else { return false }
    guard present < count else { return true }
    var start = 0
    for _ in 0..<present { start = (bytes[start...].firstIndex(of: 0x0A) ?? bytes.count - 1) + 1 }
    let written = start == 0 ? bytes : Array(bytes[start...])
    let end = consumed
    try write(written, with: writer, syncing: syncing)
    // What follows the lines folded is what was just written when the file is still the one
    // folded and holds nothing else (every writer takes the lock; one that does not, or a file
    // replaced meanwhile, is read back): folded as it is, not read again.
    let after = try? writer.status()
    try reopenIfReplaced()
    var isAsWritten = false
    if let after, let readerIdentity, consumed == end {
      isAsWritten = readerIdentity == (UInt64(after.st_dev), UInt64(after.st_ino)) && Int(after.st_size) == end + written.count
    }
    if let reader { _ = try fold(from: reader, reading: isAsWritten ? written : nil) }
    return true
  }

  /// Syncs the mirror's lines to disk, as folded: any this process or another appended
  /// without waiting for the disk (`appendMirrored(…, syncing: false)`).
  public func syncMirrored() throws(StoreError) {
    try reader?.sync()
  }

  /// The `id` of the last complete line read, if it has one: how a mirror is matched with its
  /// server.
  public func lastLineID() -> String? {
    guard let reader, consumed > 0 else { return nil }
    let start = max(0, consumed - 1 << 20)
    guard var bytes = try? reader.read(from: start, count: consumed - start), bytes.last == 0x0A else { return nil }
    bytes.removeLast()
    let line = bytes.lastIndex(of: 0x0A).map { Array(bytes[($0 + 1)...]) } ?? bytes
    let value = line.withUnsafeBufferPointer { try? JSONParser.parse($0) }
    return value?["id"]?.stringValue
  }

  /// Takes the write lock, folds what others appended, refuses a damaged ledger and sets a
  /// torn tail aside: the file is then ready for whole lines at its end. The lock is held
  /// until the returned file is let go.
  private func lockForAppending(refusingDamage: Bool = true) throws(StoreError) -> PosixFile {
    let writer = try PosixFile.openForAppending(path)
    try writer.lockExclusively()
    try reopenIfReplaced()
    if let reader { _ = try fold(from: reader) }
    if refusingDamage, let damage { throw StoreError.damaged(path: path, line: damage.line, reason: damage.reason) }
    try setAsideTornTail(writer)
    return writer
  }

  /// Writes and (`syncing`) syncs `bytes`; on a failure, cuts the file back so nothing
  /// half-written stays.
  private func write(_ bytes: [UInt8], with writer: PosixFile, syncing: Bool = true) throws(StoreError) {
    do {
      try writer.append(bytes)
      if syncing { try writer.sync() } else { writer.startSync() }
    } catch {
      try? writer.truncate(to: consumed)
      try? writer.sync()
      throw StoreError.io("\(error.description); nothing was recorded")
    }
  }

  /// Reads and folds what follows `consumed` (the bytes `reading`, when the caller knows
  /// them); returns what is left unread at the end, if anything.
  private func fold(from file: PosixFile, reading known: [UInt8]? = nil) throws(StoreError) -> (problem: String, bytes: Int)? {
    // Every byte a snapshot made now covers is read in this one read: it may be stamped (not
    // bytes the caller knew, which were not read from the file).
    let status = consumed == 0 && known == nil ? try? file.status() : nil
    let bytes: [UInt8]
    if let known { bytes = known } else { bytes = try file.readToEnd(from: consumed) }
    guard !bytes.isEmpty else { return nil }
    var scanner = LineScanner()
    scanner.scan(bytes, firstLine: lines + 1, into: &state)
    let newerKinds =
      scanner.unknownKinds.map { unknown in
        "\(path):\(unknown.line): event kind \"\(Escaping.forDisplay(unknown.kind))\" is from a newer "
          + "version of breakthrough; the line is kept in the ledger but not shown here (upgrade to see it)"
      }
    pendingWarnings += newerKinds
    newerKindWarnings += newerKinds
    if damage == nil, let found = scanner.damage {
      damage = found
      pendingWarnings.append(StoreError.damaged(path: path, line: found.line, reason: found.reason).description)
    }
    bytes.withUnsafeBufferPointer { prefix.add(UnsafeBufferPointer(rebasing: $0[0..<scanner.consumed])) }
    consumed += scanner.consumed
    lines += scanner.lines
    if damage == nil, lines - snapshotLines >= max(snapshotEvery, snapshotLines / 10) {
      if defersSnapshots {
        snapshotOwed = true
      } else {
        saveSnapshot()
        if let status { LedgerStamp.record(covered: consumed, prefix: prefix, readAt: status, ledger: file, now: now(), for: path) }
      }
    }
    let left = bytes.count - scanner.consumed
    return left > 0 ? (scanner.tailProblem ?? "unreadable", left) : nil
  }

  private func saveSnapshot(aside wanted: Bool = false) {
    let (state, consumed, lines, prefix, warnings, path) = (state, consumed, lines, prefix, newerKindWarnings, path)
    let aside =
      wanted && !state.readsFromSnapshotFile
      && DetachedCopy.run {
        SnapshotFile.save(state, covered: consumed, lines: lines, prefix: prefix, warnings: warnings, for: path, pieces: .oneAtATime)
      }
    if !aside { SnapshotFile.save(state, covered: consumed, lines: lines, prefix: prefix, warnings: warnings, for: path) }
    snapshotLines = lines
    snapshotOwed = false
  }

  /// Under the lock any bytes after the last complete line are a torn write: keep them in a
  /// file beside the ledger, then cut them off so the next line starts clean.
  private func setAsideTornTail(_ writer: PosixFile) throws(StoreError) {
    let torn = try writer.readToEnd(from: consumed)
    guard !torn.isEmpty else { return }
    // Named by where the bytes stood: a writer killed between setting them aside and cutting
    // them off leaves the same file for the next one, which then only cuts.
    var asidePath = path + ".torn-at-\(consumed)"
    let earlier = FileManager.default.contents(atPath: asidePath)
    if earlier.map({ [UInt8]($0) }) != torn {
      if earlier != nil { asidePath += "-" + Timestamp.text(now()).filter { $0.isNumber || $0 == "T" } }
      let aside = try PosixFile.createNew(asidePath)
      try aside.append(torn)
      try aside.sync()
    }
    try writer.truncate(to: consumed)
    try writer.sync()
    pendingWarnings.append("\(path):\(lines + 1): set aside \(torn.count) bytes of a torn last line (a write cut off) into \(asidePath)")
    reportedTornTail = nil
  }

  /// Opens the file when it appears, and starts over when it was replaced (a new inode).
  private func reopenIfReplaced() throws(StoreError) {
    var info = stat()
    guard stat(path, &info) == 0 else {
      if errno == ENOENT, reader == nil { return }
      if errno == ENOENT { throw StoreError.io("\(path) was removed while open; nothing was changed") }
      throw PosixFile.failure("cannot read \(path)")
    }
    let identity = (UInt64(info.st_dev), UInt64(info.st_ino))
    if let readerIdentity, readerIdentity == identity, Int(info.st_size) >= consumed { return }
    reader = try PosixFile.openForReading(path)
    readerIdentity = identity
    state = LedgerState()
    consumed = 0
    lines = 0
    damage = nil
    prefix = StreamHash()
    snapshotLines = 0
    snapshotOwed = false
    linesFromSnapshot = 0
    openedOnStamp = false
    snapshotOnStamp = false
    newerKindWarnings = []
    if let reader, let snapshot = SnapshotFile.load(for: path, ledger: reader, now: now()) {
      state = snapshot.state
      consumed = snapshot.covered
      lines = snapshot.lines
      prefix = snapshot.prefix
      snapshotLines = snapshot.lines
      linesFromSnapshot = snapshot.lines
      openedOnStamp = !snapshot.hashedLedger
      snapshotOnStamp = !snapshot.hashedSnapshot
      newerKindWarnings = snapshot.warnings
      pendingWarnings += snapshot.warnings
    }
  }
}
