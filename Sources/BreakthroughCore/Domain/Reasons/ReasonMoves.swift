import Foundation

/// The moves on the team's list of reasons, and the checks of a reason a move gives.
extension LedgerState {
  /// Adds a reason to the team's list.
  public func addReason(key: String, words: String, context: MoveContext) throws(Refusal) -> MoveOutcome {
    let key = key.trimmingCharacters(in: .whitespaces)
    let words = try Self.sentence(words, field: "words (what the reason means)")
    let event = context.event(.reasonAdded(key: key, words: words))
    return MoveOutcome(events: [event], summary: "the reason \(key) (\(words)) is on the team's list")
  }

  /// Retires a reason: no miss gives it from now on; those that gave it keep it.
  public func retireReason(key: String, note: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    let key = key.trimmingCharacters(in: .whitespaces)
    let event = context.event(.reasonRetired(key: key, note: Self.optional(note)))
    return MoveOutcome(events: [event], summary: "the reason \(key) is retired; the misses that gave it keep it")
  }

  /// The reason a miss gives, checked against the list: required or not, known, not retired,
  /// and for `other`, a note saying what happened.
  func missReason(_ key: String?, note: String?, required: Bool) throws(Refusal) -> String? {
    guard let key = try givenReason(key, for: "--reason") else {
      guard required else { return nil }
      throw Refusal("say why with --reason KEY, one of: \(reasons.activeKeys) (`breakthrough reasons` says what each means)")
    }
    if key == Reason.otherKey, Self.optional(note) == nil {
      throw Refusal("the reason other needs words: say what happened with --note")
    }
    return key
  }

  /// The reason `key` names, checked: nil when none is given, a refusal with the list when the
  /// list does not hold it or it was retired.
  func givenReason(_ key: String?, for option: String) throws(Refusal) -> String? {
    guard let key = key?.trimmingCharacters(in: .whitespaces).lowercased(), !key.isEmpty else { return nil }
    guard let problem = reasons.problem(giving: key) else { return key }
    throw Refusal(
      "\(option) \(Escaping.forDisplay(key)): \(problem); use one of: \(reasons.activeKeys) (`breakthrough reasons` says what each means)"
    )
  }
}
