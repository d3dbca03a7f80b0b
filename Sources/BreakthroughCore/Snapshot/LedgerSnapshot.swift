import Foundation

/// The folded state as bytes, so that a long ledger opens without folding every line again.
/// Handles are written once and referred to by number; links between promises by position.
extension LedgerState {
  static let snapshotFormat = 10

  /// The state as snapshot bytes; the promises' segments are written by `pieces` (on every
  /// core, the store's runner): they are most of the snapshot, and each stands alone.
  public func snapshot(pieces: PieceRunner = .oneAtATime) -> [UInt8] {
    Array(snapshotParts(pieces: pieces).joined())
  }

  /// The snapshot's bytes in the parts they were written in, one after another: a file takes
  /// them as they are, where joining them would copy tens of megabytes.
  public func snapshotParts(pieces: PieceRunner = .oneAtATime) -> [[UInt8]] {
    var out = SnapshotWriter()
    out.int(Self.snapshotFormat)
    let personNumber = TextNumbers(people.map(\.text))
    func person(_ handle: Handle) -> Int { personNumber[handle.text] ?? -1 }
    out.int(people.count)
    for handle in people { out.string(handle.text) }
    out.int(eventCount)
    out.int(highestNumber)
    out.int(leftOut.count)
    for event in leftOut {
      out.optional(event.ordinal) { $0.int($1) }
      out.optional(event.eventID) { $0.string($1) }
      out.optional(event.at) { $0.date($1) }
      out.optional(event.actor) { $0.string($1.text) }
      out.string(event.kind)
      out.optional(event.subject) { $0.string($1) }
      out.string(event.reason)
    }
    out.int(breakthroughs.count)
    for breakthrough in breakthroughs {
      let terms = breakthrough.terms
      out.string(terms.id)
      out.string(terms.statement)
      out.optional(terms.measure) { $0.string($1) }
      out.optional(terms.why) { $0.string($1) }
      Self.write(terms.by, &out)
      out.int(person(breakthrough.declaredBy))
      out.date(breakthrough.declaredAt)
      out.optional(breakthrough.outcome) { $0.string($1.rawValue) }
      out.optional(breakthrough.outcomeNote) { $0.string($1) }
      out.optional(breakthrough.accountedAt) { $0.date($1) }
    }
    out.string(JSONWriter.text(conversations.snapshotJSON))
    out.optional(zoneName) { $0.string($1) }
    // History summaries repeat ("made", "accepted" …): each is written once, then by number.
    // The table the ledger was opened with comes first, unchanged, so that the pasts still
    // held as its bytes are copied as they are.
    let archive = promises.archive.flatMap { archive in
      archive.people.elementsEqual(people.prefix(archive.people.count)) ? archive : nil
    }
    var summaries = archive?.summaries ?? []
    var summaryNumber = Dictionary(summaries.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    let segments = stride(from: 0, to: promises.count, by: Self.promisesPerSegment(promises.count))
      .map { $0..<min(promises.count, $0 + Self.promisesPerSegment(promises.count)) }
    // Each segment's summaries not in the table yet, in the order they first come, found on
    // every core; taken in segment order, the table is as one pass over the promises makes it.
    let found = SegmentReading.Slots<[String]>(count: segments.count)
    defer { found.release() }
    pieces.run(segments.count) { [summaryNumber] number in
      var new: [String] = []
      var seen = Set<String>()
      for position in segments[number] where archive == nil || promises.archivedRecord(at: position) == nil {
        // Archived promises are copied as they are: their summaries are in the archive's table.
        let past = promises.storedPast(at: position)
        guard past.archive?.isSame(as: archive) != true else { continue }
        for entry in past.past.history {
          let stem = PromisePastCoding.stem(of: entry.summary).stem
          if summaryNumber[stem] == nil, seen.insert(stem).inserted { new.append(stem) }
        }
      }
      found.base[number] = .success(new)
    }
    for number in segments.indices {
      guard case .success(let stems) = found.base[number] else { preconditionFailure("a segment's summaries were not looked for") }
      for stem in stems where summaryNumber[stem] == nil {
        summaryNumber[stem] = summaries.count
        summaries.append(stem)
      }
    }
    out.int(summaries.count)
    for summary in summaries { out.string(summary) }
    out.int(promises.count)
    // In segments, each with its length, so that opening can read them on all cores at once.
    out.int(segments.count)
    // The records and pasts still held in the snapshot are copied as they are, from one read of it.
    let held = archive.flatMap { $0.source.bytes(in: 0..<$0.source.count) }.map(SnapshotBytes.init)
    let parts = SegmentReading.Slots<[UInt8]>(count: segments.count)
    defer { parts.release() }
    // Each summary's number is the position of the first equal one in the table.
    let summaryNumbers = TextNumbers(summaries)
    pieces.run(segments.count) { number in
      var part = SnapshotWriter()
      var blob = SnapshotWriter()
      let person = { (handle: Handle) in personNumber[handle.text] ?? -1 }
      for position in segments[number] {
        if let held, let record = promises.archivedRecord(at: position), let fields = held.bytes(in: record.offset..<record.past),
          let past = held.record(at: record.past)
        {
          part.append(fields[...])
          part.append(past.bytes[...])
          continue
        }
        let promise = promises[position]
        write(promise, &part, person: person)
        if case .archived(let stored, let offset) = promise.storedPast, stored.isSame(as: archive), let past = held?.record(at: offset) {
          part.append(past.bytes[...])
        } else {
          PromisePastCoding.write(promise.storedPast.past, &part, using: &blob, person: person, summary: { summaryNumbers[$0] ?? 0 })
        }
      }
      parts.base[number] = .success(part.bytes)
    }
    var written: [[UInt8]] = []
    for (number, segment) in segments.enumerated() {
      let part = (try? parts.base[number].get()) ?? []
      out.int(segment.count)
      out.int(part.count)
      written.append(out.bytes)
      written.append(part)
      out.clear()
    }
    index.write(to: &out)
    // The misses can be many (one a promise not kept): last, their length in the last eight
    // bytes, so that opening reads them beside the promises rather than before them.
    let reasonsStart = out.bytes.count
    reasons.write(to: &out)
    out.fixedWidth(out.bytes.count - reasonsStart)
    written.append(out.bytes)
    return written
  }

  /// About eight segments of at least 2,000 promises: more than the cores of most machines,
  /// so that they share the work evenly, and not so small that starting them costs more.
  static func promisesPerSegment(_ count: Int) -> Int {
    max(2_000, (count + 7) / 8)
  }

  /// The promise's terms and where it stands (its past follows, written apart).
  private func write(_ promise: Promise, _ out: inout SnapshotWriter, person: (Handle) -> Int) {
    let terms = promise.terms
    out.string(terms.id)
    out.int(terms.number)
    out.int(person(terms.performer))
    out.int(person(terms.customer))
    out.string(terms.what)
    Self.write(terms.by, &out)
    // Most promises forward one of few breakthroughs: by position when it is one of them.
    let linked = terms.breakthrough.flatMap { id in breakthroughs.lastIndex { $0.id == id } }
    out.int(linked ?? -1)
    if linked == nil { out.optional(terms.breakthrough) { $0.string($1) } }
    out.int(terms.replaces.flatMap { index.position(ofID: $0, in: promises) } ?? -1)
    out.date(promise.madeAt)
    StoredProgress(promise.progress, person: person) { $0.flatMap { index.position(ofID: $0, in: promises) } ?? -1 }.write(to: &out)
    out.optional(terms.request) { $0.string($1) }
    out.optional(terms.element) { $0.string($1) }
    out.optional(terms.addresses) { $0.string($1) }
  }

  private static func write(_ by: ByWhen, _ out: inout SnapshotWriter) {
    out.int(by.day.daysSinceEpoch)
    out.optional(by.minuteOfDay) { $0.int($1) }
  }

  /// The state a snapshot holds, read on the calling thread; a refusal when the bytes are not one.
  public init(snapshot bytes: [UInt8]) throws(Refusal) {
    try self.init(snapshot: SnapshotBytes(bytes), payload: 0..<bytes.count, pieces: .oneAtATime)
  }

  /// The state the snapshot in `source`'s `payload` holds, read a part at a time: what comes
  /// before the promises, then each segment and the index, as `pieces` runs them (the store's
  /// runner: on all cores). The source is kept: each promise's past is read from it only when
  /// it is asked for.
  public init(snapshot source: SnapshotSource, payload: Range<Int>, pieces: PieceRunner) throws(Refusal) {
    guard payload.lowerBound >= 0, payload.upperBound <= source.count else { throw Refusal("the snapshot is out of range") }
    var piece = min(payload.count, 1 << 16)
    while true {
      guard let bytes = source.bytes(in: payload.lowerBound..<(payload.lowerBound + piece)) else {
        throw Refusal("the snapshot cannot be read")
      }
      var state = LedgerState()
      let head: Head
      do {
        head = try bytes.withUnsafeBufferPointer { (buffer) throws(Refusal) -> Head in
          var input = SnapshotReader(buffer)
          return try state.readHead(&input, source: source, at: payload.lowerBound)
        }
      } catch {
        // What comes before the promises may be longer than the piece read: a larger one.
        guard piece < payload.count else { throw error }
        piece = min(payload.count, piece * 8)
        continue
      }
      try state.readPromises(head, from: source, before: payload.upperBound, pieces: pieces)
      self = state
      return
    }
  }

  /// What the part before the promises says about the rest.
  private struct Head {
    let archive: SnapshotArchive
    let promiseCount: Int
    let segmentCount: Int
    /// Where the first segment's table entry is, in the source.
    let promisesStart: Int
  }

  private mutating func readHead(_ input: inout SnapshotReader, source: SnapshotSource, at start: Int) throws(Refusal) -> Head {
    guard try input.int() == Self.snapshotFormat else { throw Refusal("the snapshot is of another format") }
    let peopleCount = try input.count()
    for _ in 0..<peopleCount { people.append(try input.handle()) }
    knownPeople = Set(people)
    let everyone = people
    func person(_ input: inout SnapshotReader) throws(Refusal) -> Handle { try input.person(in: everyone) }
    eventCount = try input.int()
    journal = ChangeJournal(after: eventCount)
    highestNumber = try input.int()
    for _ in 0..<(try input.count()) {
      leftOut.append(
        LeftOutEvent(
          ordinal: try input.optional { (input) throws(Refusal) in try input.int() },
          eventID: try input.optional { (input) throws(Refusal) in try input.string() },
          at: try input.optional { (input) throws(Refusal) in try input.date() },
          actor: try input.optional { (input) throws(Refusal) in try input.handle() }, kind: try input.string(),
          subject: try input.optional { (input) throws(Refusal) in try input.string() }, reason: try input.string()))
    }
    for _ in 0..<(try input.count()) {
      let terms = BreakthroughTerms(
        id: try input.string(), statement: try input.string(),
        measure: try input.optional { (input) throws(Refusal) in try input.string() },
        why: try input.optional { (input) throws(Refusal) in try input.string() }, by: try Self.readByWhen(&input))
      var breakthrough = Breakthrough(terms: terms, declaredBy: try person(&input), declaredAt: try input.date())
      breakthrough.outcome = try input.optional { (input) throws(Refusal) in try input.raw(BreakthroughOutcome.self) }
      breakthrough.outcomeNote = try input.optional { (input) throws(Refusal) in try input.string() }
      breakthrough.accountedAt = try input.optional { (input) throws(Refusal) in try input.date() }
      breakthroughs.append(breakthrough)
    }
    let conversationsText = try input.string()
    let conversationsJSON: JSONValue
    do throws(JSONParser.Failure) { conversationsJSON = try JSONParser.parse(conversationsText) } catch {
      throw Refusal("the snapshot's conversations are not JSON: \(error.reason)")
    }
    conversations = try Conversations(snapshotJSON: conversationsJSON)
    zoneName = try input.optional { (input) throws(Refusal) in try input.string() }
    var summaries: [String] = []
    for _ in 0..<(try input.count()) { summaries.append(try input.string()) }
    let archive = SnapshotArchive(source: source, people: people, summaries: summaries, breakthroughIDs: breakthroughs.map(\.id))
    // Plain numbers, not counts of what follows in this piece: the promises are not in it.
    let promiseCount = try input.int()
    let segmentCount = try input.int()
    guard promiseCount >= 0, segmentCount >= 0, segmentCount <= source.count / 2 else {
      throw Refusal("the snapshot's promise count is out of range")
    }
    return Head(archive: archive, promiseCount: promiseCount, segmentCount: segmentCount, promisesStart: start + input.index)
  }

  private mutating func readPromises(_ head: Head, from source: SnapshotSource, before payloadEnd: Int, pieces: PieceRunner) throws(Refusal)
  {
    guard payloadEnd - head.promisesStart >= 8, let last = source.bytes(in: (payloadEnd - 8)..<payloadEnd) else {
      throw Refusal("the snapshot ends too soon")
    }
    let reasonsLength = try last.withUnsafeBufferPointer { (buffer) throws(Refusal) -> Int in
      var input = SnapshotReader(buffer)
      return try input.fixedWidth()
    }
    guard reasonsLength >= 0, reasonsLength <= payloadEnd - 8 - head.promisesStart else {
      throw Refusal("the snapshot's reasons are out of range")
    }
    let reasonsBytes = (payloadEnd - 8 - reasonsLength)..<(payloadEnd - 8)
    let end = reasonsBytes.lowerBound
    var segments: [(bytes: Range<Int>, promises: Range<Int>)] = []
    var offset = head.promisesStart
    for _ in 0..<head.segmentCount {
      guard offset < end, let entry = source.bytes(in: offset..<min(end, offset + 20)) else {
        throw Refusal("a segment of the snapshot is out of range")
      }
      let (count, length, prefix) = try entry.withUnsafeBufferPointer { (buffer) throws(Refusal) -> (Int, Int, Int) in
        var input = SnapshotReader(buffer)
        return (try input.int(), try input.int(), input.index)
      }
      let first = segments.last?.promises.upperBound ?? 0
      guard count >= 0, count <= head.promiseCount - first, length >= 0, length <= end - offset - prefix else {
        throw Refusal("a segment of the snapshot is out of range")
      }
      segments.append(((offset + prefix)..<(offset + prefix + length), first..<(first + count)))
      offset += prefix + length
    }
    guard (segments.last?.promises.upperBound ?? 0) == head.promiseCount else { throw Refusal("the snapshot's segments do not add up") }
    let indexBytes = offset..<end
    let promiseCount = head.promiseCount
    // The index is one long copy, and the misses many: read beside the segments rather than
    // before them.
    let (read, (index, reasons)) = try SegmentReading(segments: segments, archive: head.archive).read(on: pieces) {
      () throws(Refusal) -> (PromiseIndex, ReasonBook) in
      let index = try source.withBytes(in: indexBytes) { (buffer) throws(Refusal) -> PromiseIndex in
        var input = SnapshotReader(buffer)
        let index = try PromiseIndex(reading: &input, promiseCount: promiseCount)
        guard input.isAtEnd else { throw Refusal("the snapshot has bytes after its end") }
        return index
      }
      let reasons = try source.withBytes(in: reasonsBytes) { (buffer) throws(Refusal) -> ReasonBook in
        var input = SnapshotReader(buffer)
        let reasons = try ReasonBook(reading: &input)
        guard input.isAtEnd else { throw Refusal("the snapshot's reasons do not add up") }
        return reasons
      }
      guard let index, let reasons else { throw Refusal("the snapshot cannot be read") }
      return (index, reasons)
    }
    self.reasons = reasons
    self.index = index
    promises = read.promises
    // Links to later promises are known only by position until all are read.
    for link in read.links {
      func id(_ position: Int) throws(Refusal) -> String? {
        guard position >= 0 else { return nil }
        guard promises.indices.contains(position) else { throw Refusal("a link in the snapshot is out of range") }
        return promises.id(at: position)
      }
      promises[link.promise].terms.replaces = try id(link.replaces)
      promises[link.promise].replacedBy = try id(link.replacedBy)
    }
    // Only a ledger with elements has promises linked to them.
    if !conversations.elements.isEmpty {
      for index in promises.indices where promises.hasElement(at: index) {
        let promise = promises[index]
        if let element = promise.terms.element { conversations.promisesByElement[element, default: []].append(promise.id) }
      }
    }
  }

  private static func readByWhen(_ input: inout SnapshotReader) throws(Refusal) -> ByWhen {
    ByWhen(
      day: CalendarDay(daysSinceEpoch: try input.int()), minuteOfDay: try input.optional { (input) throws(Refusal) in try input.int() })
  }
}
