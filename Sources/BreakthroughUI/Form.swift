import BreakthroughCore
import Foundation

/// A small form: labelled one-line fields, edited in order, each with its own inline error.
/// Tab or Enter moves on, Enter on the last field submits, Esc cancels.
struct Form: Sendable {
  struct Field: Sendable {
    let label: String
    var text: String
    let hint: String
    var error: String?
    /// Enter on this field while it is empty submits the form: the rest is optional.
    var endsFormWhenEmpty = false

    init(_ label: String, _ text: String = "", hint: String = "", endsFormWhenEmpty: Bool = false) {
      self.label = label
      self.text = text
      self.hint = hint
      self.endsFormWhenEmpty = endsFormWhenEmpty
    }
  }

  /// What the form makes when it is submitted.
  enum Purpose: Sendable, Equatable {
    case newPromise
    case reject(promise: String)
    case notKept(promise: String)
    case renegotiate(promise: String)
    case revoke(promise: String)
    case release(promise: String)
    case declare
  }

  let title: String
  let purpose: Purpose
  var fields: [Field]
  var focused = 0

  /// The request the form makes, or nil with an inline error on each field that is wrong.
  mutating func submitIfValid(today: CalendarDay) -> Move? {
    for index in fields.indices { fields[index].error = nil }
    let request = validated(today: today)
    if request == nil, let firstError = fields.firstIndex(where: { $0.error != nil }) { focused = firstError }
    return request
  }

  private mutating func validated(today: CalendarDay) -> Move? {
    func text(_ index: Int) -> String { index < fields.count ? fields[index].text.trimmingCharacters(in: .whitespaces) : "" }
    func required(_ index: Int, _ message: String) -> String? {
      guard !text(index).isEmpty else { fields[index].error = message; return nil }
      return text(index)
    }
    func optional(_ index: Int) -> String? { text(index).isEmpty ? nil : text(index) }
    func date(_ index: Int) -> ByWhen? {
      do { return try DateExpression.parse(text(index), today: today) } catch {
        fields[index].error = text(index).isEmpty ? "say by when: fri, +3d, 2026-12-01…" : "not a date: try fri, +3d, eom, 2026-12-01 17:00"
        return nil
      }
    }
    switch purpose {
    case .newPromise:
      let what = required(0, "say what you will do, in one sentence")
      var customer: Handle?
      do { customer = try Handle(text(1)) } catch { fields[1].error = text(1).isEmpty ? "to whom? a handle like ben" : "not a handle: letters, digits, . _ -" }
      let by = date(2)
      guard let what, let customer, let by else { return nil }
      return .make(what: what, to: customer, by: by)
    case .reject(let id):
      guard let note = required(0, "say what is missing") else { return nil }
      return .reject(promise: id, note: note)
    case .notKept(let id):
      let note = required(0, "say what happened")
      let what = optional(1)
      let by = what == nil && text(2).isEmpty ? nil : date(2)
      if what == nil && by != nil { fields[1].error = "the replacement needs a what (or clear the date)" }
      guard let note, fields[1].error == nil, what == nil || by != nil else { return nil }
      let replacement = what.flatMap { what in by.map { Move.Replacement(what: what, by: $0) } }
      return .notKept(promise: id, note: note, replacement: replacement)
    case .renegotiate(let id):
      guard let by = date(0) else { return nil }
      return .renegotiate(promise: id, by: by, what: optional(1), note: optional(2))
    case .revoke(let id):
      guard let note = required(0, "say why you withdraw it") else { return nil }
      return .revoke(promise: id, note: note)
    case .release(let id):
      return .release(promise: id, note: optional(0))
    case .declare:
      let statement = required(0, "state the breakthrough")
      let by = date(1)
      guard let statement, let by else { return nil }
      return .declare(statement: statement, by: by, measure: optional(2), why: optional(3))
    }
  }
}
