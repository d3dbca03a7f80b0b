import Foundation

/// Where a promise stands, as a snapshot keeps it: the one codec of a promise's record and of
/// each step of its undo trail, so a field added to `Promise.Progress` is written and read here
/// alone. A person is kept by number. The promise that replaced it is a `Link`: by position in
/// the record (links are put right once every promise is read), by id in the undo trail (read
/// long after the open, when positions are no longer at hand).
struct StoredProgress<Link> {
  var state: PromiseState
  var deliveredAt: Date?
  var closedAt: Date?
  var closedBy: Int?
  var confidence: Confidence?
  var replacedBy: Link
  var wasRenegotiatedLate: Bool

  init(_ progress: Promise.Progress, person: (Handle) -> Int, link: (String?) -> Link) {
    state = progress.state
    deliveredAt = progress.deliveredAt
    closedAt = progress.closedAt
    closedBy = progress.closedBy.map(person)
    confidence = progress.confidence
    replacedBy = link(progress.replacedBy)
    wasRenegotiatedLate = progress.wasRenegotiatedLate
  }

  /// Reads what `write` wrote; a refusal when a person is not among the `people` it may name.
  @inline(__always)
  init(
    reading input: inout SnapshotReader, people: Int, link: (inout SnapshotReader) throws(Refusal) -> Link
  ) throws(Refusal) {
    state = try input.coded(PromiseState.self)
    deliveredAt = try input.optional { (input) throws(Refusal) in try input.date() }
    closedAt = try input.optional { (input) throws(Refusal) in try input.date() }
    closedBy = try input.optional { (input) throws(Refusal) in
      let number = try input.int()
      guard (0..<people).contains(number) else { throw Refusal("a person in the snapshot is out of range") }
      return number
    }
    confidence = try input.optional { (input) throws(Refusal) in try input.coded(Confidence.self) }
    replacedBy = try link(&input)
    wasRenegotiatedLate = try input.bool()
  }

  func write(to out: inout SnapshotWriter, link: (inout SnapshotWriter, Link) -> Void) {
    out.int(state.code)
    out.optional(deliveredAt) { $0.date($1) }
    out.optional(closedAt) { $0.date($1) }
    out.optional(closedBy) { $0.int($1) }
    out.optional(confidence) { $0.int($1.code) }
    link(&out, replacedBy)
    out.bool(wasRenegotiatedLate)
  }

  /// The progress it keeps, its people from `people` and its link made an id by `id`.
  func progress(people: [Handle], id: (Link) -> String?) -> Promise.Progress {
    Promise.Progress(
      state: state, deliveredAt: deliveredAt, closedAt: closedAt, closedBy: closedBy.map { people[$0] }, confidence: confidence,
      replacedBy: id(replacedBy), wasRenegotiatedLate: wasRenegotiatedLate)
  }
}

extension StoredProgress<Int> {
  /// In a record: the replacing promise by position, -1 for none.
  init(reading input: inout SnapshotReader, people: Int) throws(Refusal) {
    try self.init(reading: &input, people: people) { (input) throws(Refusal) in try input.int() }
  }

  func write(to out: inout SnapshotWriter) {
    write(to: &out) { $0.int($1) }
  }
}

extension StoredProgress<String?> {
  /// In an undo step: the replacing promise by id.
  init(reading input: inout SnapshotReader, people: Int) throws(Refusal) {
    try self.init(reading: &input, people: people) { (input) throws(Refusal) in
      try input.optional { (input) throws(Refusal) in try input.string() }
    }
  }

  func write(to out: inout SnapshotWriter) {
    write(to: &out) { out, id in out.optional(id) { $0.string($1) } }
  }
}
