import Foundation

/// A promise's record in a snapshot (its terms and where it stands; its past follows apart),
/// read without building its texts: where each text is, and every other field as it is.
/// Opening builds a `Promise` only for a promise still running; a closed one is kept as an
/// `ArchivedPromise` and built from its record again if it is ever looked at.
struct SnapshotPromiseRecord {
  let id: Range<Int>
  let number: Int
  let performer: Int
  let customer: Int
  let what: Range<Int>
  let by: ByWhen
  /// The breakthrough by its position among the snapshot's, or -1 with its id (if any) written out.
  let linked: Int
  let breakthrough: Range<Int>?
  /// The position of the promise it replaces, or -1 (`progress` has the one that replaced it).
  let replaces: Int
  let madeAt: Date
  let progress: StoredProgress<Int>
  let request: Range<Int>?
  let element: Range<Int>?
  let addresses: Range<Int>?

  /// Reads the record at `input`'s index, stopping where its past begins; a refusal when a
  /// person or a breakthrough is not among the `people` and `breakthroughs` it may name.
  init(_ input: inout SnapshotReader, people: Int, breakthroughs: Int) throws(Refusal) {
    func person(_ input: inout SnapshotReader) throws(Refusal) -> Int {
      let number = try input.int()
      guard (0..<people).contains(number) else { throw Refusal("a person in the snapshot is out of range") }
      return number
    }
    func text(_ input: inout SnapshotReader) throws(Refusal) -> Range<Int> { try input.textRange() }
    id = try input.textRange()
    number = try input.int()
    performer = try person(&input)
    customer = try person(&input)
    what = try input.textRange()
    by = ByWhen(
      day: CalendarDay(daysSinceEpoch: try input.int()), minuteOfDay: try input.optional { (input) throws(Refusal) in try input.int() })
    linked = try input.int()
    guard linked < breakthroughs else { throw Refusal("a breakthrough in the snapshot is out of range") }
    breakthrough = linked >= 0 ? nil : try input.optional(text)
    replaces = try input.int()
    madeAt = try input.date()
    progress = try StoredProgress(reading: &input, people: people)
    request = try input.optional(text)
    element = try input.optional(text)
    addresses = try input.optional(text)
  }

  /// The promise the record holds, its texts taken from `bytes` (those it was read from), its
  /// past left at `past` in the archive; links to other promises are by id, from `id(at:)`.
  func promise(
    in bytes: UnsafeBufferPointer<UInt8>, archive: SnapshotArchive, past: Int, id linkedID: (Int) -> String?
  ) -> Promise {
    func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
    return Promise(
      terms: PromiseTerms(
        id: text(id), number: number, performer: archive.people[performer], customer: archive.people[customer], what: text(what),
        by: by, breakthrough: linked >= 0 ? archive.breakthroughIDs[linked] : breakthrough.map(text),
        replaces: replaces >= 0 ? linkedID(replaces) : nil, request: request.map(text), element: element.map(text),
        addresses: addresses.map(text)),
      madeAt: madeAt,
      progress: progress.progress(people: archive.people) { $0 >= 0 ? linkedID($0) : nil },
      past: .archived(archive, offset: past))
  }
}

extension SnapshotReader {
  /// Where the next length-prefixed text's bytes are, stepping over them.
  @inline(__always)
  mutating func textRange() throws(Refusal) -> Range<Int> {
    let length = try count()
    defer { index += length }
    return index..<(index + length)
  }
}
