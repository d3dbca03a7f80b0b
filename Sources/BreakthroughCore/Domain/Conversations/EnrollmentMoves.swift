import Foundation

/// Enrollment in the breakthrough: said only by the person themself.
extension LedgerState {
  func enrollment(_ kind: Move.Kind, note: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    guard let id = openBreakthroughID, let breakthrough = currentBreakthrough else {
      throw Refusal("there is no breakthrough to enroll in yet: declare one with `breakthrough declare STATEMENT --by DATE`")
    }
    let standing = conversations.roll.standing(of: context.actor)
    let isIn = standing == .enrolled
    switch kind {
    case .enroll:
      guard !isIn else { throw Refusal("you are already in for \"\(breakthrough.terms.statement)\"; nothing changed") }
      return MoveOutcome(
        events: [context.event(.enrolled(breakthrough: id, note: Self.optional(note)))],
        summary: "\(context.actor) is in for \"\(breakthrough.terms.statement)\"")
    case .notYet:
      guard !isIn else { throw Refusal("you are in; to step out, unenroll and say why (breakthrough unenroll --note …)") }
      let note = try Self.sentence(note ?? "", field: "note (what it would take for you to be in)")
      return MoveOutcome(events: [context.event(.notYet(breakthrough: id, note: note))], summary: "not yet, noted: \(note)")
    default:
      guard isIn else { throw Refusal("you are not in, so there is nothing to unenroll from; nothing changed") }
      let note = try Self.sentence(note ?? "", field: "note (why)")
      return MoveOutcome(events: [context.event(.unenrolled(breakthrough: id, note: note))], summary: "\(context.actor) is no longer in")
    }
  }
}
