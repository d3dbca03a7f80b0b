import Foundation

/// What hashing the ledger found, kept beside it (`ledger.jsonl.checked`): that the ledger,
/// while its inode, size and times stay as they were, begins with `covered` bytes whose hash
/// is `prefix`. An open whose snapshot covers those bytes then need not hash them again.
///
/// At 1,000,000 promises the ledger is 700 MB, and hashing it was the longest part of every
/// open, though nothing had written to it since the last. Any write to the ledger sets its
/// change time, which no program can set back, so a stamp that still matches the ledger's
/// status vouches for its bytes. A stamp is made only from bytes hashed while that status
/// stayed the same, and only once the ledger has been still for a while (`stillness`): two
/// writes within one tick of the clock that times them could leave the same times. Like the
/// snapshot it is a cache: missing, damaged or stale, it only means the ledger is hashed.
enum LedgerStamp {
  static let magic = Array("BTSTAMP1".utf8)

  static func path(for ledger: String) -> String { ledger + ".checked" }

  /// What a ledger of status `info` whose first `covered` bytes hash to `digest` was
  /// stamped with; nil unless a stamp says exactly that.
  static func prefix(vouchedFor info: stat, covered: Int, digest: UInt64, ledgerPath: String) -> StreamHash? {
    guard let file = try? PosixFile.openForReading(path(for: ledgerPath)), let bytes = try? file.readToEnd(from: 0) else { return nil }
    guard bytes.count == magic.count + 8 * (words + 1), Array(bytes.prefix(magic.count)) == magic else { return nil }
    var reader = SnapshotFile.HeaderReader(bytes: bytes, index: magic.count)
    let values = (0...words).map { _ in UInt64(bitPattern: Int64(reader.word())) }
    var checksum = StreamHash()
    bytes.withUnsafeBufferPointer { checksum.add(UnsafeBufferPointer(rebasing: $0[0..<(magic.count + 8 * words)])) }
    guard checksum.digest == values[words], values[0..<7].map({ Int64(bitPattern: $0) }) == Self.status(of: info),
      Int(truncatingIfNeeded: values[7]) == covered, let prefix = StreamHash(words: Array(values[8..<words])), prefix.length == covered,
      prefix.digest == digest
    else { return nil }
    return prefix
  }

  /// Keeps what a hash of the ledger's first `covered` bytes found, when its status now is
  /// still `before`, the status it had when they were read, and it has been still long enough
  /// before `now` (`stillness`). Nothing is said of a failure: the next open hashes again.
  static func record(covered: Int, prefix: StreamHash, readAt before: stat, ledger: PosixFile, now: Date, for ledgerPath: String) {
    let stamped = status(of: before)
    let lastWritten = max(Double(stamped[3]) + Double(stamped[4]) / 1e9, Double(stamped[5]) + Double(stamped[6]) / 1e9)
    guard prefix.length == covered, let after = try? ledger.status(), status(of: after) == stamped,
      lastWritten + stillness(changed: stamped[4], modified: stamped[6]) < now.timeIntervalSince1970
    else { return }
    var bytes = magic
    let values = stamped.map { UInt64(bitPattern: $0) } + [UInt64(covered)] + prefix.words
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

  /// How long the ledger must have been still, in seconds, for a stamp: ten times the tick of
  /// the kernel's clock where the file system keeps times to the nanosecond (a later write
  /// then cannot share the stamped times), two seconds where it keeps whole seconds or two
  /// (its times show no nanoseconds).
  static func stillness(changed: Int64, modified: Int64) -> Double {
    changed == 0 && modified == 0 ? 2 : 0.1
  }

  /// Words after the magic, before the checksum: the status, `covered`, and the hash.
  private static let words = 7 + 1 + 10

  /// The ledger's device, inode, size, change time and modification time.
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
