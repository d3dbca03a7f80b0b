import Foundation

/// The rule book for what is said around the promises: requests and their answers, the roll,
/// the breakthrough and its elements.
extension LedgerState {
  func breach(of kind: Move.Kind, onRequest id: String, by actor: Handle) -> RuleBreach? {
    guard let request = conversations.request(id: id) else {
      return RuleBreach(attempt: kind.verb(on: "a request"), subject: nil, rule: "the ledger has no request \(id)")
    }
    return breach(of: kind, on: request, by: actor)
  }

  /// A request is made by the one asking, an offer by the one offering; each takes the next R number.
  func breachOfProposing(_ terms: RequestTerms, by actor: Handle) -> RuleBreach? {
    let label = "R\(terms.number)"
    func breach(_ rule: String) -> RuleBreach { RuleBreach(attempt: "make \(label)", subject: label, rule: rule) }
    if conversations.request(id: terms.id) != nil { return breach("the ledger already has a request with the id \(terms.id)") }
    if !isNext(NumberClaim(.request, terms.number)) { return breach("the next request is R\(conversations.nextRequestNumber)") }
    if terms.customer == terms.performer { return breach("a request is between two people") }
    if terms.isOffer, actor != terms.performer { return breach("only \(terms.performer) can offer \(terms.performer)'s promise") }
    if !terms.isOffer, actor != terms.customer { return breach("only \(terms.customer) can ask for a promise to \(terms.customer)") }
    if let problem = Self.breachOfSaying(terms.what, "what", attempt: "make \(label)", subject: label) { return problem }
    return elementProblem(terms.element).map(breach)
  }

  func breachOfCountering(_ id: String, by newBy: ByWhen?, what: String?, note: String, actor: Handle) -> RuleBreach? {
    if let refused = breach(of: .counter, onRequest: id, by: actor) { return refused }
    guard let request = conversations.request(id: id) else { return nil }
    let attempt = { Move.Kind.counter.verb(on: request.label) }
    guard newBy != nil || what != nil, newBy.map({ $0 != request.by }) ?? false || what.map({ $0 != request.what }) ?? false else {
      return RuleBreach(
        attempt: attempt(), subject: request.label, rule: "a counter proposes other terms: a new by-when, a new what, or both")
    }
    return what.flatMap { Self.breachOfSaying($0, "what", attempt: attempt(), subject: request.label) }
      ?? Self.breachOfSaying(note, "note (why these terms)", attempt: attempt(), subject: request.label)
  }

  /// Enrollment is said by the person themself (the event's actor), for the breakthrough in force.
  func breachOfEnrollment(_ kind: Move.Kind, in breakthroughID: String, note: String?, by actor: Handle) -> RuleBreach? {
    func breach(_ rule: String) -> RuleBreach { RuleBreach(attempt: kind.verb, subject: nil, rule: rule) }
    guard let open = openBreakthroughID else { return breach("there is no breakthrough in force to enroll in") }
    guard open == breakthroughID else { return breach("enrollment is for the breakthrough in force, and \(breakthroughID) is not it") }
    let isIn = conversations.roll.standing(of: actor) == .enrolled
    if kind == .unenroll, !isIn { return breach("\(actor) is not in") }
    if kind == .enroll, isIn { return breach("\(actor) is already in") }
    if kind == .notYet, isIn { return breach("\(actor) is in; to step out, unenroll and say why") }
    return note.flatMap {
      Self.breachOfSaying($0, kind == .notYet ? "note (what it would take)" : "note (why)", attempt: kind.verb, subject: nil)
    }
  }

  /// Anyone may say what the breakthrough will take, while one is in force; it takes the next E number.
  func breachOfAdding(_ terms: ElementTerms) -> RuleBreach? {
    let label = "E\(terms.number)"
    func breach(_ rule: String) -> RuleBreach { RuleBreach(attempt: "add \(label)", subject: label, rule: rule) }
    if openBreakthroughID == nil { return breach("elements are what the breakthrough will take, and none is in force") }
    if conversations.element(id: terms.id) != nil { return breach("the ledger already has an element with the id \(terms.id)") }
    if !isNext(NumberClaim(.element, terms.number)) { return breach("the next element is E\(conversations.nextElementNumber)") }
    return Self.breachOfSaying(terms.what, "what", attempt: "add \(label)", subject: label)
  }

  func breach(of kind: Move.Kind, onElement id: String, by actor: Handle) -> RuleBreach? {
    guard let element = conversations.element(id: id) else {
      return RuleBreach(attempt: kind.verb(on: "an element"), subject: nil, rule: "the ledger has no element \(id)")
    }
    return breach(of: kind, on: element, by: actor)
  }

  /// Why `actor` may not revise, meet or drop `element` now: it is closed, or they neither added
  /// it nor declared the breakthrough in force.
  public func breach(of kind: Move.Kind, on element: Element, by actor: Handle) -> RuleBreach? {
    let attempt = { kind.verb(on: element.label) }
    guard element.state == .open else {
      return RuleBreach(
        attempt: attempt(), subject: element.label,
        rule: "\(element.label) is already \(element.state.rawValue), so it is too late to \(kind.verb)")
    }
    let declarer = openBreakthrough?.declaredBy
    guard actor != element.addedBy, actor != declarer else { return nil }
    let orDeclarer = declarer.flatMap { $0 == element.addedBy ? nil : " or \($0), who declared the breakthrough," } ?? ""
    return RuleBreach(
      attempt: attempt(), subject: element.label, rule: "only \(element.addedBy), who added it,\(orDeclarer) can \(kind.verb)")
  }

  /// Anyone may declare a breakthrough when none is in force; while one is, only its declarer
  /// may revise it by declaring anew.
  func breachOfDeclaring(_ terms: BreakthroughTerms, by actor: Handle) -> RuleBreach? {
    if breakthroughs.contains(where: { $0.id == terms.id }) {
      return RuleBreach(
        attempt: "declare a breakthrough", subject: nil, rule: "the ledger already has a breakthrough with the id \(terms.id)")
    }
    if let current = openBreakthrough, current.declaredBy != actor {
      return RuleBreach(
        attempt: "revise the breakthrough", subject: nil,
        rule: "only \(current.declaredBy), who declared the breakthrough in force, can revise it")
    }
    return Self.breachOfSaying(terms.statement, "statement", attempt: "declare a breakthrough", subject: nil)
  }

  /// The breakthrough in force is accounted for by its declarer: achieved, or not achieved with
  /// what happened.
  func breachOfAccounting(_ id: String, as outcome: BreakthroughOutcome, note: String?, by actor: Handle) -> RuleBreach? {
    func breach(_ rule: String) -> RuleBreach { RuleBreach(attempt: "account for the breakthrough", subject: nil, rule: rule) }
    guard let current = openBreakthrough else { return breach("there is no breakthrough waiting to be accounted for") }
    guard current.id == id else { return breach("only the breakthrough in force can be accounted for, and \(id) is not it") }
    guard current.declaredBy == actor else { return breach("only \(current.declaredBy), who declared it, can account for it") }
    guard outcome != .revised else { return breach("a breakthrough is revised by declaring the new one") }
    guard outcome == .notAchieved else { return nil }
    return Self.breachOfSaying(note ?? "", "note (what happened)", attempt: "account for the breakthrough", subject: nil)
  }

  /// The breakthrough in force: the current one, while it is not accounted for.
  var openBreakthrough: Breakthrough? {
    guard let current = currentBreakthrough, current.outcome == nil else { return nil }
    return current
  }
}
