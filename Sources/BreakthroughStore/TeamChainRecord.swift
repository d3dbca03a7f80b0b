import Foundation

/// What this machine last verified of a team ledger's chain, kept beside its mirror
/// (`team-….jsonl.chain`): the head, when it was checked, and the mirror file's status then.
/// A mirror whose status is still the same holds the lines that were checked (any write sets
/// the change time, which no program can set back); one that differs is checked again, line by
/// line, against the server's hashes.
struct TeamChainRecord: Equatable {
  var chain: TeamChain
  var verifiedAt: Date
  var mirrorStatus: [Int]

  /// The mirror file's device, inode, size, change and modification times; empty when missing.
  static func status(of path: String) -> [Int] {
    var found = stat()
    guard stat(path, &found) == 0 else { return [] }
    return [
      Int(found.st_dev), Int(found.st_ino), Int(found.st_size), found.st_ctim.tv_sec, found.st_ctim.tv_nsec,
      found.st_mtim.tv_sec, found.st_mtim.tv_nsec,
    ]
  }

  static func load(beside mirrorPath: String) -> TeamChainRecord? {
    guard let data = FileManager.default.contents(atPath: mirrorPath + ".chain") else { return nil }
    let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
    guard fields.count == 11, fields[0] == "chain1", let count = Int(fields[1]), let seconds = Double(fields[3]),
      let hash = fields[2] == "-" ? [] : TeamChain.bytes(hex: String(fields[2]))
    else { return nil }
    let status = fields[4...].compactMap { Int($0) }
    guard status.count == 7 else { return nil }
    return TeamChainRecord(
      chain: TeamChain(count: count, hash: hash), verifiedAt: Date(timeIntervalSince1970: seconds), mirrorStatus: status)
  }

  /// Writes the record for `chain`, with the mirror's status now.
  static func save(_ chain: TeamChain, beside mirrorPath: String, at moment: Date) {
    let status = Self.status(of: mirrorPath)
    guard status.count == 7 else { return }
    let hash = chain.hash.isEmpty ? "-" : chain.hex
    let text = "chain1 \(chain.count) \(hash) \(moment.timeIntervalSince1970) " + status.map(String.init).joined(separator: " ") + "\n"
    try? Data(text.utf8).write(to: URL(fileURLWithPath: mirrorPath + ".chain"), options: .atomic)
  }

  /// Whether the mirror is as it was when this record was written.
  func vouches(forMirrorAt mirrorPath: String) -> Bool {
    Self.status(of: mirrorPath) == mirrorStatus
  }
}
