import Foundation

/// One promise in the words the board's detail and `show` both say it in: labelled facts in
/// their order (who, by-when, when made, what it forwards, the request it answers, the element
/// it is for, its chain) and its history. Each view lays them out its own way.
public struct PromiseDetail: Sendable {
  /// A fact and its label: "by", "2026-12-01 (in 3 days)".
  public struct Fact: Equatable, Sendable {
    public let label: String
    public let text: String
  }

  public let facts: [Fact]
  /// The history, oldest first: "2026-11-09 10:00  ana  made".
  public let history: [String]
  /// The events on it the rule book left out, with why: "2026-11-10 09:00  ana may not accept
  /// P1: only ben, to whom P1 was made, can accept it".
  public let leftOut: [String]

  /// `now` reads the by-when in words; times are shown in `zone`; a chain's links are joined
  /// by `arrow` (as the terminal can draw it).
  public init(_ promise: Promise, in state: LedgerState, now: LocalMoment, zone: TimeZone, arrow: String) {
    func local(_ date: Date) -> String {
      let moment = LocalMoment(date, in: zone)
      return "\(moment.day.iso) \(moment.clock)"
    }
    var facts = [
      Fact(label: "who", text: "\(promise.performer) promised \(promise.customer)"),
      Fact(label: "by", text: "\(promise.by.description) (\(promise.byWords(at: now)))"),
      Fact(label: "made", text: local(promise.madeAt)),
    ]
    let breakthrough = promise.terms.breakthrough.flatMap { id in state.breakthroughs.last { $0.id == id } }
    facts.append(Fact(label: "forwards", text: breakthrough.map { "\"\($0.terms.statement)\"" } ?? "unlinked"))
    if let request = promise.terms.request.flatMap(state.conversations.request(id:)) {
      let answered = request.terms.isOffer ? "accepted \(request.performer)'s offer" : "asked \(request.performer)"
      facts.append(Fact(label: "answers", text: "\(request.label): \(request.customer) \(answered)"))
    }
    if let element = promise.terms.element.flatMap(state.conversations.element(id:)) {
      facts.append(Fact(label: "for", text: "\(element.label) \(element.what)"))
    }
    if let key = promise.terms.addresses {
      facts.append(Fact(label: "addresses", text: "the reason \(key): \(state.reasons.words(of: key))"))
    }
    let chain = state.chain(of: promise)
    if chain.count > 1 {
      let links = chain.map { $0.id == promise.id ? "[\($0.label)]" : "\($0.label) \($0.state.word)" }
      facts.append(Fact(label: "chain", text: links.joined(separator: " \(arrow) ")))
    }
    self.facts = facts
    history = promise.history.map { "\(local($0.at))  \($0.actor)  \($0.summary)" + ($0.note.map { ": \($0)" } ?? "") }
    leftOut = state.leftOut(naming: promise.label).map { "\($0.at.map(local) ?? "?")  \($0.reason)" }
  }
}
