import Foundation

/// Declaring the breakthrough and accounting for it.
extension LedgerState {
  /// Declares a breakthrough; when one is current, the new declaration revises it.
  public func declare(statement: String, by: ByWhen, measure: String?, why: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    let terms = BreakthroughTerms(
      id: context.makeID(), statement: try Self.sentence(statement, field: "statement"),
      measure: Self.optional(measure), why: Self.optional(why), by: by)
    let revises = openBreakthroughID == nil ? "" : " (it revises the one declared before)"
    return MoveOutcome(events: [context.event(.declared(terms))], summary: "breakthrough declared, by \(by.description)\(revises)")
  }

  /// Accounts for the current breakthrough: achieved or not achieved, with what happened.
  public func accountBreakthrough(_ outcome: BreakthroughOutcome, note: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    guard let id = openBreakthroughID else {
      throw Refusal("there is no breakthrough waiting to be accounted for; declare one with `breakthrough declare STATEMENT --by DATE`")
    }
    guard outcome != .revised else {
      throw Refusal("to revise the breakthrough, declare the new one with `breakthrough declare`")
    }
    let note = outcome == .notAchieved ? try Self.sentence(note ?? "", field: "note (what happened)") : Self.optional(note)
    return MoveOutcome(
      events: [context.event(.breakthroughAccounted(breakthrough: id, outcome: outcome, note: note))],
      summary: "breakthrough accounted: \(outcome.rawValue.replacingOccurrences(of: "-", with: " "))")
  }
}

extension LedgerState {
  /// Records that the standing meeting was held, so that the next minutes start from here.
  public func recordMeeting(note: String?, context: MoveContext) -> MoveOutcome {
    MoveOutcome(
      events: [context.event(.meetingHeld(note: Self.optional(note)))], summary: "meeting recorded as held; the next minutes start here")
  }
}
