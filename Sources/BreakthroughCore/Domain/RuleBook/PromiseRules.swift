import Foundation

/// The rule book for promises: a promise is made by its performer and takes the next number;
/// each move on it is made by one party in some states (`Move.Kind.rule`); a move is undone
/// only by whoever made it, while it is the promise's last.
extension LedgerState {
  /// Why `actor` may not make a move of `kind` on `promise` now, or nil when they may.
  public func breach(of kind: Move.Kind, on promise: Promise, by actor: Handle) -> RuleBreach? {
    // Words only for a breach: the fold asks this of every move it meets.
    func breach(_ rule: String) -> RuleBreach { RuleBreach(attempt: kind.verb(on: promise.label), subject: promise.label, rule: rule) }
    guard let rule = kind.rule else { return breach("\(kind.verb) is not a move on a promise") }
    guard rule.states.contains(promise.state) else {
      let tooWhat = promise.state.isClosed ? "late" : "soon"
      return breach("\(promise.label) is \(promise.state.word), so it is too \(tooWhat) to \(kind.verb)")
    }
    let party = promise.party(rule.party)
    guard actor != party else { return nil }
    let who = rule.party == .performer ? "who made \(promise.label)" : "to whom \(promise.label) was made"
    return breach("only \(party), \(who), can \(kind.verb)")
  }

  /// The promise `id` names, or why there is none to move.
  private func promiseToMove(_ id: String, _ kind: Move.Kind) -> Result<Int, RuleBreach> {
    guard let position = position(ofID: id) else {
      return .failure(
        RuleBreach(attempt: kind.verb(on: "a promise"), subject: nil, rule: "the ledger has no promise \(id)"))
    }
    return .success(position)
  }

  func breach(of kind: Move.Kind, onPromise id: String, event: Event, saying note: String? = nil, field: String = "") -> RuleBreach? {
    let position: Int
    switch promiseToMove(id, kind) {
    case .failure(let breach): return breach
    case .success(let found): position = found
    }
    // Read field by field: the fold asks this of every move, and a copy of the whole promise
    // was a third of it. The promise is copied only to say why a move may not be made.
    let label = { "P\(promises.number(at: position))" }
    let past = promises.storedPast(at: position).past
    if past.lastEventID == event.id || past.undoTrail.contains(where: { $0.eventID == event.id }) {
      return RuleBreach(
        attempt: kind.verb(on: label()), subject: label(), rule: "the event \(event.id) is already in the ledger (a line written twice)")
    }
    var allowed = false
    if let rule = kind.rule {
      allowed = rule.states.contains(promises.state(at: position)) && promises.party(rule.party, at: position) == event.actor
    }
    if !allowed, let refused = breach(of: kind, on: promises[position], by: event.actor) { return refused }
    return note.flatMap { Self.breachOfSaying($0, field, attempt: kind.verb(on: label()), subject: label()) }
  }

  /// A new promise: made by its performer (or, on a request, by whoever the request waits on,
  /// on its terms), with the next number, an id of its own, and links to what exists.
  func breachOfMaking(_ terms: PromiseTerms, by actor: Handle, at moment: Date) -> RuleBreach? {
    func breach(_ rule: String) -> RuleBreach { RuleBreach(attempt: "make P\(terms.number)", subject: "P\(terms.number)", rule: rule) }
    if let problem = newPromiseProblem(terms) { return breach(problem) }
    guard terms.replaces == nil else {
      return breach("a promise replaces another only when that one is renegotiated or accounted as not kept")
    }
    if let id = terms.breakthrough, !breakthroughs.contains(where: { $0.id == id }) {
      return breach("it forwards breakthrough \(id), which the ledger does not have")
    }
    guard let requestID = terms.request else {
      guard actor == terms.performer else {
        return breach(
          "a promise is made by its performer, \(terms.performer); to ask \(terms.performer) for one, make a request")
      }
      return elementProblem(terms.element).map(breach)
    }
    guard let request = conversations.request(id: requestID) else {
      return breach("it answers request \(requestID), which the ledger does not have")
    }
    let kind: Move.Kind = request.state == .offered ? .acceptOffer : .promiseAsAsked
    if let refused = self.breach(of: kind, on: request, by: actor) { return refused }
    guard terms.performer == request.performer, terms.customer == request.customer, terms.what == request.what, terms.by == request.by,
      terms.element == request.terms.element
    else {
      return breach(
        "a promise made on \(request.label) has \(request.label)'s terms: \(request.performer) promises \(request.customer) by \(request.by.description)"
      )
    }
    guard !Self.hadPassed(request.by, at: moment) else {
      return breach(
        "\(request.label) was wanted by \(request.by.description), which had passed: it can only be countered with a new by-when")
    }
    return nil
  }

  /// What is wrong with the terms of a new promise, the rules every new one keeps; nil if nothing.
  private func newPromiseProblem(_ terms: PromiseTerms) -> String? {
    if position(ofID: terms.id) != nil { return "the ledger already has a promise with the id \(terms.id)" }
    if !isNext(NumberClaim(.promise, terms.number)) { return "the next promise is P\(nextNumber)" }
    if Self.isBlank(terms.what) { return "the what is empty: say it in one sentence" }
    return nil
  }

  /// Why a promise cannot be made for `element`: it is not in the ledger, or no longer open.
  func elementProblem(_ element: String?) -> String? {
    guard let element else { return nil }
    guard let found = conversations.element(id: element) else { return "the ledger has no element \(element)" }
    guard found.state == .open else { return "\(found.label) is \(found.state.rawValue): promises are made for open elements" }
    return nil
  }

  /// The promise that replaces `id`: the next number, the same people, breakthrough and element,
  /// and a link back.
  func breachOfReplacing(_ id: String, with terms: PromiseTerms) -> RuleBreach? {
    guard let original = promise(id: id) else { return nil }
    func breach(_ rule: String) -> RuleBreach {
      RuleBreach(attempt: "replace \(original.label) with P\(terms.number)", subject: original.label, rule: rule)
    }
    if let problem = newPromiseProblem(terms) { return breach(problem) }
    guard terms.replaces == original.id, terms.performer == original.performer, terms.customer == original.customer,
      terms.breakthrough == original.terms.breakthrough, terms.element == original.terms.element, terms.request == nil
    else {
      return breach("a replacement is between the same people, forwards the same breakthrough and element, and names \(original.label)")
    }
    return nil
  }

  /// After its by-when a renegotiation is recorded as not kept, never with notice.
  func breachOfRenegotiatingLate(_ id: String, at moment: Date) -> RuleBreach? {
    guard let promise = promise(id: id), Self.hadPassed(promise.by, at: moment) else { return nil }
    return RuleBreach(
      attempt: "renegotiate \(promise.label) with notice", subject: promise.label,
      rule: "\(promise.label) was due \(promise.by.description), so a renegotiation after it is recorded as not kept")
  }

  /// Undo takes back the promise's last move, and only whoever made it may.
  func breachOfUndoing(_ undoneID: String, onPromise id: String, event: Event) -> RuleBreach? {
    let position: Int
    switch promiseToMove(id, .undo) {
    case .failure(let breach): return breach
    case .success(let found): position = found
    }
    let promise = promises[position]
    return breach(undoing: undoneID, on: promise, by: event.actor)
  }

  /// Why `actor` may not take back the move `undoneID` on `promise`, or nil when they may.
  public func breach(undoing undoneID: String, on promise: Promise, by actor: Handle) -> RuleBreach? {
    let attempt = "undo the last move on \(promise.label)"
    guard let last = promise.undoTrail.last, last.eventID == undoneID, promise.lastEventID == undoneID else {
      return RuleBreach(
        attempt: attempt, subject: promise.label, rule: "only the last move on \(promise.label) can be undone, and that was another")
    }
    guard last.actor == actor else {
      return RuleBreach(attempt: attempt, subject: promise.label, rule: "only \(last.actor), who made that move, can undo it")
    }
    return nil
  }
}
