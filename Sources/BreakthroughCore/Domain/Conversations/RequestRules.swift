import Foundation

extension Move.Kind {
  /// Who may make a move on a request: the side that must answer, or the side that proposed.
  public enum RequestParty: Sendable {
    case answerer, proposer
  }

  /// When a move on a request may be made, and by whom; nil for moves not on a request.
  public var requestRule: (states: Set<RequestState>, party: RequestParty)? {
    switch self {
    case .promiseAsAsked: return (RequestState.waitingOnPerformer, .answerer)
    case .acceptOffer: return (RequestState.waitingOnCustomer, .answerer)
    case .counter, .decline: return (RequestState.waiting, .answerer)
    case .withdraw: return (RequestState.waiting, .proposer)
    case .make, .deliver, .accept, .reject, .notKept, .renegotiate, .revoke, .release, .confidence, .declare, .accountBreakthrough, .undo,
      .importPromises, .recordMeeting, .request, .offer, .enroll, .notYet, .unenroll, .addElement, .reviseElement, .meetElement,
      .dropElement, .addReason, .retireReason:
      return nil
    }
  }

  /// The moves on a request, in the order menus offer them.
  public static let onRequest: [Move.Kind] = allCases.filter { $0.requestRule != nil }
}

extension LedgerState {
  /// The moves `actor` may make on `request` now, in the order menus offer them.
  public func allowedMoves(for request: Request, actor: Handle) -> [Move.Kind] {
    Move.Kind.onRequest.filter { refusal(of: $0, on: request, actor: actor) == nil }
  }

  /// Why `actor` may not make a move of `kind` on `request` now, or nil when they may: the
  /// rule book's answer, with what is left to do.
  public func refusal(of kind: Move.Kind, on request: Request, actor: Handle) -> Refusal? {
    guard let breach = breach(of: kind, on: request, by: actor) else { return nil }
    guard kind.requestRule?.states.contains(request.state) == false else { return breach.refusal(actor: actor) }
    guard request.state.isOpen else { return Refusal("\(breach.rule); nothing changed") }
    return Refusal("\(breach.rule), so you cannot \(kind.verb) now; \(movesLeft(on: request)); nothing changed")
  }

  /// Why `actor` may not make a move of `kind` on `request` now, or nil when they may.
  public func breach(of kind: Move.Kind, on request: Request, by actor: Handle) -> RuleBreach? {
    // Words only for a breach: the fold asks this of every answer it meets.
    func breach(_ rule: String) -> RuleBreach { RuleBreach(attempt: kind.verb(on: request.label), subject: request.label, rule: rule) }
    guard let rule = kind.requestRule else { return breach("\(kind.verb) is not a move on a request") }
    guard rule.states.contains(request.state) else {
      guard let waiter = request.waitsOn, request.state.isOpen else {
        return breach("\(request.label) is \(request.state.word): it is answered and stays as it is")
      }
      return breach("\(request.label) waits for \(waiter)'s answer")
    }
    let party = rule.party == .answerer ? request.waitsOn : request.proposer
    guard let party, party != actor else { return nil }
    let role = rule.party == .answerer ? "who must answer it" : "who proposed it"
    return breach("only \(party), \(role), can \(kind.verb)")
  }

  /// Whose move it is on `request`, when it is not `actor`'s: "waiting on ben to answer R3".
  public func whyNothingToDo(on request: Request, actor: Handle) -> String {
    guard let waiter = request.waitsOn else { return "\(request.label) is \(request.state.word): it is answered and stays as it is" }
    return "waiting on \(waiter) to answer \(request.label); \(movesLeft(on: request))"
  }

  func movesLeft(on request: Request) -> String {
    guard let waiter = request.waitsOn, let proposer = request.proposer else { return "it is answered" }
    let answers = Move.Kind.onRequest.filter {
      $0.requestRule?.party == .answerer && $0.requestRule?.states.contains(request.state) == true
    }
    return "\(waiter) can \(Self.listed(answers.map(\.verb), joinedBy: "or")), and \(proposer) can withdraw it"
  }

  func check(_ kind: Move.Kind, on request: Request, context: MoveContext) throws(Refusal) {
    if let refusal = refusal(of: kind, on: request, actor: context.actor) { throw refusal }
  }
}
