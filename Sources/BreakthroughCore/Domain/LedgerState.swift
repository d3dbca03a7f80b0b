import Foundation

/// Everything the ledger says, folded from its events: promises, breakthroughs, people.
public struct LedgerState: Sendable {
  /// Every promise in the order it was made.
  public internal(set) var promises = PromiseList()
  /// Every breakthrough in the order declared; the last one is current.
  public internal(set) var breakthroughs: [Breakthrough] = []
  /// Everyone named so far, in the order first named.
  public internal(set) var people: [Handle] = []
  /// How many events were folded.
  public internal(set) var eventCount = 0
  /// Events the rule book refused, and lines that could not be read as events, in ledger
  /// order: kept in the ledger, never applied, never counted.
  public internal(set) var leftOut: [LeftOutEvent] = []
  /// Requests, the roll and the elements of the breakthrough.
  public internal(set) var conversations = Conversations()
  /// The team's reasons for a miss, and the misses that gave them.
  public internal(set) var reasons = ReasonBook()
  /// The team's time zone, as the ledger last set it (`Europe/Berlin`); nil until one is set.
  public internal(set) var zoneName: String?

  var index = PromiseIndex()
  var knownPeople: Set<Handle> = []
  /// The people noted since the roll last started: noted again, they change nothing.
  var notedSinceRollStarted = SeenHandles()
  var journal = ChangeJournal()

  public init() {}

  /// The number the next promise gets.
  public var nextNumber: Int { highestNumber + 1 }
  /// The highest P number taken: by a promise, or by an attempt the rule book left out (its
  /// number stays taken, so one bad line never shifts the numbers after it).
  var highestNumber = 0
  /// The series whose next number is not known after a line that could not be read at all.
  var seriesAfterALostLine: Set<NumberClaim.Series> = []

  /// Whether some promises are still records in the snapshot file the ledger was opened from,
  /// read from it when looked at, rather than all in memory.
  public var readsFromSnapshotFile: Bool { promises.archive != nil }

  /// The breakthrough in force: the last declared.
  public var currentBreakthrough: Breakthrough? { breakthroughs.last }

  public func promise(id: String) -> Promise? {
    index.position(ofID: id, in: promises).map { promises[$0] }
  }

  /// Where the promise `id` is in `promises`.
  public func position(ofID id: String) -> Int? {
    index.position(ofID: id, in: promises)
  }

  /// `P12` for the promise `id`, without building it if it is still archived.
  public func label(ofID id: String) -> String? {
    position(ofID: id).map { "P\(promises.number(at: $0))" }
  }

  public func promise(number: Int) -> Promise? {
    index.position(ofNumber: number).map { promises[$0] }
  }

  /// The positions in `promises` of the promises changed since `earlier`, a state this one was
  /// folded on from, oldest first; nil when that is not known (another fold, too long ago, or a
  /// change to what every promise counts for, such as a new breakthrough): compute afresh.
  public func positionsChanged(since earlier: LedgerState) -> [Int]? {
    journal.positionsChanged(since: earlier.eventCount, of: earlier.journal)
  }

  /// Folds one event in, if the rule book allows it; otherwise it is left out, with why.
  public mutating func apply(_ event: Event) {
    eventCount += 1
    let breach = breach(of: event)
    if let claim = event.body.numberClaimed { take(claim) }
    if let breach { return leaveOut(event, breach.subject, breach.sentence(actor: event.actor)) }
    note(event.actor)
    switch event.body {
    case .declared(let terms):
      if let current = breakthroughs.indices.last, breakthroughs[current].outcome == nil {
        breakthroughs[current].outcome = .revised
        breakthroughs[current].accountedAt = event.at
      }
      breakthroughs.append(Breakthrough(terms: terms, declaredBy: event.actor, declaredAt: event.at))
      journal.touchedEverything(by: eventCount)
      conversations.roll.start(terms.id, declaredBy: event.actor, at: event.at)
      // The new roll holds only the old one's people and the declarer: the others are put on
      // it when next noted.
      notedSinceRollStarted.removeAll()
    case .breakthroughAccounted(_, let outcome, let text):
      guard let position = breakthroughs.indices.last else { return }
      breakthroughs[position].outcome = outcome
      breakthroughs[position].outcomeNote = text
      breakthroughs[position].accountedAt = event.at
      journal.touchedEverything(by: eventCount)
    case .made(let terms, let note):
      add(terms, event: event, summary: "made", note: note)
    case .meetingHeld:
      break
    case .zoneSet(let zone, _):
      zoneName = zone
      // Every by-when's end of day moves with the zone: what was due is worked out again.
      journal.touchedEverything(by: eventCount)
    case .requestMade(let terms):
      note(terms.customer)
      note(terms.performer)
      conversations.apply(event)
    case .requestCountered, .requestDeclined, .requestWithdrawn, .enrolled, .notYet, .unenrolled, .elementAdded, .elementRevised,
      .elementMet, .elementDropped:
      conversations.apply(event)
    case .reasonAdded(let key, let words):
      reasons.add(key, words: words, by: event.actor)
    case .reasonRetired(let key, _):
      reasons.retire(key)
    case .delivered, .accepted, .rejected, .notKept, .renegotiated, .revoked, .released, .confidence, .undone:
      applyToPromise(event)
    }
  }

  /// Keeps a line that could not be read as an event, saying why: it is left out like an event
  /// the rule book refuses, so one bad line never stops anyone.
  public mutating func leaveOutUnreadable(line: Int, header: EventCoding.Header, reason: String) {
    if let claim = header.numberClaimed { take(claim) }
    let what = header.kind.map { " (\($0)\(header.actor.map { " by \($0)" } ?? ""))" } ?? ""
    leftOut.append(
      LeftOutEvent(
        ordinal: nil, eventID: header.id, at: header.at, actor: header.actor, kind: header.kind ?? "unknown",
        subject: header.numberClaimed?.label, reason: "line \(line)\(what) could not be read: \(reason)"))
  }

  /// Notes a line that is not even a JSON object (damage in a file, which its store refuses to
  /// write after): whatever number it took is unknown, so the next of each series is believed.
  public mutating func lineLost() {
    seriesAfterALostLine = [.promise, .request, .element]
  }

  /// Whether `claim` takes the next number of its series (or, after a lost line, any later one).
  func isNext(_ claim: NumberClaim) -> Bool {
    let next = nextNumber(of: claim.series)
    return claim.number == next || (claim.number > next && seriesAfterALostLine.contains(claim.series))
  }

  /// The number the next promise, request or element gets.
  public func nextNumber(of series: NumberClaim.Series) -> Int {
    switch series {
    case .promise: return nextNumber
    case .request: return conversations.nextRequestNumber
    case .element: return conversations.nextElementNumber
    }
  }

  /// A number is taken when it is the next of its series, whatever becomes of the event.
  private mutating func take(_ claim: NumberClaim) {
    guard isNext(claim) else { return }
    seriesAfterALostLine.remove(claim.series)
    switch claim.series {
    case .promise: highestNumber = claim.number
    case .request: conversations.highestRequestNumber = claim.number
    case .element: conversations.highestElementNumber = claim.number
    }
  }

  private mutating func applyToPromise(_ event: Event) {
    guard let promiseID = event.body.promiseID, let position = index.position(ofID: promiseID, in: promises) else { return }
    journal.touched(position, by: eventCount)
    if case .undone(let undoneID, _) = event.body { return undo(undoneID, at: position, event: event) }
    promises[position].remember(event.id, by: event.actor, before: promises.progress(at: position))
    reasons.noteMiss(of: event, number: promises.number(at: position))
    func close(_ state: PromiseState) {
      promises[position].state = state
      promises[position].closedAt = event.at
      promises[position].closedBy = event.actor
    }
    func record(_ summary: String, _ note: String?) {
      promises[position].record(HistoryEntry(at: event.at, actor: event.actor, summary: summary, note: note))
    }
    switch event.body {
    case .delivered(_, let accepted, let note, let reason):
      promises[position].deliveredAt = event.at
      if accepted {
        close(.kept)
        record("delivered and accepted" + Self.because(reason), note)
      } else {
        promises[position].state = .delivered
        record("delivered" + Self.because(reason), note)
      }
    case .accepted(_, let note):
      close(.kept)
      record("accepted", note)
    case .rejected(_, let note, let reason):
      promises[position].state = .open
      promises[position].deliveredAt = nil
      record("rejected" + Self.because(reason), note)
    case .notKept(_, let note, let replacement, let late, let reason):
      close(.notKept)
      promises[position].wasRenegotiatedLate = late
      let replaced = replacement.map { "; replaced by P\($0.number)" } ?? ""
      record((late ? "renegotiated after its by-when: not kept" : "not kept") + Self.because(reason) + replaced, note)
      if let replacement { replace(position, with: replacement, event: event) }
    case .renegotiated(_, let note, let replacement):
      close(.renegotiated)
      record("renegotiated; replaced by P\(replacement.number)", note)
      replace(position, with: replacement, event: event)
    case .revoked(_, let note):
      close(.revoked)
      record("revoked", note)
    case .released(_, let note):
      close(.released)
      record("released", note)
    case .confidence(_, let level, let note):
      promises[position].confidence = level
      record("stated \(level.words)", note)
    case .declared, .breakthroughAccounted, .made, .undone, .meetingHeld, .requestMade, .requestCountered, .requestDeclined,
      .requestWithdrawn, .enrolled, .notYet, .unenrolled, .elementAdded, .elementRevised, .elementMet, .elementDropped, .reasonAdded,
      .reasonRetired, .zoneSet:
      break
    }
  }

  /// Takes back the promise's last move: it stands as before, and a promise that move made
  /// (itself, or its replacement) is withdrawn. The rule book has made sure it is the last move.
  private mutating func undo(_ undoneID: String, at position: Int, event: Event) {
    let taken = promises[position].changePast { past -> UndoStep? in
      guard past.lastEventID == undoneID, past.undoTrail.last?.eventID == undoneID else { return nil }
      let last = past.undoTrail.removeLast()
      past.lastEventID = past.undoTrail.last?.eventID ?? event.id
      past.history.append(HistoryEntry(at: event.at, actor: event.actor, summary: "undone: the last move was taken back", note: nil))
      return last
    }
    guard let last = taken else { return }
    reasons.forgetMiss(of: undoneID)
    let replacement = promises[position].replacedBy.flatMap { index.position(ofID: $0, in: promises) }
    if let previous = last.before {
      promises[position].progress = previous
    } else {
      promises[position].state = .withdrawn
      promises[position].closedAt = event.at
      promises[position].closedBy = event.actor
      // Copied out first: passing `promises[position].terms` straight into the mutating call
      // crashed debug builds (Swift 6.3 released the value borrowed through the list twice).
      let terms = promises[position].terms
      let maker = promises[position].history.first?.actor ?? event.actor
      conversations.promiseUndone(terms, madeBy: maker, at: event.at, by: event.actor)
    }
    if let replacement, promises[replacement].lastEventID == undoneID {
      journal.touched(replacement, by: eventCount)
      promises[replacement].state = .withdrawn
      promises[replacement].remember(event.id, by: event.actor, before: nil)
      promises[replacement].record(
        HistoryEntry(at: event.at, actor: event.actor, summary: "withdrawn: the move that made it was undone", note: nil))
    }
  }

  /// " (reason: waiting)" in a history entry, or nothing when no reason was given.
  private static func because(_ reason: String?) -> String {
    reason.map { " (reason: \($0))" } ?? ""
  }

  private mutating func replace(_ position: Int, with replacement: PromiseTerms, event: Event) {
    promises[position].replacedBy = replacement.id
    add(replacement, event: event, summary: "made to replace \(promises[position].label)")
  }

  private mutating func add(_ made: PromiseTerms, event: Event, summary: String, note madeNote: String? = nil) {
    var terms = made
    // The breakthrough's own id, not the line's copy of the same bytes: one text for all its
    // promises, where each kept one of its own that every pass over the promises had to reach.
    if let id = terms.breakthrough, let declared = breakthroughs.last(where: { $0.id.utf8.elementsEqual(id.utf8) }) {
      terms.breakthrough = declared.id
    }
    var past = PromisePast(lastEventID: event.id)
    // Room for the few moves most promises get: a fold grew each array two or three times.
    past.history.reserveCapacity(PromisePast.undoDepth + 1)
    past.undoTrail.reserveCapacity(PromisePast.undoDepth + 1)
    var promise = Promise(terms: terms, madeAt: event.at, past: .decoded(past))
    promise.remember(event.id, by: event.actor, before: nil)
    promise.record(HistoryEntry(at: event.at, actor: event.actor, summary: summary, note: madeNote))
    index.add(id: terms.id, number: terms.number, at: promises.count)
    promises.append(promise)
    journal.touched(promises.count - 1, by: eventCount)
    note(terms.performer)
    note(terms.customer)
    conversations.madePromise(terms, at: event.at, by: event.actor)
    reasons.madePromise(terms)
  }

  private mutating func note(_ person: Handle) {
    guard !notedSinceRollStarted.contains(person) else { return }
    conversations.roll.name(person)
    if knownPeople.insert(person).inserted { people.append(person) }
    notedSinceRollStarted.insert(person)
  }

  private mutating func leaveOut(_ event: Event, _ subject: String?, _ reason: String) {
    leftOut.append(
      LeftOutEvent(
        ordinal: eventCount, eventID: event.id, at: event.at, actor: event.actor, kind: event.body.kind.name, subject: subject,
        reason: reason))
  }
}
