/// A move in the ledger, as data: what a person asks to happen. The command line, the board,
/// the check-in and undo all speak this one vocabulary, and `LedgerState.outcome(of:context:)`
/// runs it; a promise is named by its id, which never changes.
public enum Move: Equatable, Sendable {
  /// `element`: the element of the breakthrough it covers (`--for E2`); `addresses`: the key of
  /// the reason for a miss it works on (`--addresses waiting`).
  case make(what: String, to: Handle, by: ByWhen, element: String? = nil, addresses: String? = nil)
  /// `accepted`: the customer accepted it then and there (in the meeting), so it is kept at once.
  /// `reason`: the key of the reason a late delivery gives, if any.
  case deliver(promise: String, accepted: Bool, note: String? = nil, reason: String? = nil)
  case accept(promise: String, note: String? = nil)
  /// `reason`: the key of the reason the customer gives, if any.
  case reject(promise: String, note: String, reason: String? = nil)
  /// `reason` is required: the key of the team's reason for the miss.
  case notKept(promise: String, note: String, replacement: Replacement? = nil, reason: String? = nil)
  /// After the by-when `reason` is required, as for `notKept`; `addresses` as for `make`.
  case renegotiate(promise: String, by: ByWhen, what: String? = nil, note: String? = nil, reason: String? = nil, addresses: String? = nil)
  case revoke(promise: String, note: String)
  case release(promise: String, note: String? = nil)
  case confidence(promise: String, level: Confidence, note: String? = nil)
  case declare(statement: String, by: ByWhen, measure: String? = nil, why: String? = nil)
  case accountBreakthrough(outcome: BreakthroughOutcome, note: String? = nil)
  /// Takes back one of the person's own moves, described by `summary`.
  case undo(event: String, promise: String, summary: String)
  /// Promises carried over from another tool, made by the actor, each at its own time; those
  /// already in the ledger are skipped, so importing again adds nothing.
  case importPromises([ImportedPromise])
  /// The standing meeting was held: the next minutes start here.
  case recordMeeting(note: String? = nil)
  /// Asks `performer` for a promise: owed an answer, never an accounting.
  case request(what: String, of: Handle, by: ByWhen, replyBy: ByWhen? = nil, element: String? = nil)
  /// Proposes a promise to `customer`, for them to accept.
  case offer(what: String, to: Handle, by: ByWhen, replyBy: ByWhen? = nil, element: String? = nil)
  /// The one asked promises what was asked: the promise links to the request.
  case promiseAsAsked(request: String)
  /// The customer accepts an offer, or a counter to their request: the promise is made.
  case acceptOffer(request: String)
  /// Whoever must answer proposes other terms (a by-when, a what, or both).
  case counter(request: String, by: ByWhen?, what: String?, note: String)
  case decline(request: String, note: String)
  /// Whoever made the current proposal takes it back.
  case withdraw(request: String, note: String? = nil)
  case enroll(note: String? = nil)
  /// Not yet in, saying what it would take.
  case notYet(note: String)
  case unenroll(note: String)
  case addElement(what: String, by: ByWhen? = nil)
  case reviseElement(element: String, what: String?, by: ByWhen?, note: String?)
  case meetElement(element: String, note: String? = nil)
  case dropElement(element: String, note: String)
  /// A reason for a miss joins the team's list.
  case addReason(key: String, words: String)
  /// A reason leaves the team's list.
  case retireReason(key: String, note: String? = nil)

  /// The promise that replaces one accounted as not kept.
  public struct Replacement: Equatable, Sendable {
    public let what: String
    public let by: ByWhen
    /// The key of the reason for a miss it works on, if it says one.
    public let addresses: String?

    public init(what: String, by: ByWhen, addresses: String? = nil) {
      self.what = what
      self.by = by
      self.addresses = addresses
    }
  }

  /// What kind of move it is, without its details: what `allowedMoves` answers in.
  public var kind: Kind {
    switch self {
    case .make: return .make
    case .deliver: return .deliver
    case .accept: return .accept
    case .reject: return .reject
    case .notKept: return .notKept
    case .renegotiate: return .renegotiate
    case .revoke: return .revoke
    case .release: return .release
    case .confidence: return .confidence
    case .declare: return .declare
    case .accountBreakthrough: return .accountBreakthrough
    case .undo: return .undo
    case .importPromises: return .importPromises
    case .recordMeeting: return .recordMeeting
    case .request: return .request
    case .offer: return .offer
    case .promiseAsAsked: return .promiseAsAsked
    case .acceptOffer: return .acceptOffer
    case .counter: return .counter
    case .decline: return .decline
    case .withdraw: return .withdraw
    case .enroll: return .enroll
    case .notYet: return .notYet
    case .unenroll: return .unenroll
    case .addElement: return .addElement
    case .reviseElement: return .reviseElement
    case .meetElement: return .meetElement
    case .dropElement: return .dropElement
    case .addReason: return .addReason
    case .retireReason: return .retireReason
    }
  }

  /// A kind of move, without its details. For the moves on a promise, `rule` says in which
  /// states it may be made and by whom: the one place the life of a promise is written down,
  /// read by the moves' refusals, by `allowedMoves` and so by every menu and key that offers one.
  public enum Kind: CaseIterable, Sendable {
    case make, deliver, accept, reject, notKept, renegotiate, revoke, release, confidence
    case declare, accountBreakthrough, undo, importPromises, recordMeeting
    case request, offer, promiseAsAsked, acceptOffer, counter, decline, withdraw
    case enroll, notYet, unenroll, addElement, reviseElement, meetElement, dropElement
    case addReason, retireReason

    /// Who may make a move on a promise.
    public enum Party: Sendable {
      case performer, customer
    }

    /// When a move on a promise may be made, and by whom; nil for moves not on a promise.
    public var rule: (states: [PromiseState], party: Party)? {
      switch self {
      case .deliver, .notKept, .renegotiate, .revoke, .confidence: return (Self.open, .performer)
      case .accept, .reject: return (Self.delivered, .customer)
      case .release: return (Self.openOrDelivered, .customer)
      case .make, .declare, .accountBreakthrough, .undo, .importPromises, .recordMeeting, .request, .offer, .promiseAsAsked, .acceptOffer,
        .counter, .decline, .withdraw, .enroll, .notYet, .unenroll, .addElement, .reviseElement, .meetElement, .dropElement, .addReason,
        .retireReason:
        return nil
      }
    }

    // Made once: the fold asks a rule of every move it meets. A list, not a set: one or two
    // states are compared faster than one is hashed.
    private static let open: [PromiseState] = [.open]
    private static let delivered: [PromiseState] = [.delivered]
    private static let openOrDelivered: [PromiseState] = [.open, .delivered]

    /// The move as a verb phrase: "report it done", "accept it".
    public var verb: String {
      switch self {
      case .make: return "make a promise"
      case .deliver: return "report it done"
      case .accept: return "accept it"
      case .reject: return "reject it"
      case .notKept: return "account it as not kept"
      case .renegotiate: return "renegotiate it"
      case .revoke: return "revoke it"
      case .release: return "release it"
      case .confidence: return "state confidence in it"
      case .declare: return "declare the breakthrough"
      case .accountBreakthrough: return "account for the breakthrough"
      case .undo: return "undo it"
      case .importPromises: return "import promises"
      case .recordMeeting: return "record the meeting as held"
      case .request: return "ask for a promise"
      case .offer: return "offer a promise"
      case .promiseAsAsked: return "promise it as asked"
      case .acceptOffer: return "accept it"
      case .counter: return "counter it"
      case .decline: return "decline it"
      case .withdraw: return "withdraw it"
      case .enroll: return "enroll"
      case .notYet: return "say not yet"
      case .unenroll: return "unenroll"
      case .addElement: return "add an element"
      case .reviseElement: return "revise it"
      case .meetElement: return "mark it met"
      case .dropElement: return "drop it"
      case .addReason: return "add a reason"
      case .retireReason: return "retire a reason"
      }
    }

    /// The moves on a promise, in the order menus offer them.
    public static let onPromise: [Kind] = allCases.filter { $0.rule != nil }
  }
}

extension LedgerState {
  /// Runs `move` on this state: the events to append and a sentence for the person, or a
  /// refusal that says why and what is allowed. Stores call it under their write lock, so it
  /// always runs on the freshest state. Every event it would write is put to the rule book
  /// first, as the fold will put it: a move never writes what the fold would leave out.
  public func outcome(of move: Move, context: MoveContext) throws(Refusal) -> MoveOutcome {
    let outcome = try proposedOutcome(of: move, context: context)
    try judge(outcome.events)
    return outcome
  }

  /// Refuses with the rule book's sentence unless every one of `events`, folded in order, keeps
  /// the rules.
  func judge(_ events: [Event]) throws(Refusal) {
    guard events.count > 1 else {
      if let event = events.first, let breach = breach(of: event) { throw breach.refusal(actor: event.actor) }
      return
    }
    // Only an import writes several: each is judged on the state the ones before it make.
    var scratch = self
    for event in events {
      if let breach = scratch.breach(of: event) { throw breach.refusal(actor: event.actor) }
      scratch.apply(event)
    }
  }

  /// What `move` would write and say, shaped and checked by the move itself.
  private func proposedOutcome(of move: Move, context: MoveContext) throws(Refusal) -> MoveOutcome {
    func promise(_ id: String) throws(Refusal) -> Promise {
      guard let promise = self.promise(id: id) else { throw Refusal("that promise is no longer in the ledger; nothing changed") }
      return promise
    }
    func request(_ id: String) throws(Refusal) -> Request {
      guard let request = conversations.request(id: id) else { throw Refusal("that request is not in the ledger; nothing changed") }
      return request
    }
    func element(_ id: String) throws(Refusal) -> Element {
      guard let element = conversations.element(id: id) else { throw Refusal("that element is not in the ledger; nothing changed") }
      return element
    }
    switch move {
    case .make(let what, let customer, let by, let element, let addresses):
      return try makePromise(what: what, to: customer, by: by, element: element, addresses: addresses, context: context)
    case .deliver(let id, let accepted, let note, let reason):
      return try deliver(try promise(id), accepted: accepted, note: note, reason: reason, context: context)
    case .accept(let id, let note):
      return try accept(try promise(id), note: note, context: context)
    case .reject(let id, let note, let reason):
      return try reject(try promise(id), note: note, reason: reason, context: context)
    case .notKept(let id, let note, let replacement, let reason):
      return try accountNotKept(try promise(id), note: note, then: replacement, reason: reason, context: context)
    case .renegotiate(let id, let by, let what, let note, let reason, let addresses):
      return try renegotiate(
        try promise(id), by: by, what: what, note: note, reason: reason, addresses: addresses, context: context)
    case .revoke(let id, let note):
      return try revoke(try promise(id), note: note, context: context)
    case .release(let id, let note):
      return try release(try promise(id), note: note, context: context)
    case .confidence(let id, let level, let note):
      return try stateConfidence(try promise(id), level, note: note, context: context)
    case .declare(let statement, let by, let measure, let why):
      return try declare(statement: statement, by: by, measure: measure, why: why, context: context)
    case .accountBreakthrough(let outcome, let note):
      return try accountBreakthrough(outcome, note: note, context: context)
    case .undo(let event, let id, let summary):
      return try undo(eventID: event, on: try promise(id), what: summary, context: context)
    case .importPromises(let imported):
      return try importPromises(imported, context: context)
    case .recordMeeting(let note):
      return recordMeeting(note: note, context: context)
    case .request(let what, let performer, let by, let replyBy, let element):
      return try propose(what: what, between: (context.actor, performer), by: by, replyBy: replyBy, element: element, context: context)
    case .offer(let what, let customer, let by, let replyBy, let element):
      return try propose(what: what, between: (customer, context.actor), by: by, replyBy: replyBy, element: element, context: context)
    case .promiseAsAsked(let id), .acceptOffer(let id):
      return try agree(to: try request(id), as: move.kind, context: context)
    case .counter(let id, let by, let what, let note):
      return try counter(try request(id), by: by, what: what, note: note, context: context)
    case .decline(let id, let note):
      return try decline(try request(id), note: note, context: context)
    case .withdraw(let id, let note):
      return try withdraw(try request(id), note: note, context: context)
    case .enroll(let note):
      return try enrollment(.enroll, note: note, context: context)
    case .notYet(let note):
      return try enrollment(.notYet, note: note, context: context)
    case .unenroll(let note):
      return try enrollment(.unenroll, note: note, context: context)
    case .addElement(let what, let by):
      return try addElement(what: what, by: by, context: context)
    case .reviseElement(let id, let what, let by, let note):
      return try reviseElement(try element(id), what: what, by: by, note: note, context: context)
    case .meetElement(let id, let note):
      return try closeElement(try element(id), as: .met, note: note, context: context)
    case .dropElement(let id, let note):
      return try closeElement(try element(id), as: .dropped, note: note, context: context)
    case .addReason(let key, let words):
      return try addReason(key: key, words: words, context: context)
    case .retireReason(let key, let note):
      return try retireReason(key: key, note: note, context: context)
    }
  }
}
