import BreakthroughCore
import Foundation

/// The fields of a request as scripts see them (JSON and TSV).
struct RequestRecord {
  let request: Request
  let state: LedgerState
  let now: LocalMoment

  var element: String? { request.terms.element.flatMap { state.conversations.element(id: $0)?.label } }
  var promise: String? { request.promise.flatMap(state.label(ofID:)) }

  /// The state in words: who it waits on, and whether the answer is overdue.
  var stateWords: String {
    guard let waiter = request.waitsOn else { return request.state.word + (promise.map { " as \($0)" } ?? "") }
    let overdue = request.isAnswerOverdue(at: now) ? "ANSWER OVERDUE, " : ""
    return "\(overdue)\(request.state.word), waits on \(waiter)"
  }

  func json(withHistory: Bool = false) -> JSONValue {
    func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    var members: [(key: String, value: JSONValue)] = [
      ("number", .string(request.label)), ("id", .string(request.id)), ("state", .string(request.state.rawValue)),
      ("offer", .bool(request.terms.isOffer)), ("customer", .string(request.customer.text)), ("performer", .string(request.performer.text)),
      ("what", .string(request.what)), ("by", .string(request.by.ledgerText)), ("replyBy", text(request.terms.replyBy?.ledgerText)),
      ("waitsOn", text(request.waitsOn?.text)), ("answerOverdue", .bool(request.isAnswerOverdue(at: now))), ("element", text(element)),
      ("promise", text(promise)), ("madeAt", .string(Timestamp.text(request.madeAt))),
    ]
    if withHistory { members.append(("history", HistoryJSON.array(request.history))) }
    return .object(members)
  }

  static let tsvHeader = [
    "number", "state", "customer", "performer", "by", "replyBy", "waitsOn", "answerOverdue", "element", "promise", "what",
  ]

  func writeTSV(to out: inout TSVWriter) {
    let fields = [
      request.label, request.state.rawValue, request.customer.text, request.performer.text, request.by.ledgerText,
      request.terms.replyBy?.ledgerText ?? "", request.waitsOn?.text ?? "", request.isAnswerOverdue(at: now) ? "true" : "false",
      element ?? "", promise ?? "", request.what,
    ]
    fields.forEach { out.field($0) }
    out.endLine()
  }

  var tableFields: [String] {
    let by = "\(request.by.description) (\(request.by.words(at: now)))"
    return [request.label, stateWords, request.proposal, by, request.what]
  }
}

/// The fields of an element as scripts see them.
struct ElementRecord {
  let element: Element
  let coverage: Coverage
  let state: LedgerState

  var promises: [Promise] { state.promises(covering: element) }

  func json(withHistory: Bool = false) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("number", .string(element.label)), ("id", .string(element.id)), ("state", .string(element.state.rawValue)),
      ("coverage", .string(coverage.rawValue)), ("what", .string(element.what)),
      ("by", element.terms.by.map { .string($0.ledgerText) } ?? .null),
      ("promises", .array(promises.map { .string($0.label) })),
    ]
    if withHistory { members.append(("history", HistoryJSON.array(element.history))) }
    return .object(members)
  }

  static let tsvHeader = ["number", "state", "coverage", "by", "promises", "what"]

  func writeTSV(to out: inout TSVWriter) {
    let fields = [
      element.label, element.state.rawValue, coverage.rawValue, element.terms.by?.ledgerText ?? "",
      promises.map(\.label).joined(separator: " "), element.what,
    ]
    fields.forEach { out.field($0) }
    out.endLine()
  }
}

enum HistoryJSON {
  static func array(_ history: [HistoryEntry]) -> JSONValue {
    .array(
      history.map { entry in
        .object([
          ("at", .string(Timestamp.text(entry.at))), ("actor", .string(entry.actor.text)), ("what", .string(entry.summary)),
          ("note", entry.note.map(JSONValue.string) ?? .null),
        ])
      })
  }
}
