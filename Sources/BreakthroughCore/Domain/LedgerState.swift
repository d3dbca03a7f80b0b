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
  /// Events that could not be applied (they name a promise the ledger does not have).
  public internal(set) var anomalies: [String] = []
  /// Requests, the roll and the elements of the breakthrough.
  public internal(set) var conversations = Conversations()

  var index = PromiseIndex()
  var knownPeople: Set<Handle> = []
  var journal = ChangeJournal()

  public init() {}

  /// The number the next promise gets.
  public var nextNumber: Int { highestNumber + 1 }
  var highestNumber = 0

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

  /// Folds one event in. Events that name an unknown promise are kept as anomalies.
  public mutating func apply(_ event: Event) {
    eventCount += 1
    note(event.actor)
    switch event.body {
    case .declared(let terms):
      if breakthroughs.contains(where: { $0.id == terms.id }) {
        return anomaly(event, "declares breakthrough \(terms.id) a second time")
      }
      if let current = breakthroughs.indices.last, breakthroughs[current].outcome == nil {
        breakthroughs[current].outcome = .revised
        breakthroughs[current].accountedAt = event.at
      }
      breakthroughs.append(Breakthrough(terms: terms, declaredBy: event.actor, declaredAt: event.at))
      journal.touchedEverything(by: eventCount)
      conversations.roll.start(terms.id, declaredBy: event.actor, at: event.at)
    case .breakthroughAccounted(let id, let outcome, let text):
      guard let position = breakthroughs.lastIndex(where: { $0.id == id }) else {
        return anomaly(event, "names breakthrough \(id), which the ledger does not have")
      }
      breakthroughs[position].outcome = outcome
      breakthroughs[position].outcomeNote = text
      breakthroughs[position].accountedAt = event.at
      journal.touchedEverything(by: eventCount)
    case .made(let terms, let note):
      add(terms, event: event, summary: "made", note: note)
    case .meetingHeld:
      break
    case .requestMade(let terms):
      note(terms.customer)
      note(terms.performer)
      if let problem = conversations.apply(event) { anomaly(event, problem) }
    case .requestCountered, .requestDeclined, .requestWithdrawn, .enrolled, .notYet, .unenrolled, .elementAdded, .elementRevised,
      .elementMet, .elementDropped:
      if let problem = conversations.apply(event) { anomaly(event, problem) }
    default:
      applyToPromise(event)
    }
  }

  private mutating func applyToPromise(_ event: Event) {
    guard let promiseID = event.body.promiseID, let position = index.position(ofID: promiseID, in: promises) else {
      return anomaly(event, "names promise \(event.body.promiseID ?? "?"), which the ledger does not have")
    }
    let isRepeated = promises[position].changePast { past in
      past.lastEventID == event.id || past.undoTrail.contains { $0.eventID == event.id }
    }
    if isRepeated {
      return anomaly(event, "repeats an event already in the ledger (the same id twice)")
    }
    journal.touched(position, by: eventCount)
    if case .undone(let undoneID, _) = event.body { return undo(undoneID, at: position, event: event) }
    promises[position].remember(event.id, before: promises[position].progress)
    func close(_ state: PromiseState) {
      promises[position].state = state
      promises[position].closedAt = event.at
      promises[position].closedBy = event.actor
    }
    func record(_ summary: String, _ note: String?) {
      promises[position].record(HistoryEntry(at: event.at, actor: event.actor, summary: summary, note: note))
    }
    switch event.body {
    case .delivered(_, let accepted, let note):
      promises[position].deliveredAt = event.at
      if accepted {
        close(.kept)
        record("delivered and accepted", note)
      } else {
        promises[position].state = .delivered
        record("delivered", note)
      }
    case .accepted(_, let note):
      close(.kept)
      record("accepted", note)
    case .rejected(_, let note):
      promises[position].state = .open
      promises[position].deliveredAt = nil
      record("rejected", note)
    case .notKept(_, let note, let replacement, let late):
      close(.notKept)
      promises[position].wasRenegotiatedLate = late
      let replaced = replacement.map { "; replaced by P\($0.number)" } ?? ""
      record((late ? "renegotiated after its by-when: not kept" : "not kept") + replaced, note)
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
    default:
      break
    }
  }

  /// Takes back the promise's last move: it stands as before, and a promise that move made
  /// (itself, or its replacement) is withdrawn. Anything else since makes the undo an anomaly.
  private mutating func undo(_ undoneID: String, at position: Int, event: Event) {
    let taken = promises[position].changePast { past -> (eventID: String, before: Promise.Progress?)? in
      guard past.lastEventID == undoneID, past.undoTrail.last?.eventID == undoneID else { return nil }
      let last = past.undoTrail.removeLast()
      past.lastEventID = past.undoTrail.last?.eventID ?? event.id
      past.history.append(HistoryEntry(at: event.at, actor: event.actor, summary: "undone: the last move was taken back", note: nil))
      return last
    }
    guard let last = taken else {
      return anomaly(event, "takes back an event that is not the promise's last")
    }
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
      promises[replacement].remember(event.id, before: nil)
      promises[replacement].record(
        HistoryEntry(at: event.at, actor: event.actor, summary: "withdrawn: the move that made it was undone", note: nil))
    }
  }

  private mutating func replace(_ position: Int, with replacement: PromiseTerms, event: Event) {
    promises[position].replacedBy = replacement.id
    add(replacement, event: event, summary: "made to replace \(promises[position].label)")
  }

  private mutating func add(_ terms: PromiseTerms, event: Event, summary: String, note madeNote: String? = nil) {
    guard index.position(ofID: terms.id, in: promises) == nil else {
      return anomaly(event, "makes promise \(terms.id) a second time")
    }
    var promise = Promise(terms: terms, madeAt: event.at, past: .decoded(PromisePast(lastEventID: event.id)))
    promise.remember(event.id, before: nil)
    promise.record(HistoryEntry(at: event.at, actor: event.actor, summary: summary, note: madeNote))
    index.add(id: terms.id, number: terms.number, at: promises.count)
    highestNumber = max(highestNumber, terms.number)
    promises.append(promise)
    journal.touched(promises.count - 1, by: eventCount)
    note(terms.performer)
    note(terms.customer)
    conversations.madePromise(terms, at: event.at, by: event.actor)
  }

  private mutating func note(_ person: Handle) {
    conversations.roll.name(person)
    if knownPeople.insert(person).inserted { people.append(person) }
  }

  private mutating func anomaly(_ event: Event, _ problem: String) {
    anomalies.append("event \(event.id) (\(event.body.kind)) \(problem); it was left out")
  }
}
