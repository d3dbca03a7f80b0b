import Foundation

/// A promise's past in a snapshot: length-prefixed, so that opening can step over it and read
/// it only when the promise is looked at or moved. People and summaries are by number.
enum PromisePastCoding {
  /// Writes `past` after its length; `blob` is room to write it first, reused from one past
  /// to the next (a new buffer for each was a tenth of writing a snapshot).
  static func write(
    _ past: PromisePast, _ out: inout SnapshotWriter, using blob: inout SnapshotWriter, person: (Handle) -> Int,
    summary: (String) -> Int
  ) {
    blob.clear()
    blob.int(past.history.count)
    for entry in past.history {
      blob.date(entry.at)
      blob.int(person(entry.actor))
      let (stem, number) = stem(of: entry.summary)
      if let number {
        blob.int(~summary(stem))
        blob.int(number)
      } else {
        blob.int(summary(stem))
      }
      blob.optional(entry.note) { $0.string($1) }
    }
    // The last event is the newest of the undo trail whenever there is one: written once.
    let lastIsInTrail = past.undoTrail.last?.eventID == past.lastEventID
    blob.bool(lastIsInTrail)
    if !lastIsInTrail { blob.string(past.lastEventID) }
    blob.int(past.undoTrail.count)
    for step in past.undoTrail {
      blob.string(step.eventID)
      blob.int(person(step.actor))
      blob.optional(step.before) { out, progress in
        StoredProgress(progress, person: person) { $0 }.write(to: &out)
      }
    }
    out.int(blob.bytes.count)
    out.append(blob.bytes[...])
  }

  /// A summary as the table of summaries keeps it: the words before a promise's label that
  /// ends it ("made to replace P"), and the label's number apart. Such summaries are mostly
  /// said once: a table of them whole was most of a long ledger's snapshot before its promises
  /// (157,000 texts at 1,000,000 promises), read on every open.
  static func stem(of summary: String) -> (stem: String, number: Int?) {
    // Most summaries end in a word ("made", "accepted"): no label to take apart.
    guard let last = summary.utf8.last, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(last) else { return (summary, nil) }
    let bytes = Array(summary.utf8)
    var start = bytes.count
    while start > 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[start - 1]) { start -= 1 }
    // Only a label as the ledger writes it: P, then a number without leading zeros.
    guard start > 0, start < bytes.count, bytes.count - start <= 18, bytes[start - 1] == UInt8(ascii: "P"),
      bytes[start] != UInt8(ascii: "0"),
      let number = Int(String(decoding: bytes[start...], as: UTF8.self))
    else { return (summary, nil) }
    return (String(decoding: bytes[..<start], as: UTF8.self), number)
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
      let code = try input.int()
      let number = code < 0 ? ~code : code
      guard summaries.indices.contains(number) else { throw Refusal("a summary in the snapshot is out of range") }
      let summary = code < 0 ? summaries[number] + String(try input.int()) : summaries[number]
      past.history.append(
        HistoryEntry(
          at: at, actor: actor, summary: summary,
          note: try input.optional { (input) throws(Refusal) in try input.string() }))
    }
    let lastIsInTrail = try input.bool()
    if !lastIsInTrail { past.lastEventID = try input.string() }
    for _ in 0..<(try input.count()) {
      let eventID = try input.string()
      let actor = try person(&input)
      let before = try input.optional { (input) throws(Refusal) -> Promise.Progress in
        try StoredProgress<String?>(reading: &input, people: people.count).progress(people: people) { $0 }
      }
      past.undoTrail.append(UndoStep(eventID: eventID, actor: actor, before: before))
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
