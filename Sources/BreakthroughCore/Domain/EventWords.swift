import Foundation

/// Every event in words, one phrase per kind: what `log`, the feed, the minutes and the
/// left-out sentences say of it. A new kind of event needs one entry here, and the compiler
/// asks for it.
public struct EventPhrase: Sendable, Equatable {
  /// What the actor did, with its object, in the past tense: "accepted P1",
  /// "asked ben for R3, by 2026-12-10: the budget".
  public let action: String
  /// What the actor said with it, if anything.
  public let note: String?
  /// What it set going, said after the note: "; replaced by P9 …".
  public let then: String

  init(action: String, note: String?, then: String = "") {
    self.action = action
    self.note = note
    self.then = then
  }

  /// "accepted P1: looks good".
  public var text: String { action + (note.map { ": \($0)" } ?? "") + then }
}

/// How phrases name what events refer to by id, and how they show people's text: as it is
/// for plain output, escaped for Markdown.
public struct EventWording: Sendable {
  let state: LedgerState
  /// Applied to every piece of people's text (what, notes, statements).
  let text: @Sendable (String) -> String
  /// Between performer and customer.
  let arrow: String

  public init(state: LedgerState, arrow: String = "→", text: @escaping @Sendable (String) -> String = { $0 }) {
    self.state = state
    self.arrow = arrow
    self.text = text
  }

  func promiseLabel(_ id: String) -> String { state.label(ofID: id) ?? "an unknown promise" }
  func requestLabel(_ id: String) -> String { state.conversations.request(id: id)?.label ?? "an unknown request" }
  func elementLabel(_ id: String) -> String { state.conversations.element(id: id)?.label ?? "an unknown element" }

  func terms(_ terms: PromiseTerms) -> String {
    let covers = terms.element.map { " (for \(elementLabel($0)))" } ?? ""
    let addresses = terms.addresses.map { " (addresses \($0))" } ?? ""
    return
      "P\(terms.number) \(terms.performer) \(arrow) \(terms.customer) by \(terms.by.description): \(text(terms.what))\(covers)\(addresses)"
  }

  /// " (reason: waiting)", or nothing when the event gives no reason.
  func because(_ reason: String?) -> String {
    reason.map { " (reason: \($0))" } ?? ""
  }

  /// The phrase for `event`.
  public func phrase(_ event: Event) -> EventPhrase {
    func said(_ action: String, _ note: String?) -> EventPhrase { EventPhrase(action: action, note: note.map(text)) }
    func change(by: ByWhen?, what: String?) -> String {
      [by.map { "by \($0.description)" }, what.map(text)].compactMap { $0 }.joined(separator: ", ")
    }
    switch event.body {
    case .declared(let terms):
      return said("declared the breakthrough, by \(terms.by.description): \(text(terms.statement))", nil)
    case .breakthroughAccounted(_, let outcome, let note):
      return said("accounted the breakthrough \(outcome.rawValue.replacingOccurrences(of: "-", with: " "))", note)
    case .made(let made, let note) where made.request != nil && made.performer != made.customer:
      // The customer accepting an offer or a counter makes the promise on the performer's word.
      let answered = made.request.map(requestLabel) ?? ""
      return said((event.actor == made.customer ? "accepted \(answered): " : "promised as asked: ") + terms(made), note)
    case .made(let made, let note):
      return said("promised \(terms(made))", note)
    case .delivered(let id, let accepted, let note, let reason):
      return said("delivered \(promiseLabel(id))\(accepted ? " (accepted)" : "")\(because(reason))", note)
    case .accepted(let id, let note): return said("accepted \(promiseLabel(id))", note)
    case .rejected(let id, let note, let reason): return said("rejected \(promiseLabel(id))\(because(reason))", note)
    case .notKept(let id, let note, let replacement, let late, let reason):
      let then = replacement.map { "; replaced by \(terms($0))" } ?? ""
      let what = late ? "renegotiated after its by-when, so not kept: \(promiseLabel(id))" : "not kept: \(promiseLabel(id))"
      return EventPhrase(action: what + because(reason), note: text(note), then: then)
    case .renegotiated(let id, let note, let replacement):
      return EventPhrase(action: "renegotiated \(promiseLabel(id))", note: note.map(text), then: "; replaced by \(terms(replacement))")
    case .revoked(let id, let note): return said("revoked \(promiseLabel(id))", note)
    case .released(let id, let note): return said("released \(promiseLabel(id))", note)
    case .confidence(let id, let level, let note): return said("stated \(promiseLabel(id)) \(level.words)", note)
    case .undone(_, let id): return said("undid the last move on \(promiseLabel(id))", nil)
    case .meetingHeld(let note): return said("recorded the standing meeting as held", note)
    case .zoneSet(let zone, let note): return said("set the team's time zone to \(text(zone))", note)
    case .requestMade(let made):
      let verb = made.isOffer ? "offered \(made.customer)" : "asked \(made.performer)"
      let reply = made.replyBy.map { ", answer by \($0.description)" } ?? ""
      let covers = made.element.map { " (for \(elementLabel($0)))" } ?? ""
      return said("\(verb) for R\(made.number), by \(made.by.description)\(reply): \(text(made.what))\(covers)", nil)
    case .requestCountered(let id, let by, let what, let note):
      return said("countered \(requestLabel(id)): \(change(by: by, what: what))", note)
    case .requestDeclined(let id, let note): return said("declined \(requestLabel(id))", note)
    case .requestWithdrawn(let id, let note): return said("withdrew \(requestLabel(id))", note)
    case .enrolled(_, let note): return said("enrolled in the breakthrough", note)
    case .notYet(_, let note): return said("not yet in the breakthrough; it would take", note)
    case .unenrolled(_, let note): return said("unenrolled from the breakthrough", note)
    case .elementAdded(let added):
      return said("added E\(added.number)\(added.by.map { " by \($0.description)" } ?? ""): \(text(added.what))", nil)
    case .elementRevised(let id, let what, let by, let note):
      return said("revised \(elementLabel(id)): \(change(by: by, what: what))", note)
    case .elementMet(let id, let note): return said("marked \(elementLabel(id)) met", note)
    case .elementDropped(let id, let note): return said("dropped \(elementLabel(id))", note)
    case .reasonAdded(let key, let words): return said("added the reason \(key) to the team's list", words)
    case .reasonRetired(let key, let note): return said("retired the reason \(key)", note)
    }
  }
}
