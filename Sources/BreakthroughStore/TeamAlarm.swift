import Foundation

/// A change to a team ledger's past that this machine saw, kept beside its mirror
/// (`team-….jsonl.alarm`) so that every screen and command says it until it is resolved: the
/// head this machine had verified is on the server again, or the changed event matches its hash.
struct TeamAlarm: Equatable {
  let message: String
  /// The head verified before the change.
  let head: TeamChain?
  /// The event whose line no longer matches its hash.
  let brokenAt: Int?

  /// What a screen shows in its connection note.
  var note: String { "the team ledger's past was changed: `breakthrough store check` says more" }

  static func load(beside mirrorPath: String) -> TeamAlarm? {
    guard let data = FileManager.default.contents(atPath: mirrorPath + ".alarm") else { return nil }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", maxSplits: 1)
    guard lines.count == 2 else { return nil }
    let fields = lines[0].split(separator: " ")
    guard fields.count == 2, let number = Int(fields[1]) else { return nil }
    switch fields[0] {
    case "broken": return TeamAlarm(message: String(lines[1]), head: nil, brokenAt: number)
    default:
      guard let hash = TeamChain.bytes(hex: String(fields[0])) else { return nil }
      return TeamAlarm(message: String(lines[1]), head: TeamChain(count: number, hash: hash), brokenAt: nil)
    }
  }

  func save(beside mirrorPath: String) {
    let first = head.map { "\($0.hex) \($0.count)" } ?? "broken \(brokenAt ?? 0)"
    try? Data((first + "\n" + message).utf8).write(to: URL(fileURLWithPath: mirrorPath + ".alarm"), options: .atomic)
  }

  static func remove(beside mirrorPath: String) { unlink(mirrorPath + ".alarm") }
}
