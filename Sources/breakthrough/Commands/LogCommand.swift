import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import Foundation

struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "The ledger, readable: every event, oldest first.")

  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    let describer = EventDescriber(state: session.state, zone: session.zone)
    for entry in try session.ledger.entries() {
      print(Escaping.forDisplay(describer.describe(entry)))
    }
  }
}

/// One event in one line of words.
struct EventDescriber {
  let state: LedgerState
  let zone: TimeZone

  func describe(_ entry: LedgerLine) -> String {
    switch entry.content {
    case .unreadable(let reason): return "\(entry.number)  (unreadable: \(reason))"
    case .unknownKind(let kind): return "\(entry.number)  (event of a newer kind: \(kind))"
    case .event(let event):
      let moment = LocalMoment(event.at, in: zone)
      return "\(moment.day.iso) \(moment.clock)  \(event.actor)  \(words(event.body, by: event.actor))"
    }
  }

  func label(_ id: String) -> String { state.label(ofID: id) ?? "an unknown promise" }
  func requestLabel(_ id: String) -> String { state.conversations.request(id: id)?.label ?? "an unknown request" }
  func elementLabel(_ id: String) -> String { state.conversations.element(id: id)?.label ?? "an unknown element" }

  func words(_ body: EventBody, by actor: Handle) -> String {
    func note(_ text: String?) -> String { text.map { ": \($0)" } ?? "" }
    func terms(_ terms: PromiseTerms) -> String {
      let covers = terms.element.map { " (for \(elementLabel($0)))" } ?? ""
      return "P\(terms.number) \(terms.performer) \(Arrow.text) \(terms.customer) by \(terms.by.description): \(terms.what)\(covers)"
    }
    switch body {
    case .declared(let terms): return "declared the breakthrough, by \(terms.by.description): \(terms.statement)"
    case .breakthroughAccounted(_, let outcome, let text): return "accounted the breakthrough \(outcome.rawValue)\(note(text))"
    case .made(let made, let text) where made.request != nil && made.performer != made.customer:
      // The customer accepting an offer or a counter makes the promise on the performer's word.
      let answered = made.request.map(requestLabel) ?? ""
      return (actor == made.customer ? "accepted \(answered): " : "promised as asked: ") + terms(made) + note(text)
    case .made(let made, let text): return "promised \(terms(made))\(note(text))"
    case .delivered(let id, let accepted, let text): return "delivered \(label(id))\(accepted ? " (accepted)" : "")\(note(text))"
    case .accepted(let id, let text): return "accepted \(label(id))\(note(text))"
    case .rejected(let id, let text): return "rejected \(label(id))\(note(text))"
    case .notKept(let id, let text, let replacement, let late):
      let then = replacement.map { "; replaced by \(terms($0))" } ?? ""
      return "\(late ? "renegotiated after its by-when, so not kept" : "not kept"): \(label(id))\(note(text))\(then)"
    case .renegotiated(let id, let text, let replacement):
      return "renegotiated \(label(id))\(note(text)); replaced by \(terms(replacement))"
    case .revoked(let id, let text): return "revoked \(label(id))\(note(text))"
    case .released(let id, let text): return "released \(label(id))\(note(text))"
    case .confidence(let id, let level, let text): return "stated \(label(id)) \(level.words)\(note(text))"
    case .undone(_, let id): return "undid the last move on \(label(id))"
    case .meetingHeld(let text): return "recorded the standing meeting as held\(note(text))"
    case .requestMade(let made):
      let verb = made.isOffer ? "offered \(made.customer)" : "asked \(made.performer)"
      let reply = made.replyBy.map { ", answer by \($0.description)" } ?? ""
      let covers = made.element.map { " (for \(elementLabel($0)))" } ?? ""
      return "\(verb) for R\(made.number), by \(made.by.description)\(reply): \(made.what)\(covers)"
    case .requestCountered(let id, let by, let what, let text):
      let change = [by.map { "by \($0.description)" }, what].compactMap { $0 }.joined(separator: ", ")
      return "countered \(requestLabel(id)): \(change)\(note(text))"
    case .requestDeclined(let id, let text): return "declined \(requestLabel(id))\(note(text))"
    case .requestWithdrawn(let id, let text): return "withdrew \(requestLabel(id))\(note(text))"
    case .enrolled(_, let text): return "enrolled in the breakthrough\(note(text))"
    case .notYet(_, let text): return "not yet in the breakthrough; it would take\(note(text))"
    case .unenrolled(_, let text): return "unenrolled from the breakthrough\(note(text))"
    case .elementAdded(let added):
      return "added E\(added.number)\(added.by.map { " by \($0.description)" } ?? ""): \(added.what)"
    case .elementRevised(let id, let what, let by, let text):
      let change = [by.map { "by \($0.description)" }, what].compactMap { $0 }.joined(separator: ", ")
      return "revised \(elementLabel(id)): \(change)\(note(text))"
    case .elementMet(let id, let text): return "marked \(elementLabel(id)) met\(note(text))"
    case .elementDropped(let id, let text): return "dropped \(elementLabel(id))\(note(text))"
    }
  }
}
