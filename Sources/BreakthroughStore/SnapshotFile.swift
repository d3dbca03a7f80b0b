import BreakthroughCore
import Foundation

/// The folded state of the ledger's first bytes, kept beside it (`ledger.jsonl.snapshot`) so
/// that a long ledger opens without folding every line again. It is only a cache: written
/// whole to a temporary file and renamed into place, checked against the ledger's bytes and
/// its own checksum when read, and ignored (then made again) whenever anything is off.
public enum SnapshotFile {
  static let magic = Array("BTSNAP2\n".utf8)
  /// A snapshot is written once this many lines have been folded since the last one, or a
  /// tenth of the lines it covered, whichever is more: a long ledger is not rewritten often.
  public static let linesBetweenSnapshots = 1_000

  struct Loaded {
    let state: LedgerState
    let covered: Int
    let lines: Int
    let prefix: StreamHash
    /// What the fold of the covered lines warned about lines it left out: said again on
    /// every open, as a fold from the top would.
    let warnings: [String]
    /// Whether the ledger's bytes were hashed, rather than vouched for by a stamp.
    let hashedLedger: Bool
    /// Whether the snapshot's payload was hashed, rather than vouched for by a stamp.
    let hashedSnapshot: Bool
  }

  static func path(for ledger: String) -> String { ledger + ".snapshot" }

  /// The snapshot of `ledger`, if there is a valid one for its current bytes. It is read a
  /// part at a time and never whole: the file stays open for the promises' pasts.
  static func load(for ledgerPath: String, ledger: PosixFile, now: Date) -> Loaded? {
    guard let file = try? PosixFile.openForReading(path(for: ledgerPath)), let snapshotStatus = try? file.status() else { return nil }
    let source = SnapshotFileSource(file, count: Int(snapshotStatus.st_size))
    guard let header = source.bytes(in: 0..<min(source.count, magic.count + 32)), header.count == magic.count + 32,
      Array(header.prefix(magic.count)) == magic
    else { return nil }
    var reader = HeaderReader(bytes: header, index: magic.count)
    let covered = reader.word()
    let lines = reader.word()
    let prefixDigest = reader.word()
    let payloadLength = reader.word()
    guard payloadLength >= 0, payloadLength <= source.count, magic.count + 32 + payloadLength + 8 == source.count, covered >= 0,
      let status = try? ledger.status(), Int(status.st_size) >= covered,
      let trailer = source.bytes(in: (source.count - 8)..<source.count)
    else { return nil }
    let payload = (magic.count + 32)..<(magic.count + 32 + payloadLength)
    var trailerReader = HeaderReader(bytes: trailer, index: 0)
    let checksum = UInt64(bitPattern: Int64(trailerReader.word()))
    let digest = UInt64(bitPattern: Int64(prefixDigest))
    // A ledger not written to since an open hashed it is vouched for by that open's stamp,
    // and a snapshot not replaced since by the same stamp.
    let stamp = LedgerStamp.read(for: ledgerPath)
    let stamped = stamp?.prefix(vouchedFor: status, covered: covered, digest: digest)
    let payloadVouched = stamp?.vouches(forSnapshot: snapshotStatus, checksum: checksum) == true
    // Checking the bytes and decoding the state are independent: on two cores at once. The
    // decoding never trusts the bytes, so it may start before they are known to be sound.
    let (hashedLedger, hashedSnapshot) = (stamped == nil ? ledger : nil, payloadVouched ? nil : source)
    let checking =
      hashedLedger == nil && hashedSnapshot == nil
      ? nil : OnItsOwnThread { Self.hashes(ledger: hashedLedger, count: covered, snapshot: hashedSnapshot, payload: payload) }
    let warned = warnings(in: source, payload: payload)
    let state = warned.flatMap { warned in
      try? LedgerState(snapshot: source, payload: warned.end..<payload.upperBound, pieces: .onEveryCore)
    }
    guard let checked = checking.map({ $0.take() }) ?? (nil, nil), payloadVouched || checked.payload == checksum,
      let prefix = stamped ?? checked.prefix, prefix.digest == digest, let state, let warned
    else { return nil }
    if stamped == nil || !payloadVouched {
      let seen = LedgerStamp.SnapshotSeen(file: file, status: snapshotStatus, checksum: checksum)
      LedgerStamp.record(covered: covered, prefix: prefix, readAt: status, ledger: ledger, snapshot: seen, now: now, for: ledgerPath)
    }
    return Loaded(
      state: state, covered: covered, lines: lines, prefix: prefix, warnings: warned.texts, hashedLedger: stamped == nil,
      hashedSnapshot: !payloadVouched)
  }

  /// The warnings at the start of the payload, and where they end; read in a piece, and a larger
  /// one when they are longer.
  private static func warnings(in source: SnapshotSource, payload: Range<Int>) -> (texts: [String], end: Int)? {
    var piece = min(payload.count, 1 << 16)
    while true {
      guard let bytes = source.bytes(in: payload.lowerBound..<(payload.lowerBound + piece)) else { return nil }
      var reader = HeaderReader(bytes: bytes, index: 0)
      if let texts = reader.texts(before: bytes.count) { return (texts, payload.lowerBound + reader.index) }
      guard piece < payload.count else { return nil }
      piece = min(payload.count, piece * 8)
    }
  }

  /// The hashes of the ledger's first bytes and of the snapshot's payload, each unless it is
  /// not given (a stamp vouches for it); nil when the ledger or the snapshot could not be read.
  private static func hashes(ledger: PosixFile?, count: Int, snapshot: SnapshotSource?, payload: Range<Int>) -> (
    prefix: StreamHash?, payload: UInt64?
  )? {
    var prefix: StreamHash?
    if let ledger {
      guard let hashed = hash(ledger, upTo: count) else { return nil }
      prefix = hashed
    }
    var checksum: UInt64?
    if let snapshot {
      guard let hashed = hash(snapshot, payload) else { return nil }
      checksum = hashed
    }
    return (prefix, checksum)
  }

  /// How much of a file is hashed at a time.
  private static let windowSize = 4 << 20

  /// The hash of the snapshot's payload, mapped (or read a megabyte at a time).
  fileprivate static func hash(_ snapshot: SnapshotSource, _ payload: Range<Int>) -> UInt64? {
    var checksum = StreamHash()
    // A window at a time: mapped pages count as the process's memory while they are mapped.
    for start in stride(from: payload.lowerBound, to: payload.upperBound, by: windowSize) {
      guard snapshot.withBytes(in: start..<min(payload.upperBound, start + windowSize), { checksum.add($0) }) != nil else { return nil }
    }
    return checksum.digest
  }

  /// The hash of the ledger's first `count` bytes, mapped (or read a megabyte at a time).
  fileprivate static func hash(_ ledger: PosixFile, upTo count: Int) -> StreamHash? {
    var prefix = StreamHash()
    if (stride(from: 0, to: count, by: windowSize).allSatisfy {
      ledger.withMapping($0..<min(count, $0 + windowSize), { prefix.add($0) }) != nil
    }) {
      return prefix
    }
    prefix = StreamHash()
    var offset = 0
    while offset < count {
      guard let piece = try? ledger.read(from: offset, count: min(1 << 20, count - offset)), !piece.isEmpty else { return nil }
      piece.withUnsafeBufferPointer { prefix.add($0) }
      offset += piece.count
    }
    return prefix
  }

  /// Writes the snapshot of the first `covered` bytes (hashed into `prefix`); a failure only
  /// means the next open folds more lines, so it is not reported.
  static func save(
    _ state: LedgerState, covered: Int, lines: Int, prefix: StreamHash, warnings: [String], for ledgerPath: String,
    pieces: PieceRunner = .onEveryCore
  ) {
    var warningBytes: [UInt8] = []
    append(warnings.count, to: &warningBytes)
    for warning in warnings {
      append(warning.utf8.count, to: &warningBytes)
      warningBytes += warning.utf8
    }
    // The payload is the warnings, then the state, written part by part: never joined, since
    // that would copy tens of megabytes.
    let payload = [warningBytes] + state.snapshotParts(pieces: pieces)
    var checksum = StreamHash()
    for part in payload { part.withUnsafeBufferPointer { checksum.add($0) } }
    var header = magic
    for word in [covered, lines, Int(Int64(bitPattern: prefix.digest)), payload.reduce(0) { $0 + $1.count }] {
      append(word, to: &header)
    }
    var trailer: [UInt8] = []
    append(Int(Int64(bitPattern: checksum.digest)), to: &trailer)
    removeAbandoned(beside: ledgerPath)
    let temporary = path(for: ledgerPath) + ".\(getpid()).tmp"
    unlink(temporary)
    guard let file = try? PosixFile.createNew(temporary) else { return }
    // Synced before it takes the name: a stamp made later vouches for its bytes unhashed, so
    // they must be the ones on disk.
    guard ([header] + payload + [trailer]).allSatisfy({ (try? file.append($0)) != nil }), (try? file.sync()) != nil,
      rename(temporary, path(for: ledgerPath)) == 0
    else {
      unlink(temporary)
      return
    }
    try? PosixFile.syncFolder(of: ledgerPath)
  }

  /// Removes the temporary files of saves whose process is gone (killed while it wrote, or a
  /// detached copy cut off): each is as large as a snapshot, and nothing else would remove it.
  /// Only files untouched for `idle` seconds: a writer in another process namespace, or on
  /// another machine sharing the folder, has a number this one cannot see, and a save takes
  /// seconds, not minutes.
  static func removeAbandoned(beside ledgerPath: String, idle: Int = 600) {
    let folder = (ledgerPath as NSString).deletingLastPathComponent
    let prefix = (path(for: ledgerPath) as NSString).lastPathComponent + "."
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
      let file = folder.isEmpty ? name : folder + "/" + name
      var status = stat()
      guard let writer = Int32(name.dropFirst(prefix.count).dropLast(4)), writer != getpid(), kill(writer, 0) != 0, errno == ESRCH,
        stat(file, &status) == 0, time(nil) - status.st_mtim.tv_sec >= idle
      else { continue }
      unlink(file)
    }
  }

  /// Appends `word` as eight bytes, least significant first (as `HeaderReader.word` reads it).
  static func append(_ word: Int, to bytes: inout [UInt8]) {
    let bits = UInt64(bitPattern: Int64(word))
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((bits >> UInt64(shift)) & 0xFF)) }
  }

  /// Reads the words and texts `append` wrote: the snapshot's header, and the ledger's stamp.
  struct HeaderReader {
    let bytes: [UInt8]
    var index: Int

    mutating func word() -> Int {
      guard index + 8 <= bytes.count else { return -1 }
      var bits: UInt64 = 0
      for offset in 0..<8 { bits |= UInt64(bytes[index + offset]) << UInt64(offset * 8) }
      index += 8
      return Int(Int64(bitPattern: bits))
    }

    /// A count, then that many length-prefixed texts, all before `end`; nil when they do not fit.
    mutating func texts(before end: Int) -> [String]? {
      let count = word()
      guard count >= 0, count <= (end - index) / 8 else { return nil }
      var texts: [String] = []
      for _ in 0..<count {
        let length = word()
        guard length >= 0, index <= end, length <= end - index else { return nil }
        texts.append(String(decoding: bytes[index..<(index + length)], as: UTF8.self))
        index += length
      }
      return texts
    }
  }
}

/// The snapshot file as the promises' pasts are read from it after opening: the descriptor
/// stays open, so a snapshot written since (by rename) does not change what it reads.
final class SnapshotFileSource: SnapshotSource {
  private let file: PosixFile
  let count: Int

  init(_ file: PosixFile, count: Int) {
    self.file = file
    self.count = count
  }

  func bytes(in range: Range<Int>) -> [UInt8]? {
    guard range.lowerBound >= 0, range.upperBound <= count, let bytes = try? file.read(from: range.lowerBound, count: range.count),
      bytes.count == range.count
    else { return nil }
    return bytes
  }

  /// Mapped while the ledger opens (segments, the index, the checksum); a snapshot file is
  /// replaced by rename, never cut shorter. Single records after opening are read by copy,
  /// so that a file damaged under an open ledger gives an unreadable history, not a crash.
  func withBytes<Result, Failure: Error>(
    in range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
  ) throws(Failure) -> Result? {
    guard range.lowerBound >= 0, range.upperBound <= count else { return nil }
    if let result = try file.withMapping(range, body) { return result }
    guard let bytes = bytes(in: range) else { return nil }
    return try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in try body(buffer) }
  }
}
