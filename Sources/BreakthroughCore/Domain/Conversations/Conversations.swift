import Foundation

/// What is said around the promises: requests and offers, who is in for the breakthrough, and
/// the elements it will take. Folded with the promises; measures never read it.
public struct Conversations: Sendable {
  /// Every request and offer, in the order made.
  public internal(set) var requests: [Request] = []
  /// Every element, in the order added.
  public internal(set) var elements: [Element] = []
  public internal(set) var roll = Roll()
  var requestPosition: [String: Int] = [:]
  var elementPosition: [String: Int] = [:]
  /// The promises made for each element (ids, replacements included), in the order made.
  var promisesByElement: [String: [String]] = [:]

  /// The highest R and E numbers taken: by a request or element, or by an attempt the rule
  /// book left out (its number stays taken, so one bad line never shifts the numbers after it).
  var highestRequestNumber = 0
  var highestElementNumber = 0
  public var nextRequestNumber: Int { highestRequestNumber + 1 }
  public var nextElementNumber: Int { highestElementNumber + 1 }

  public func request(id: String) -> Request? { requestPosition[id].map { requests[$0] } }
  public func element(id: String) -> Element? { elementPosition[id].map { elements[$0] } }

  /// The requests waiting for `person`'s answer: answers overdue first, then by reply-by and by-when.
  public func waiting(on person: Handle, at now: LocalMoment) -> [Request] {
    requests.filter { $0.waitsOn == person }.sorted { first, second in
      let overdue = (first.isAnswerOverdue(at: now), second.isAnswerOverdue(at: now))
      if overdue.0 != overdue.1 { return overdue.0 }
      return (first.terms.replyBy ?? first.by, first.by, first.terms.number) < (
        second.terms.replyBy ?? second.by, second.by, second.terms.number
      )
    }
  }

  /// The median time from a request (or offer) to its first answer, over those answered.
  public var medianTimeToAnswer: TimeInterval? {
    let times = requests.compactMap { request in request.firstAnsweredAt.map { $0.timeIntervalSince(request.madeAt) } }.sorted()
    guard !times.isEmpty else { return nil }
    let middle = times.count / 2
    return times.count % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2
  }

  /// Requests still waiting for an answer.
  public var unanswered: [Request] { requests.filter(\.state.isOpen) }

  /// Folds a conversation event in; the rule book has already allowed it (the request or
  /// element it names exists, the number is the next).
  mutating func apply(_ event: Event) {
    func record(_ summary: String, _ note: String?) -> HistoryEntry {
      HistoryEntry(at: event.at, actor: event.actor, summary: summary, note: note)
    }
    switch event.body {
    case .requestMade(let terms):
      guard requestPosition[terms.id] == nil else { return }
      var request = Request(terms: terms, madeAt: event.at)
      request.history.append(record(terms.isOffer ? "offered" : "asked", nil))
      requestPosition[terms.id] = requests.count
      requests.append(request)
    case .requestCountered(let id, let by, let what, let note):
      guard let position = requestPosition[id] else { return }
      if requests[position].firstAnsweredAt == nil { requests[position].firstAnsweredAt = event.at }
      if let by { requests[position].terms.by = by }
      if let what { requests[position].terms.what = what }
      requests[position].state = requests[position].state == .asked ? .offered : .asked
      requests[position].isCountered = true
      let change = [by.map { "by \($0.description)" }, what.map { "\"\($0)\"" }].compactMap { $0 }.joined(separator: ", ")
      requests[position].history.append(record("countered: \(change)", note))
    case .requestDeclined(let id, let note):
      guard let position = requestPosition[id] else { return }
      if requests[position].firstAnsweredAt == nil { requests[position].firstAnsweredAt = event.at }
      close(position, as: .declined, at: event.at, record("declined", note))
    case .requestWithdrawn(let id, let note):
      guard let position = requestPosition[id] else { return }
      close(position, as: .withdrawn, at: event.at, record("withdrawn", note))
    case .enrolled(let id, _):
      if id == roll.breakthrough { roll.say(.enrolled, by: event.actor, at: event.at) }
    case .notYet(let id, let note):
      if id == roll.breakthrough { roll.say(.notYet(said: note), by: event.actor, at: event.at) }
    case .unenrolled(let id, let note):
      if id == roll.breakthrough { roll.say(.unenrolled(said: note), by: event.actor, at: event.at) }
    case .elementAdded(let terms):
      guard elementPosition[terms.id] == nil else { return }
      var element = Element(terms: terms, addedBy: event.actor, addedAt: event.at)
      element.history.append(record("added", nil))
      elementPosition[terms.id] = elements.count
      elements.append(element)
    case .elementRevised(let id, let what, let by, let note):
      guard let position = elementPosition[id] else { return }
      if let what { elements[position].terms.what = what }
      if let by { elements[position].terms.by = by }
      elements[position].history.append(record("revised", note))
    case .elementMet(let id, let note):
      guard let position = elementPosition[id] else { return }
      elements[position].state = .met
      elements[position].history.append(record("met", note))
    case .elementDropped(let id, let note):
      guard let position = elementPosition[id] else { return }
      elements[position].state = .dropped
      elements[position].history.append(record("dropped", note))
    case .declared, .breakthroughAccounted, .made, .delivered, .accepted, .rejected, .notKept, .renegotiated, .revoked, .released,
      .confidence, .undone, .meetingHeld, .reasonAdded, .reasonRetired, .zoneSet:
      break
    }
  }

  /// A promise was made: it may answer a request, and may cover an element.
  mutating func madePromise(_ terms: PromiseTerms, at: Date, by actor: Handle) {
    if let element = terms.element { promisesByElement[element, default: []].append(terms.id) }
    guard let id = terms.request, let position = requestPosition[id] else { return }
    if requests[position].firstAnsweredAt == nil { requests[position].firstAnsweredAt = at }
    requests[position].promise = terms.id
    close(position, as: .promised, at: at, HistoryEntry(at: at, actor: actor, summary: "promised as P\(terms.number)", note: nil))
  }

  /// The making of a promise that answered a request was undone: the request waits again for
  /// the answer of whoever's move it was (the performer's, if they promised as asked; the
  /// customer's, if they accepted an offer), so that it is not left answered by a withdrawn promise.
  mutating func promiseUndone(_ terms: PromiseTerms, madeBy maker: Handle, at: Date, by actor: Handle) {
    guard let id = terms.request, let position = requestPosition[id], requests[position].promise == terms.id else { return }
    let request = requests[position]
    requests[position].state = maker == request.customer && maker != request.performer ? .offered : .asked
    requests[position].promise = nil
    requests[position].closedAt = nil
    requests[position].isCountered = false
    requests[position].history.append(
      HistoryEntry(at: at, actor: actor, summary: "P\(terms.number) undone: waiting for an answer again", note: nil))
  }

  private mutating func close(_ position: Int, as state: RequestState, at: Date, _ entry: HistoryEntry) {
    requests[position].state = state
    requests[position].closedAt = at
    requests[position].history.append(entry)
  }
}
