import Foundation

/// What a promise has been through: its history, and what undo needs (its last event and how
/// it stood before each of its latest moves).
struct PromisePast: Sendable {
  var history: [HistoryEntry] = []
  /// The last event that changed the promise: only it can be undone.
  var lastEventID: String
  /// The latest few moves, newest last: each event's id and how the promise stood before it
  /// (nil before its making). Undo pops one; a few are kept so that undo can be repeated.
  var undoTrail: [(eventID: String, before: Promise.Progress?)] = []

  static let undoDepth = 3

  /// Notes that `eventID` changed the promise, and how it stood before.
  mutating func remember(_ eventID: String, before: Promise.Progress?) {
    lastEventID = eventID
    undoTrail.append((eventID, before))
    if undoTrail.count > Self.undoDepth { undoTrail.removeFirst() }
  }

  /// The same past read back when a snapshot's bytes for it are damaged: it says so and
  /// offers no undo.
  static let unreadable = PromisePast(
    history: [
      HistoryEntry(
        at: Date(timeIntervalSince1970: 0), actor: Handle(checked: "breakthrough"),
        summary: "history unreadable in the snapshot (delete ledger.jsonl.snapshot to rebuild it)", note: nil)
    ],
    lastEventID: "")
}

/// A promise's past as it is kept: decoded already, or still bytes of the snapshot the ledger
/// was opened from. Most promises are never looked at closely, so a long ledger opens without
/// building the history of every one.
enum StoredPast: Sendable {
  case decoded(PromisePast)
  case archived(SnapshotArchive, offset: Int)

  var past: PromisePast {
    switch self {
    case .decoded(let past): return past
    case .archived(let archive, let offset): return archive.past(at: offset)
    }
  }

  /// The snapshot it is still held in, if it is.
  var archive: SnapshotArchive? {
    if case .archived(let archive, _) = self { return archive }
    return nil
  }
}

/// A snapshot's bytes kept after opening, with the tables its promises' pasts refer to.
final class SnapshotArchive: Sendable {
  let bytes: [UInt8]
  let people: [Handle]
  let summaries: [String]

  init(bytes: [UInt8], people: [Handle], summaries: [String]) {
    self.bytes = bytes
    self.people = people
    self.summaries = summaries
  }

  /// Another reference to the same bytes and tables.
  func copy() -> SnapshotArchive {
    SnapshotArchive(bytes: bytes, people: people, summaries: summaries)
  }

  /// Whether both hold the same snapshot's bytes (one is a copy of the other).
  func isSame(as other: SnapshotArchive?) -> Bool {
    guard let other else { return false }
    return bytes.withUnsafeBufferPointer { mine in other.bytes.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress } }
  }

  /// The past stored at `offset` (where its length-prefixed bytes begin).
  func past(at offset: Int) -> PromisePast {
    bytes.withUnsafeBufferPointer { buffer in
      var input = SnapshotReader(buffer, at: offset)
      return (try? PromisePastCoding.read(&input, people: people, summaries: summaries)) ?? .unreadable
    }
  }

  /// The stored bytes of the past at `offset`, length prefix included, to be copied as they are.
  func pastBytes(at offset: Int) -> ArraySlice<UInt8> {
    bytes.withUnsafeBufferPointer { buffer in
      var input = SnapshotReader(buffer, at: offset)
      let length = (try? input.count()) ?? 0
      return bytes[offset..<(input.index + length)]
    }
  }
}
