import Foundation

/// What hashing the ledger and its snapshot found, kept beside the ledger
/// (`ledger.jsonl.checked`): that the ledger, while its inode, size and times stay as they
/// were, begins with `covered` bytes whose hash is `prefix`; and that the snapshot, while its
/// own stay as they were, holds a payload whose checksum is the one its header names. An open
/// then need not hash either again.
///
/// At 1,000,000 promises the ledger is 700 MB, and hashing it was the longest part of every
/// open, though nothing had written to it since the last; at 100,000 the snapshot's 30 MB were
/// a fifth of an open's work. Any write to a file sets its change time, which no program can
/// set back, so a stamp that still matches a file's status vouches for its bytes. A stamp is
/// made only from bytes hashed while that status stayed the same, and only once the file has
/// been still for a while (`stillness`): two writes within one tick of the clock that times
/// them could leave the same times. Like the snapshot it is a cache: missing, damaged or
/// stale, it only means the files are hashed.
struct LedgerStamp {
  static let magic = Array("BTSTAMP2".utf8)

  static func path(for ledger: String) -> String { ledger + ".checked" }

  private let ledgerStatus: [Int64]
  private let covered: Int
  private let prefix: StreamHash
  /// All zeros when the snapshot was not stamped (it was written too recently).
  private let snapshotStatus: [Int64]
  private let snapshotChecksum: UInt64

  /// The snapshot as an open found it: its status before its payload was hashed, and the
  /// checksum its header names (which that hash matched).
  struct SnapshotSeen {
    let file: PosixFile
    let status: stat
    let checksum: UInt64
  }

  /// The stamp beside `ledgerPath`; nil when there is none or it is damaged.
  static func read(for ledgerPath: String) -> LedgerStamp? {
    guard let file = try? PosixFile.openForReading(path(for: ledgerPath)), let bytes = try? file.readToEnd(from: 0) else { return nil }
    guard bytes.count == magic.count + 8 * (words + 1), Array(bytes.prefix(magic.count)) == magic else { return nil }
    var reader = SnapshotFile.HeaderReader(bytes: bytes, index: magic.count)
    let values = (0...words).map { _ in reader.word() }
    var checksum = StreamHash()
    bytes.withUnsafeBufferPointer { checksum.add(UnsafeBufferPointer(rebasing: $0[0..<(magic.count + 8 * words)])) }
    guard UInt64(bitPattern: Int64(values[words])) == checksum.digest,
      let prefix = StreamHash(words: values[8..<18].map { UInt64(bitPattern: Int64($0)) })
    else { return nil }
    return LedgerStamp(
      ledgerStatus: values[0..<7].map(Int64.init), covered: values[7], prefix: prefix, snapshotStatus: values[18..<25].map(Int64.init),
      snapshotChecksum: UInt64(bitPattern: Int64(values[25])))
  }

  /// What a ledger of status `info` whose first `covered` bytes hash to `digest` was
  /// stamped with; nil unless the stamp says exactly that.
  func prefix(vouchedFor info: stat, covered: Int, digest: UInt64) -> StreamHash? {
    guard ledgerStatus == Self.status(of: info), self.covered == covered, prefix.length == covered, prefix.digest == digest else {
      return nil
    }
    return prefix
  }

  /// Whether a snapshot of status `info` whose header names `checksum` was stamped as holding
  /// a payload with that checksum.
  func vouches(forSnapshot info: stat, checksum: UInt64) -> Bool {
    snapshotStatus[1] != 0 && snapshotStatus == Self.status(of: info) && snapshotChecksum == checksum
  }

  /// Keeps what a hash of the ledger's first `covered` bytes found, when its status now is
  /// still `before`, the status it had when they were read, and it has been still long enough
  /// before `now` (`stillness`); and the snapshot's checksum, when the snapshot is likewise
  /// unchanged and still. Nothing is said of a failure: the next open hashes again.
  static func record(
    covered: Int, prefix: StreamHash, readAt before: stat, ledger: PosixFile, snapshot: SnapshotSeen? = nil, now: Date,
    for ledgerPath: String
  ) {
    let stamped = status(of: before)
    guard prefix.length == covered, isStill(ledger, since: stamped, now: now) else { return }
    // The snapshot's words: all zeros when it is not still (it was written just now).
    var snapshotWords = [UInt64](repeating: 0, count: 8)
    if let snapshot, isStill(snapshot.file, since: status(of: snapshot.status), now: now) {
      snapshotWords = status(of: snapshot.status).map { UInt64(bitPattern: $0) } + [snapshot.checksum]
    }
    var bytes = magic
    let values = stamped.map { UInt64(bitPattern: $0) } + [UInt64(covered)] + prefix.words + snapshotWords
    for value in values { SnapshotFile.append(Int(Int64(bitPattern: value)), to: &bytes) }
    var checksum = StreamHash()
    bytes.withUnsafeBufferPointer { checksum.add($0) }
    SnapshotFile.append(Int(Int64(bitPattern: checksum.digest)), to: &bytes)
    // Renamed into place whole; not synced, since a stamp lost or torn by a crash is ignored.
    let temporary = path(for: ledgerPath) + ".\(getpid()).tmp"
    unlink(temporary)
    guard let file = try? PosixFile.createNew(temporary), (try? file.append(bytes)) != nil,
      rename(temporary, path(for: ledgerPath)) == 0
    else {
      unlink(temporary)
      return
    }
  }

  /// Whether `file`'s status is still `stamped`, last written long enough before `now`.
  private static func isStill(_ file: PosixFile, since stamped: [Int64], now: Date) -> Bool {
    let lastWritten = max(Double(stamped[3]) + Double(stamped[4]) / 1e9, Double(stamped[5]) + Double(stamped[6]) / 1e9)
    guard let after = try? file.status(), status(of: after) == stamped else { return false }
    return lastWritten + stillness(changed: stamped[4], modified: stamped[6]) < now.timeIntervalSince1970
  }

  /// How long a file must have been still, in seconds, for a stamp: ten times the tick of
  /// the kernel's clock where the file system keeps times to the nanosecond (a later write
  /// then cannot share the stamped times), two seconds where it keeps whole seconds or two
  /// (its times show no nanoseconds).
  static func stillness(changed: Int64, modified: Int64) -> Double {
    changed == 0 && modified == 0 ? 2 : 0.1
  }

  /// Words after the magic, before the checksum: the ledger's status, `covered`, the hash,
  /// the snapshot's status and its payload's checksum.
  private static let words = 7 + 1 + 10 + 7 + 1

  /// A file's device, inode, size, change time and modification time.
  private static func status(of info: stat) -> [Int64] {
    #if canImport(Darwin)
      let (changed, modified) = (info.st_ctimespec, info.st_mtimespec)
    #else
      let (changed, modified) = (info.st_ctim, info.st_mtim)
    #endif
    return [
      Int64(bitPattern: UInt64(info.st_dev)), Int64(bitPattern: UInt64(info.st_ino)), Int64(info.st_size), Int64(changed.tv_sec),
      Int64(changed.tv_nsec),
      Int64(modified.tv_sec), Int64(modified.tv_nsec),
    ]
  }
}
