import ArgumentParser
import BreakthroughCore
import BreakthroughInterchange
import Foundation

/// How `list` and `show` print promises.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, tsv, json, csv
}

/// The fields of a promise as scripts see them (JSON and TSV); stable across versions.
struct PromiseRecord {
  let promise: Promise
  let now: LocalMoment
  let zone: TimeZone
  /// The labels of the promises and conversations it is linked to, looked up once: a record
  /// does not hold the whole ledger's state (a list made one for every promise it printed).
  let replaces: String?
  let replacedBy: String?
  let element: String?
  let request: String?

  init(promise: Promise, state: LedgerState, now: LocalMoment, zone: TimeZone) {
    self.promise = promise
    self.now = now
    self.zone = zone
    // Unwrapped one by one: a method of `state` passed to `flatMap` copied the whole state.
    func label(ofID id: String?) -> String? {
      guard let id else { return nil }
      return state.label(ofID: id)
    }
    replaces = label(ofID: promise.replaces)
    replacedBy = label(ofID: promise.replacedBy)
    if let id = promise.terms.element { element = state.conversations.element(id: id)?.label } else { element = nil }
    if let id = promise.terms.request { request = state.conversations.request(id: id)?.label } else { request = nil }
  }

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
      members.append(
        (
          "history",
          .array(
            promise.history.map { entry in
              .object([
                ("at", .string(Timestamp.text(entry.at))), ("actor", .string(entry.actor.text)),
                ("what", .string(entry.summary)), ("note", text(entry.note)),
              ])
            })
        ))
    }
    return .object(members)
  }

  static let tsvHeader = ["number", "state", "performer", "customer", "by", "overdue", "confidence", "replaces", "replacedBy", "what"]

  /// Writes the promise as one TSV line, in the order of `tsvHeader`.
  func writeTSV(to out: inout TSVWriter) {
    out.field(promise.label)
    out.field(promise.state.rawValue)
    out.field(promise.performer.text)
    out.field(promise.customer.text)
    out.field(promise.by.ledgerText)
    out.field(isOverdue ? "true" : "false")
    out.field(promise.confidence?.rawValue ?? "")
    out.field(replaces ?? "")
    out.field(replacedBy ?? "")
    out.field(promise.what)
    out.endLine()
  }

  static let csvHeader = [
    "number", "id", "state", "performer", "customer", "what", "by", "made", "delivered", "closed", "outcome", "on_time",
    "days_overdue", "confidence", "element", "replaces", "replaced_by", "request",
  ]

  /// Writes the promise as one CSV row, in the order of `csvHeader`; times are local, to the minute.
  func writeCSV(to out: inout CSVWriter, zone: TimeZone) {
    func local(_ instant: Date?) -> String {
      guard let instant else { return "" }
      let moment = LocalMoment(instant, in: zone)
      return "\(moment.day.iso) \(moment.clock)"
    }
    let onTime = promise.deliveredAt.map { !promise.by.isPast(at: LocalMoment($0, in: zone)) }
    for cell in [promise.label, promise.id, promise.state.rawValue] { out.plain(cell) }
    for cell in [promise.performer.text, promise.customer.text, promise.what] { out.field(cell) }
    for cell in [promise.by.description, local(promise.madeAt), local(promise.deliveredAt), local(promise.closedAt), outcome(zone: zone)] {
      out.plain(cell)
    }
    out.plain(onTime.map { $0 ? "yes" : "no" } ?? "")
    out.plain(isOverdue ? "\(promise.by.daysLate(at: now))" : "0")
    for cell in [promise.confidence?.rawValue ?? "", element ?? "", replaces ?? "", replacedBy ?? "", request ?? ""] { out.plain(cell) }
    out.endRow()
  }

  /// How a closed promise was accounted for, as the measures count it; empty while it is open.
  func outcome(zone: TimeZone) -> String {
    let withNotice = promise.closedAt.map { !promise.by.isPast(at: LocalMoment($0, in: zone)) } ?? false
    switch promise.state {
    case .open, .delivered: return ""
    case .kept: return "kept"
    case .notKept: return promise.wasRenegotiatedLate ? "not kept (renegotiated late)" : "not kept"
    case .renegotiated, .revoked: return withNotice ? "honored with notice" : "\(promise.state.word) late"
    case .released, .withdrawn: return promise.state.word
    }
  }

  /// The state in words, with confidence for open promises and "overdue" when it is.
  var stateWords: String {
    if isOverdue { return "OVERDUE" }
    if promise.state == .open, let confidence = promise.confidence { return "open, \(confidence.words)" }
    return promise.deliveryWords(at: now, zone: zone) ?? promise.state.word
  }

  var tableFields: [String] {
    [
      promise.label, stateWords, "\(promise.performer) \(Arrow.text) \(promise.customer)",
      "\(promise.by.description) (\(promise.byWords(at: now)))", promise.what,
    ]
  }
}

/// TSV lines written to standard output a block at a time, so that a long list is printed at
/// once: every field escaped, so a tab or newline in the text stays in its field.
struct TSVWriter: ~Copyable {
  private var bytes: [UInt8] = []
  private var atLineStart = true

  init() { bytes.reserveCapacity(1 << 16) }

  mutating func field(_ text: String) {
    if !atLineStart { bytes.append(UInt8(ascii: "\t")) }
    atLineStart = false
    bytes.append(contentsOf: Escaping.forDisplay(text).utf8)
  }

  mutating func endLine() {
    bytes.append(UInt8(ascii: "\n"))
    atLineStart = true
    if bytes.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    fflush(nil)
    bytes.withUnsafeBufferPointer { buffer in
      var done = 0
      while done < buffer.count {
        let count = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + done, buffer.count - done)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { return }
        done += count
      }
    }
    bytes.removeAll(keepingCapacity: true)
  }
}
