import Foundation

/// What a promise has been through: its history, and what undo needs (its last event and how
/// it stood before each of its latest moves).
struct PromisePast: Sendable {
  var history: [HistoryEntry] = []
  /// The last event that changed the promise: only it can be undone.
  var lastEventID: String
  /// The latest few moves, newest last. Undo pops one; a few are kept so that undo can be repeated.
  var undoTrail: [UndoStep] = []

  static let undoDepth = 3

  /// Notes that `eventID`, said by `actor`, changed the promise, and how it stood before.
  mutating func remember(_ eventID: String, by actor: Handle, before: Promise.Progress?) {
    lastEventID = eventID
    undoTrail.append(UndoStep(eventID: eventID, actor: actor, before: before))
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

/// One move on a promise, as undo needs it: the event, who made it (only they may take it
/// back), and how the promise stood before it (nil before its making).
struct UndoStep: Sendable {
  let eventID: String
  let actor: Handle
  let before: Promise.Progress?
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

/// The snapshot a ledger was opened from, kept after opening (its source, not its bytes),
/// with the tables its promises' records and pasts refer to.
final class SnapshotArchive: Sendable {
  let source: SnapshotSource
  let people: [Handle]
  let summaries: [String]
  let breakthroughIDs: [String]

  init(source: SnapshotSource, people: [Handle], summaries: [String], breakthroughIDs: [String]) {
    self.source = source
    self.people = people
    self.summaries = summaries
    self.breakthroughIDs = breakthroughIDs
  }

  /// Another reference to the same source, with tables of its own: readers on other cores
  /// then do not contend for the same reference counts.
  func copy() -> SnapshotArchive {
    SnapshotArchive(
      source: source, people: people, summaries: summaries,
      breakthroughIDs: breakthroughIDs.map { String(decoding: Array($0.utf8), as: UTF8.self) })
  }

  /// Whether both read the same snapshot (one is a copy of the other).
  func isSame(as other: SnapshotArchive?) -> Bool {
    other?.source === source
  }

  /// The past stored at `offset` (where its length-prefixed bytes begin), read from the source.
  func past(at offset: Int) -> PromisePast {
    guard let record = source.record(at: offset) else { return .unreadable }
    return record.bytes.withUnsafeBufferPointer { buffer in
      var input = SnapshotReader(buffer)
      return (try? PromisePastCoding.read(&input, people: people, summaries: summaries)) ?? .unreadable
    }
  }
}
