import Foundation

/// Who may do what, asked before anything is offered: menus, keys and refusals all read the
/// answer from `Move.Kind.rule`, so a screen never offers a move the ledger would refuse.
extension LedgerState {
  /// The moves `actor` may make on `promise` now, in the order menus offer them.
  public func allowedMoves(for promise: Promise, actor: Handle) -> [Move.Kind] {
    Move.Kind.onPromise.filter { $0.isAllowed(on: promise, by: actor) }
  }

  /// The moves on the breakthrough `actor` may make now: declare one when none is in force;
  /// revise (declare anew) and account for the one in force when they declared it.
  public func allowedBreakthroughMoves(actor: Handle) -> [Move.Kind] {
    guard let current = openBreakthrough else { return [.declare] }
    return current.declaredBy == actor ? [.declare, .accountBreakthrough] : []
  }

  /// Why `actor` has nothing to do on `promise`, and whose move it is:
  /// "waiting on ben: only ben can account for P7".
  public func whyNothingToDo(on promise: Promise, actor: Handle) -> String {
    switch promise.state {
    case .open:
      return
        "waiting on \(promise.performer): only \(promise.performer) can account for \(promise.label), and only \(promise.customer) can release it"
    case .delivered:
      return "waiting on \(promise.customer): only \(promise.customer), to whom \(promise.label) was made, can accept or reject it"
    default:
      return "\(promise.label) is \(promise.state.word): it is closed and stays as it is"
    }
  }

  /// What can still be done to a promise, and by whom, in words.
  func movesLeft(on promise: Promise) -> String {
    let kinds = Move.Kind.onPromise.filter { $0.rule?.states.contains(promise.state) == true }
    guard !kinds.isEmpty else { return "it is closed and stays as it is" }
    let byParty = [Move.Kind.Party.performer, .customer].compactMap { party -> String? in
      let verbs = kinds.filter { $0.rule?.party == party }.map(\.verb)
      guard !verbs.isEmpty else { return nil }
      return "\(promise.party(party)) can \(Self.listed(verbs, joinedBy: "or"))"
    }
    return "now " + byParty.joined(separator: ", and ")
  }

  /// "a, b or c".
  static func listed(_ words: [String], joinedBy conjunction: String) -> String {
    guard words.count > 1 else { return words.first ?? "" }
    return words.dropLast().joined(separator: ", ") + " \(conjunction) " + words[words.count - 1]
  }

  /// Why `actor` may not make a move of `kind` on `promise` now, or nil when they may: the
  /// sentence a refused move says, and a key that is not offered. The rule book's answer, with
  /// where the promise stands and what is left to do.
  public func refusal(of kind: Move.Kind, on promise: Promise, actor: Handle, zone: TimeZone) -> Refusal? {
    guard let breach = breach(of: kind, on: promise, by: actor) else { return nil }
    guard let rule = kind.rule, !rule.states.contains(promise.state) else { return breach.refusal(actor: actor) }
    let tooWhat = promise.state.isClosed ? "late" : "soon"
    return Refusal(
      "\(promise.label) is \(standing(of: promise, zone: zone)), so it is too \(tooWhat) to \(kind.verb); \(movesLeft(on: promise)); nothing changed"
    )
  }

  /// Refuses the move unless the promise's state allows it and the actor is the party who makes it.
  func check(_ kind: Move.Kind, on promise: Promise, context: MoveContext) throws(Refusal) {
    if let refusal = refusal(of: kind, on: promise, actor: context.actor, zone: context.zone) { throw refusal }
  }
}

extension Move.Kind {
  /// Whether `actor` may make this move on `promise` now: the rule book's `breach(of:on:by:)`
  /// finds nothing, asked without building a sentence.
  public func isAllowed(on promise: Promise, by actor: Handle) -> Bool {
    guard let rule else { return false }
    return rule.states.contains(promise.state) && promise.party(rule.party) == actor
  }
}

extension Promise {
  /// The person who plays `party` in this promise.
  public func party(_ party: Move.Kind.Party) -> Handle {
    party == .performer ? performer : customer
  }
}
