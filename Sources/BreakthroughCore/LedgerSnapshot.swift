import Foundation

/// The folded state as bytes, so that a long ledger opens without folding every line again.
/// Handles are written once and referred to by number; links between promises by position.
extension LedgerState {
  static let snapshotFormat = 3

  /// The state as snapshot bytes.
  public func snapshot() -> [UInt8] {
    var out = SnapshotWriter()
    out.int(Self.snapshotFormat)
    let personNumber = Dictionary(people.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    func person(_ handle: Handle) -> Int { personNumber[handle] ?? -1 }
    out.int(people.count)
    for handle in people { out.string(handle.text) }
    out.int(eventCount)
    out.int(highestNumber)
    out.int(anomalies.count)
    for anomaly in anomalies { out.string(anomaly) }
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
    // History summaries repeat ("made", "accepted" …): each is written once, then by number.
    var summaries: [String] = [], summaryNumber: [String: Int] = [:]
    for promise in promises {
      for entry in promise.history where summaryNumber[entry.summary] == nil {
        summaryNumber[entry.summary] = summaries.count
        summaries.append(entry.summary)
      }
    }
    out.int(summaries.count)
    for summary in summaries { out.string(summary) }
    out.int(promises.count)
    for promise in promises { write(promise, &out, person: person, summary: { summaryNumber[$0] ?? 0 }) }
    return out.bytes
  }

  private func write(_ promise: Promise, _ out: inout SnapshotWriter, person: (Handle) -> Int, summary: (String) -> Int) {
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
    out.int(terms.replaces.flatMap { indexByID[$0] } ?? -1)
    out.date(promise.madeAt)
    out.string(promise.state.rawValue)
    out.optional(promise.deliveredAt) { $0.date($1) }
    out.optional(promise.closedAt) { $0.date($1) }
    out.optional(promise.closedBy) { $0.int(person($1)) }
    out.optional(promise.confidence) { $0.string($1.rawValue) }
    out.int(promise.replacedBy.flatMap { indexByID[$0] } ?? -1)
    out.bool(promise.wasRenegotiatedLate)
    out.int(promise.history.count)
    for entry in promise.history {
      out.date(entry.at)
      out.int(person(entry.actor))
      out.int(summary(entry.summary))
      out.optional(entry.note) { $0.string($1) }
    }
    // The last event is the newest of the undo trail whenever there is one: written once.
    let lastIsInTrail = promise.undoTrail.last?.eventID == promise.lastEventID
    out.bool(lastIsInTrail)
    if !lastIsInTrail { out.string(promise.lastEventID) }
    out.int(promise.undoTrail.count)
    for (eventID, before) in promise.undoTrail {
      out.string(eventID)
      out.optional(before) { out, progress in
        out.string(progress.state.rawValue)
        out.optional(progress.deliveredAt) { $0.date($1) }
        out.optional(progress.closedAt) { $0.date($1) }
        out.optional(progress.closedBy) { $0.int(person($1)) }
        out.optional(progress.confidence) { $0.string($1.rawValue) }
        out.int(progress.replacedBy.flatMap { indexByID[$0] } ?? -1)
        out.bool(progress.wasRenegotiatedLate)
      }
    }
  }

  private static func write(_ by: ByWhen, _ out: inout SnapshotWriter) {
    out.int(by.day.daysSinceEpoch)
    out.optional(by.minuteOfDay) { $0.int($1) }
  }

  /// The state a snapshot holds; a refusal when the bytes are not one.
  public init(snapshot bytes: UnsafeBufferPointer<UInt8>) throws(Refusal) {
    self.init()
    var input = SnapshotReader(bytes)
    guard try input.int() == Self.snapshotFormat else { throw Refusal("the snapshot is of another format") }
    let peopleCount = try input.count()
    for _ in 0..<peopleCount { people.append(try input.handle()) }
    knownPeople = Set(people)
    let everyone = people
    func person(_ input: inout SnapshotReader) throws(Refusal) -> Handle {
      let number = try input.int()
      guard everyone.indices.contains(number) else { throw Refusal("a person in the snapshot is out of range") }
      return everyone[number]
    }
    eventCount = try input.int()
    highestNumber = try input.int()
    for _ in 0..<(try input.count()) { anomalies.append(try input.string()) }
    for _ in 0..<(try input.count()) {
      let terms = BreakthroughTerms(id: try input.string(), statement: try input.string(), measure: try input.optional { (input) throws(Refusal) in try input.string() },
                                    why: try input.optional { (input) throws(Refusal) in try input.string() }, by: try Self.readByWhen(&input))
      var breakthrough = Breakthrough(terms: terms, declaredBy: try person(&input), declaredAt: try input.date())
      breakthrough.outcome = try input.optional { (input) throws(Refusal) in try input.raw(BreakthroughOutcome.self) }
      breakthrough.outcomeNote = try input.optional { (input) throws(Refusal) in try input.string() }
      breakthrough.accountedAt = try input.optional { (input) throws(Refusal) in try input.date() }
      breakthroughs.append(breakthrough)
    }
    var summaries: [String] = []
    for _ in 0..<(try input.count()) { summaries.append(try input.string()) }
    let summaryTable = summaries
    func summary(_ input: inout SnapshotReader) throws(Refusal) -> String {
      let number = try input.int()
      guard summaryTable.indices.contains(number) else { throw Refusal("a summary in the snapshot is out of range") }
      return summaryTable[number]
    }
    let breakthroughIDs = breakthroughs.map(\.id)
    let promiseCount = try input.count()
    promises.reserveCapacity(promiseCount)
    indexByID.reserveCapacity(promiseCount)
    // Links to later promises are known only by position until those are read.
    var links: [(promise: Int, replaces: Int, replacedBy: Int, trail: [Int])] = []
    for index in 0..<promiseCount {
      let (promise, link) = try Self.readPromise(&input, breakthroughIDs: breakthroughIDs, person: person, summary: summary)
      indexByID[promise.id] = index
      if indexByNumber[promise.number] == nil { indexByNumber[promise.number] = index }
      promises.append(promise)
      if link.replaces >= 0 || link.replacedBy >= 0 || link.trail.contains(where: { $0 >= 0 }) {
        links.append((index, link.replaces, link.replacedBy, link.trail))
      }
    }
    guard input.isAtEnd else { throw Refusal("the snapshot has bytes after its end") }
    for link in links {
      func id(_ position: Int) throws(Refusal) -> String? {
        guard position >= 0 else { return nil }
        guard promises.indices.contains(position) else { throw Refusal("a link in the snapshot is out of range") }
        return promises[position].id
      }
      let replaces = try id(link.replaces)
      if replaces != promises[link.promise].terms.replaces {
        var terms = promises[link.promise].terms
        terms.replaces = replaces
        promises[link.promise] = promises[link.promise].withTerms(terms)
      }
      let replacedBy = try id(link.replacedBy)
      promises[link.promise].replacedBy = replacedBy
      for (offset, position) in link.trail.enumerated() where position >= 0 {
        let before = try id(position)
        promises[link.promise].undoTrail[offset].before?.replacedBy = before
      }
    }
  }

  private static func readByWhen(_ input: inout SnapshotReader) throws(Refusal) -> ByWhen {
    ByWhen(day: CalendarDay(daysSinceEpoch: try input.int()), minuteOfDay: try input.optional { (input) throws(Refusal) in try input.int() })
  }

  private static func readPromise(_ input: inout SnapshotReader, breakthroughIDs: [String],
                                  person: (inout SnapshotReader) throws(Refusal) -> Handle,
                                  summary: (inout SnapshotReader) throws(Refusal) -> String)
    throws(Refusal) -> (Promise, (replaces: Int, replacedBy: Int, trail: [Int])) {
    let id = try input.string(), number = try input.int()
    let performer = try person(&input), customer = try person(&input)
    let what = try input.string()
    let by = try readByWhen(&input)
    let linked = try input.int()
    let breakthrough: String?
    if linked >= 0 {
      guard breakthroughIDs.indices.contains(linked) else { throw Refusal("a breakthrough in the snapshot is out of range") }
      breakthrough = breakthroughIDs[linked]
    } else {
      breakthrough = try input.optional { (input) throws(Refusal) in try input.string() }
    }
    let replaces = try input.int()
    let terms = PromiseTerms(id: id, number: number, performer: performer, customer: customer, what: what, by: by,
                             breakthrough: breakthrough, replaces: nil)
    var promise = Promise(terms: terms, madeAt: try input.date(), eventID: "")
    promise.state = try input.raw(PromiseState.self)
    promise.deliveredAt = try input.optional { (input) throws(Refusal) in try input.date() }
    promise.closedAt = try input.optional { (input) throws(Refusal) in try input.date() }
    promise.closedBy = try input.optional { (input) throws(Refusal) in try person(&input) }
    promise.confidence = try input.optional { (input) throws(Refusal) in try input.raw(Confidence.self) }
    let replacedBy = try input.int()
    promise.wasRenegotiatedLate = try input.bool()
    let historyCount = try input.count()
    promise.history.reserveCapacity(historyCount)
    for _ in 0..<historyCount {
      promise.history.append(HistoryEntry(at: try input.date(), actor: try person(&input), summary: try summary(&input),
                                          note: try input.optional { (input) throws(Refusal) in try input.string() }))
    }
    let lastIsInTrail = try input.bool()
    if !lastIsInTrail { promise.lastEventID = try input.string() }
    var trail: [Int] = []
    for _ in 0..<(try input.count()) {
      let eventID = try input.string()
      var link = -1
      let before = try input.optional { (input) throws(Refusal) -> Promise.Progress in
        let state = try input.raw(PromiseState.self)
        let deliveredAt = try input.optional { (input) throws(Refusal) in try input.date() }
        let closedAt = try input.optional { (input) throws(Refusal) in try input.date() }
        let closedBy = try input.optional { (input) throws(Refusal) in try person(&input) }
        let confidence = try input.optional { (input) throws(Refusal) in try input.raw(Confidence.self) }
        link = try input.int()
        return Promise.Progress(state: state, deliveredAt: deliveredAt, closedAt: closedAt, closedBy: closedBy, confidence: confidence,
                                replacedBy: nil, wasRenegotiatedLate: try input.bool())
      }
      promise.undoTrail.append((eventID, before))
      trail.append(link)
    }
    if lastIsInTrail {
      guard let last = promise.undoTrail.last?.eventID else { throw Refusal("a promise in the snapshot lost its last event") }
      promise.lastEventID = last
    }
    return (promise, (replaces, replacedBy, trail))
  }
}

extension Promise {
  /// The same promise under other terms (a link filled in after reading a snapshot).
  func withTerms(_ terms: PromiseTerms) -> Promise {
    var copy = Promise(terms: terms, madeAt: madeAt, eventID: lastEventID)
    copy.progress = progress
    copy.history = history
    copy.undoTrail = undoTrail
    return copy
  }
}
