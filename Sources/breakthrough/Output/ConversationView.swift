import BreakthroughCore
import Foundation

/// `show R3` and `show E2`: a request or an element with its history, and the promises it links to.
struct ConversationView {
  let session: Session
  let json: Bool

  func show(_ request: Request) throws {
    let state = session.state
    let record = RequestRecord(request: request, state: state, now: session.localNow)
    if json { return print(JSONOutput.text(record.json(withHistory: true))) }
    var lines = [
      "\(request.label)  \(record.stateWords)",
      "what       \(request.what)",
      "who        \(request.customer) " + (request.terms.isOffer ? "was offered it by \(request.performer)" : "asks \(request.performer)"),
      "by         \(request.by.description) (\(request.by.words(at: session.localNow)))",
    ]
    if let replyBy = request.terms.replyBy { lines.append("answer by  \(replyBy.description) (\(replyBy.words(at: session.localNow)))") }
    lines.append("made       \(local(request.madeAt))")
    if let element = record.element { lines.append("for        \(element)") }
    if let promise = request.promise.flatMap(state.promise(id:)) { lines.append("promise    \(promise.label) \(promise.state.word)") }
    lines += history(request.history)
    lines.map(Escaping.forDisplay).forEach { print($0) }
  }

  func show(_ element: Element) throws {
    let state = session.state
    let coverage = state.coverage(of: element, at: session.localNow)
    let record = ElementRecord(element: element, coverage: coverage, state: state)
    if json { return print(JSONOutput.text(record.json(withHistory: true))) }
    var lines = [
      "\(element.label)  \(coverage.words)",
      "what       \(element.what)",
    ]
    if let by = element.terms.by { lines.append("by         \(by.description) (\(by.words(at: session.localNow)))") }
    lines.append("added      \(local(element.addedAt)) by \(element.addedBy)")
    let promises = record.promises
    lines.append(
      "promises   "
        + (promises.isEmpty ? "none yet" : promises.map { "\($0.label) \($0.performer) \($0.state.word)" }.joined(separator: ", ")))
    let asked = state.conversations.requests.filter { $0.terms.element == element.id && $0.state.isOpen }
    if !asked.isEmpty { lines.append("asked      " + asked.map { "\($0.label) of \($0.performer)" }.joined(separator: ", ")) }
    lines += history(element.history)
    lines.map(Escaping.forDisplay).forEach { print($0) }
  }

  private func local(_ date: Date) -> String {
    let moment = LocalMoment(date, in: session.zone)
    return "\(moment.day.iso) \(moment.clock)"
  }

  private func history(_ entries: [HistoryEntry]) -> [String] {
    ["history"] + entries.map { "  \(local($0.at))  \($0.actor)  \($0.summary)" + ($0.note.map { ": \($0)" } ?? "") }
  }
}
