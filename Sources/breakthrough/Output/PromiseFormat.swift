import ArgumentParser
import BreakthroughCore
import Foundation

/// How `list` and `show` print promises.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, tsv, json
}

/// The fields of a promise as scripts see them (JSON and TSV); stable across versions.
struct PromiseRecord {
  let promise: Promise
  let state: LedgerState
  let now: LocalMoment

  var replaces: String? { promise.replaces.flatMap { state.promise(id: $0)?.label } }
  var replacedBy: String? { promise.replacedBy.flatMap { state.promise(id: $0)?.label } }
  var isOverdue: Bool { promise.isOverdue(at: now) }

  func json(zone: TimeZone, withHistory: Bool = false) -> JSONValue {
    func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    var members: [(key: String, value: JSONValue)] = [
      ("number", .string(promise.label)), ("id", .string(promise.id)), ("state", .string(promise.state.rawValue)),
      ("performer", .string(promise.performer.text)), ("customer", .string(promise.customer.text)),
      ("what", .string(promise.what)), ("by", .string(promise.by.ledgerText)), ("overdue", .bool(isOverdue)),
      ("daysOverdue", .number(Double(isOverdue ? promise.by.daysLate(at: now) : 0))),
      ("confidence", text(promise.confidence?.rawValue)), ("replaces", text(replaces)), ("replacedBy", text(replacedBy)),
      ("madeAt", .string(Timestamp.text(promise.madeAt))), ("breakthrough", text(promise.terms.breakthrough)),
    ]
    if withHistory {
      members.append(("history", .array(promise.history.map { entry in
        .object([("at", .string(Timestamp.text(entry.at))), ("actor", .string(entry.actor.text)),
                 ("what", .string(entry.summary)), ("note", text(entry.note))])
      })))
    }
    return .object(members)
  }

  static let tsvHeader = ["number", "state", "performer", "customer", "by", "overdue", "confidence", "replaces", "replacedBy", "what"]

  var tsvFields: [String] {
    [promise.label, promise.state.rawValue, promise.performer.text, promise.customer.text, promise.by.ledgerText,
     isOverdue ? "true" : "false", promise.confidence?.rawValue ?? "", replaces ?? "", replacedBy ?? "", promise.what]
  }

  /// The state in words, with confidence for open promises and "overdue" when it is.
  var stateWords: String {
    if isOverdue { return "OVERDUE" }
    if promise.state == .open, let confidence = promise.confidence { return "open, \(confidence.words)" }
    return promise.state.word
  }

  var tableFields: [String] {
    [promise.label, stateWords, "\(promise.performer) → \(promise.customer)",
     "\(promise.by.description) (\(promise.by.words(at: now)))", promise.what]
  }
}

/// Prints TSV lines: every field escaped, so a tab or newline in the text stays in its field.
func printTSV(_ rows: [[String]]) {
  for row in rows { print(row.map(Escaping.forDisplay).joined(separator: "\t")) }
}
