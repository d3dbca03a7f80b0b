import Foundation

/// A promise's past in a snapshot: length-prefixed, so that opening can step over it and read
/// it only when the promise is looked at or moved. People and summaries are by number.
enum PromisePastCoding {
  static func write(_ past: PromisePast, _ out: inout SnapshotWriter, person: (Handle) -> Int, summary: (String) -> Int) {
    var blob = SnapshotWriter()
    blob.int(past.history.count)
    for entry in past.history {
      blob.date(entry.at)
      blob.int(person(entry.actor))
      blob.int(summary(entry.summary))
      blob.optional(entry.note) { $0.string($1) }
    }
    // The last event is the newest of the undo trail whenever there is one: written once.
    let lastIsInTrail = past.undoTrail.last?.eventID == past.lastEventID
    blob.bool(lastIsInTrail)
    if !lastIsInTrail { blob.string(past.lastEventID) }
    blob.int(past.undoTrail.count)
    for (eventID, before) in past.undoTrail {
      blob.string(eventID)
      blob.optional(before) { out, progress in
        out.int(progress.state.code)
        out.optional(progress.deliveredAt) { $0.date($1) }
        out.optional(progress.closedAt) { $0.date($1) }
        out.optional(progress.closedBy) { $0.int(person($1)) }
        out.optional(progress.confidence) { $0.int($1.code) }
        out.optional(progress.replacedBy) { $0.string($1) }
        out.bool(progress.wasRenegotiatedLate)
      }
    }
    out.int(blob.bytes.count)
    out.append(blob.bytes[...])
  }

  /// Steps over a stored past, checking only that it lies within the snapshot.
  static func skip(_ input: inout SnapshotReader) throws(Refusal) {
    let length = try input.count()
    input.index += length
  }

  static func read(_ input: inout SnapshotReader, people: [Handle], summaries: [String]) throws(Refusal) -> PromisePast {
    let length = try input.count()
    let end = input.index + length
    func person(_ input: inout SnapshotReader) throws(Refusal) -> Handle { try input.person(in: people) }
    var past = PromisePast(lastEventID: "")
    let historyCount = try input.count()
    past.history.reserveCapacity(historyCount)
    for _ in 0..<historyCount {
      let at = try input.date()
      let actor = try person(&input)
      let number = try input.int()
      guard summaries.indices.contains(number) else { throw Refusal("a summary in the snapshot is out of range") }
      past.history.append(
        HistoryEntry(
          at: at, actor: actor, summary: summaries[number],
          note: try input.optional { (input) throws(Refusal) in try input.string() }))
    }
    let lastIsInTrail = try input.bool()
    if !lastIsInTrail { past.lastEventID = try input.string() }
    for _ in 0..<(try input.count()) {
      let eventID = try input.string()
      let before = try input.optional { (input) throws(Refusal) -> Promise.Progress in
        Promise.Progress(
          state: try input.coded(PromiseState.self),
          deliveredAt: try input.optional { (input) throws(Refusal) in try input.date() },
          closedAt: try input.optional { (input) throws(Refusal) in try input.date() },
          closedBy: try input.optional { (input) throws(Refusal) in try person(&input) },
          confidence: try input.optional { (input) throws(Refusal) in try input.coded(Confidence.self) },
          replacedBy: try input.optional { (input) throws(Refusal) in try input.string() },
          wasRenegotiatedLate: try input.bool())
      }
      past.undoTrail.append((eventID, before))
    }
    if lastIsInTrail {
      guard let last = past.undoTrail.last?.eventID else { throw Refusal("a promise in the snapshot lost its last event") }
      past.lastEventID = last
    }
    guard input.index == end else { throw Refusal("a promise's past in the snapshot has the wrong length") }
    return past
  }
}

extension SnapshotReader {
  /// A person stored by number in `people`.
  mutating func person(in people: [Handle]) throws(Refusal) -> Handle {
    let number = try int()
    guard people.indices.contains(number) else { throw Refusal("a person in the snapshot is out of range") }
    return people[number]
  }

  /// A case stored by its snapshot code.
  mutating func coded<T: SnapshotCoded>(_ type: T.Type) throws(Refusal) -> T {
    let code = try int()
    guard let value = T.allCases.first(where: { $0.code == code }) else { throw Refusal("an unknown \(T.self) in the snapshot") }
    return value
  }
}
