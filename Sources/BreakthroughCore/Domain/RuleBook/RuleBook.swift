import Foundation

/// The rule book: who may say which event, in which state, on what. The fold asks it of every
/// event before applying it, whoever wrote the line (this program, another copy, `psql`, an
/// editor), and a move asks it of the events it would write: one answer for both, so what a
/// move refuses the fold leaves out, with the same rule.
///
/// It judges who, what and in which state, never the writer's clock: an event's time is what
/// its writer says. Rules about the by-when are judged in the zone where the day ends last
/// (UTC−12), so that a machine in any zone agrees.
extension LedgerState {
  /// Why `event` may not be folded into this state, or nil when it may.
  public func breach(of event: Event) -> RuleBreach? {
    let actor = event.actor
    switch event.body {
    case .declared(let terms):
      return breachOfDeclaring(terms, by: actor)
    case .breakthroughAccounted(let id, let outcome, let note):
      return breachOfAccounting(id, as: outcome, note: note, by: actor)
    case .made(let terms, _):
      return breachOfMaking(terms, by: actor, at: event.at) ?? breachOfAddressing(terms)
    case .delivered(let id, _, let note, let reason):
      return breach(of: .deliver, onPromise: id, event: event) ?? breachOfGiving(reason, note: note, .deliver, onPromise: id)
    case .accepted(let id, _):
      return breach(of: .accept, onPromise: id, event: event)
    case .rejected(let id, let note, let reason):
      return breach(of: .reject, onPromise: id, event: event, saying: note, field: "what is missing")
        ?? breachOfGiving(reason, note: note, .reject, onPromise: id)
    case .notKept(let id, let note, let replacement, _, let reason):
      return breach(of: .notKept, onPromise: id, event: event, saying: note, field: "what happened")
        ?? breachOfGiving(reason, note: note, .notKept, onPromise: id)
        ?? replacement.flatMap { breachOfReplacing(id, with: $0) ?? breachOfAddressing($0) }
    case .renegotiated(let id, _, let replacement):
      return breach(of: .renegotiate, onPromise: id, event: event)
        ?? breachOfReplacing(id, with: replacement) ?? breachOfAddressing(replacement) ?? breachOfRenegotiatingLate(id, at: event.at)
    case .revoked(let id, let note):
      return breach(of: .revoke, onPromise: id, event: event, saying: note, field: "why")
    case .released(let id, _):
      return breach(of: .release, onPromise: id, event: event)
    case .confidence(let id, _, _):
      return breach(of: .confidence, onPromise: id, event: event)
    case .undone(let undoneID, let id):
      return breachOfUndoing(undoneID, onPromise: id, event: event)
    case .meetingHeld:
      return nil
    case .zoneSet(let zone, _):
      return Self.breachOfSettingZone(zone)
    case .requestMade(let terms):
      return breachOfProposing(terms, by: actor)
    case .requestCountered(let id, let by, let what, let note):
      return breachOfCountering(id, by: by, what: what, note: note, actor: actor)
    case .requestDeclined(let id, let note):
      return breach(of: .decline, onRequest: id, by: actor) ?? Self.breachOfSaying(note, "why not", attempt: "decline", subject: nil)
    case .requestWithdrawn(let id, _):
      return breach(of: .withdraw, onRequest: id, by: actor)
    case .enrolled(let id, _):
      return breachOfEnrollment(.enroll, in: id, note: nil, by: actor)
    case .notYet(let id, let note):
      return breachOfEnrollment(.notYet, in: id, note: note, by: actor)
    case .unenrolled(let id, let note):
      return breachOfEnrollment(.unenroll, in: id, note: note, by: actor)
    case .elementAdded(let terms):
      return breachOfAdding(terms)
    case .elementRevised(let id, let what, let by, _):
      return breach(of: .reviseElement, onElement: id, by: actor)
        ?? (what == nil && by == nil
          ? RuleBreach(attempt: "revise an element", subject: nil, rule: "a revision says what changes: a new what, a new by-when, or both")
          : nil)
        ?? what.flatMap { Self.breachOfSaying($0, "what", attempt: "revise an element", subject: nil) }
    case .elementMet(let id, _):
      return breach(of: .meetElement, onElement: id, by: actor)
    case .elementDropped(let id, let note):
      return breach(of: .dropElement, onElement: id, by: actor)
        ?? Self.breachOfSaying(note, "why it is no longer needed", attempt: "drop an element", subject: nil)
    case .reasonAdded(let key, let words):
      return breachOfAddingReason(key, words: words, by: actor)
    case .reasonRetired(let key, _):
      return breachOfRetiringReason(key, by: actor)
    }
  }

  /// Text a rule requires: something besides spaces. The sentence is made only for a breach:
  /// the fold asks this of every note it meets.
  static func breachOfSaying(
    _ text: String, _ field: String, attempt: @autoclosure () -> String, subject: @autoclosure () -> String?
  ) -> RuleBreach? {
    guard isBlank(text) else { return nil }
    return RuleBreach(attempt: attempt(), subject: subject(), rule: "the \(field) is empty: say it in one sentence")
  }

  /// Whether `text` is empty or only white space, read only as far as its first other character.
  static func isBlank(_ text: String) -> Bool {
    !text.unicodeScalars.contains { !$0.properties.isWhitespace }
  }

  /// Whether `by` had passed at `moment` wherever the writer was: in the zone where a day ends
  /// last (UTC−12), a fixed offset, so it is worked out without the time zone library.
  static func hadPassed(_ by: ByWhen, at moment: Date) -> Bool {
    by.isPast(at: LocalMoment(localSeconds: Int(moment.timeIntervalSince1970.rounded(.down)) - 12 * 3600))
  }
}

extension Move.Kind {
  /// The verb phrase naming its object: "accept P1", "report P1 done".
  func verb(on label: String) -> String {
    verb.split(separator: " ", omittingEmptySubsequences: false).map { $0 == "it" ? label : String($0) }.joined(separator: " ")
  }
}
