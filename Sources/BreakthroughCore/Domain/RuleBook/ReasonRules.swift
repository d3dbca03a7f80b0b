import Foundation

/// The rule book for the team's reasons for a miss: who keeps the list, the form of a key, and
/// that a miss or a promise names a reason the list holds.
extension LedgerState {
  /// The list is kept by whoever declared the breakthrough in force; with none in force, by anyone.
  private func breachOfKeepingReasons(_ attempt: @autoclosure () -> String, by actor: Handle) -> RuleBreach? {
    guard let keeper = openBreakthrough?.declaredBy, keeper != actor else { return nil }
    return RuleBreach(
      attempt: attempt(), subject: nil, rule: "only \(keeper), who declared the breakthrough in force, can change the team's reasons")
  }

  /// A new reason has a key of the right form that the list does not hold yet, and words.
  func breachOfAddingReason(_ key: String, words: String, by actor: Handle) -> RuleBreach? {
    let attempt = { "add the reason \(key)" }
    func breach(_ rule: String) -> RuleBreach { RuleBreach(attempt: attempt(), subject: nil, rule: rule) }
    guard Reason.isValidKey(key) else { return breach(Reason.keyRule) }
    if let held = reasons.reason(key: key), !held.isRetired { return breach("the team's list already has \(key)") }
    return breachOfKeepingReasons(attempt(), by: actor)
      ?? Self.breachOfSaying(words, "words (what the reason means)", attempt: attempt(), subject: nil)
  }

  /// A reason on the list may be retired, except `other`, which a miss gives when none fits.
  func breachOfRetiringReason(_ key: String, by actor: Handle) -> RuleBreach? {
    let attempt = { "retire the reason \(key)" }
    func breach(_ rule: String) -> RuleBreach { RuleBreach(attempt: attempt(), subject: nil, rule: rule) }
    if let problem = reasons.problem(giving: key) { return breach(problem) }
    if key == Reason.otherKey { return breach("\(key) stays on the list: it is what a miss gives when no other reason fits") }
    return breachOfKeepingReasons(attempt(), by: actor)
  }

  /// A miss gives a reason on the list, not retired; `other` says what happened in its note.
  func breachOfGiving(_ reason: String?, note: String?, _ kind: Move.Kind, onPromise id: String) -> RuleBreach? {
    guard let reason else { return nil }
    let label = { self.label(ofID: id) ?? "a promise" }
    if let problem = reasons.problem(giving: reason) {
      return RuleBreach(attempt: kind.verb(on: label()), subject: label(), rule: problem)
    }
    guard reason == Reason.otherKey else { return nil }
    return Self.breachOfSaying(note ?? "", "note (what happened, for the reason other)", attempt: kind.verb(on: label()), subject: label())
  }

  /// A promise that says which reason it addresses names one on the list, not retired.
  func breachOfAddressing(_ terms: PromiseTerms) -> RuleBreach? {
    guard let key = terms.addresses, let problem = reasons.problem(giving: key) else { return nil }
    return RuleBreach(attempt: "make P\(terms.number)", subject: "P\(terms.number)", rule: "it addresses a reason, and \(problem)")
  }
}
