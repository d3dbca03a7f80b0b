import Foundation

/// One fact in the ledger: who said what, when. The ledger is a list of these; everything
/// else is folded from it.
public struct Event: Sendable {
  /// Globally unique, so that ledgers can be merged line by line.
  public let id: String
  public let at: Date
  public let actor: Handle
  public let body: EventBody

  public init(id: String, at: Date, actor: Handle, body: EventBody) {
    self.id = id
    self.at = at
    self.actor = actor
    self.body = body
  }
}

/// What an event says.
public enum EventBody: Sendable {
  /// A breakthrough declared; a later declaration revises the current one.
  case declared(BreakthroughTerms)
  /// The current breakthrough accounted for at its by-when.
  case breakthroughAccounted(breakthrough: String, outcome: BreakthroughOutcome, note: String?)
  /// A promise made; `note` says more about it (what an import carried over, say).
  case made(PromiseTerms, note: String? = nil)
  /// The performer reports delivery; `accepted` when the customer accepted it then and there.
  /// `reason`: the key of the team's reason a late delivery gives, if any.
  case delivered(promise: String, accepted: Bool, note: String?, reason: String? = nil)
  case accepted(promise: String, note: String?)
  /// `reason`: the key of the team's reason the customer gives, if any.
  case rejected(promise: String, note: String, reason: String? = nil)
  /// Accounted as not kept, optionally with the promise that replaces it. `lateRenegotiation`
  /// marks a renegotiation asked for after the by-when, which is recorded as this. `reason`:
  /// the key of the team's reason for the miss (nil in ledgers older than reasons).
  case notKept(promise: String, note: String, replacement: PromiseTerms?, lateRenegotiation: Bool, reason: String? = nil)
  case renegotiated(promise: String, note: String?, replacement: PromiseTerms)
  case revoked(promise: String, note: String)
  case released(promise: String, note: String?)
  case confidence(promise: String, level: Confidence, note: String?)
  /// A compensating event: takes back the last move on a promise (the ledger is never rewritten).
  case undone(event: String, promise: String)
  /// The standing meeting was held: the next minutes start here.
  case meetingHeld(note: String?)
  /// Someone asks (or, as an offer, proposes) a promise; it is owed an answer, not an accounting.
  case requestMade(RequestTerms)
  /// Whoever must answer proposes other terms; now the other side answers.
  case requestCountered(request: String, by: ByWhen?, what: String?, note: String)
  case requestDeclined(request: String, note: String)
  /// Whoever made the current proposal takes it back.
  case requestWithdrawn(request: String, note: String?)
  /// "I'm in": the actor enrolls in the breakthrough.
  case enrolled(breakthrough: String, note: String?)
  /// Not yet, and what it would take.
  case notYet(breakthrough: String, note: String)
  /// Out again, saying why.
  case unenrolled(breakthrough: String, note: String)
  /// One of the things the breakthrough will take.
  case elementAdded(ElementTerms)
  case elementRevised(element: String, what: String?, by: ByWhen?, note: String?)
  case elementMet(element: String, note: String?)
  case elementDropped(element: String, note: String)
  /// A reason for a miss joins the team's list.
  case reasonAdded(key: String, words: String)
  /// A reason leaves the team's list; misses that gave it keep it.
  case reasonRetired(key: String, note: String?)
  /// The team's time zone (`Europe/Berlin`): every end of day, week and date is worked out in it.
  case zoneSet(zone: String, note: String?)

  /// The kind of event, as the ledger names it.
  public var kind: EventKind {
    switch self {
    case .declared: return .declared
    case .breakthroughAccounted: return .breakthroughAccounted
    case .made: return .made
    case .delivered: return .delivered
    case .accepted: return .accepted
    case .rejected: return .rejected
    case .notKept: return .notKept
    case .renegotiated: return .renegotiated
    case .revoked: return .revoked
    case .released: return .released
    case .confidence: return .confidence
    case .undone: return .undone
    case .meetingHeld: return .meetingHeld
    case .requestMade: return .requestMade
    case .requestCountered: return .requestCountered
    case .requestDeclined: return .requestDeclined
    case .requestWithdrawn: return .requestWithdrawn
    case .enrolled: return .enrolled
    case .notYet: return .notYet
    case .unenrolled: return .unenrolled
    case .elementAdded: return .elementAdded
    case .elementRevised: return .elementRevised
    case .elementMet: return .elementMet
    case .elementDropped: return .elementDropped
    case .reasonAdded: return .reasonAdded
    case .reasonRetired: return .reasonRetired
    case .zoneSet: return .zoneSet
    }
  }

  /// The number the event gives out (`P12` for a promise made, or for the replacement a
  /// renegotiation or a not-kept accounting makes; `R3`, `E2`), if it gives one.
  public var numberClaimed: NumberClaim? {
    switch self {
    case .made(let terms, _), .renegotiated(_, _, let terms), .notKept(_, _, let terms?, _, _): return NumberClaim(.promise, terms.number)
    case .requestMade(let terms): return NumberClaim(.request, terms.number)
    case .elementAdded(let terms): return NumberClaim(.element, terms.number)
    case .declared, .breakthroughAccounted, .delivered, .accepted, .rejected, .notKept, .revoked, .released, .confidence,
      .undone, .meetingHeld, .requestCountered, .requestDeclined, .requestWithdrawn, .enrolled, .notYet, .unenrolled, .elementRevised,
      .elementMet, .elementDropped, .reasonAdded, .reasonRetired, .zoneSet:
      return nil
    }
  }

  /// The label of the number the event gives out: `P12`, `R3`, `E2`.
  public var assignedLabel: String? { numberClaimed?.label }

  /// The promise the event is about, if any.
  public var promiseID: String? {
    switch self {
    case .made(let terms, _): return terms.id
    case .delivered(let id, _, _, _), .accepted(let id, _), .rejected(let id, _, _), .notKept(let id, _, _, _, _),
      .renegotiated(let id, _, _), .revoked(let id, _), .released(let id, _), .confidence(let id, _, _), .undone(_, let id):
      return id
    case .declared, .breakthroughAccounted, .meetingHeld, .requestMade, .requestCountered, .requestDeclined, .requestWithdrawn, .enrolled,
      .notYet, .unenrolled, .elementAdded, .elementRevised, .elementMet, .elementDropped, .reasonAdded, .reasonRetired, .zoneSet:
      return nil
    }
  }
}

/// The terms of a promise as made: who promises whom what, by when.
public struct PromiseTerms: Sendable, Equatable {
  public var id: String
  /// The short number (`P12`), assigned under the ledger lock.
  public var number: Int
  public var performer: Handle
  public var customer: Handle
  /// The conditions of satisfaction, in one sentence.
  public var what: String
  public var by: ByWhen
  /// The breakthrough it forwards, or nil when unlinked.
  public var breakthrough: String?
  /// The promise this one replaces (after a renegotiation or a not-kept accounting).
  public var replaces: String?
  /// The request it answers, when someone asked (or offered) first.
  public var request: String?
  /// The element of the breakthrough it covers; a replacement keeps it.
  public var element: String?
  /// The key of the reason for a miss that it works on (`--addresses waiting`), if it says one.
  public var addresses: String?

  public init(
    id: String, number: Int, performer: Handle, customer: Handle, what: String, by: ByWhen,
    breakthrough: String?, replaces: String?, request: String? = nil, element: String? = nil, addresses: String? = nil
  ) {
    self.id = id
    self.number = number
    self.performer = performer
    self.customer = customer
    self.what = what
    self.by = by
    self.breakthrough = breakthrough
    self.replaces = replaces
    self.request = request
    self.element = element
    self.addresses = addresses
  }
}

/// The terms of a breakthrough declaration.
public struct BreakthroughTerms: Sendable, Equatable {
  public var id: String
  public var statement: String
  /// How everyone will know it happened.
  public var measure: String?
  public var why: String?
  public var by: ByWhen

  public init(id: String, statement: String, measure: String?, why: String?, by: ByWhen) {
    self.id = id
    self.statement = statement
    self.measure = measure
    self.why = why
    self.by = by
  }
}

/// How a breakthrough was accounted for.
public enum BreakthroughOutcome: String, Sendable, CaseIterable {
  case achieved
  case notAchieved = "not-achieved"
  /// Replaced by a new declaration.
  case revised
}
