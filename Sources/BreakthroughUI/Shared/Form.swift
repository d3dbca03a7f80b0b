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
    /// A numbered list to pick from with one key (the field then holds the pick's key); empty
    /// for a field that is only typed.
    var choices: [Choice] = []

    init(_ label: String, _ text: String = "", hint: String = "", endsFormWhenEmpty: Bool = false, choices: [Choice] = []) {
      self.label = label
      self.text = text
      self.hint = hint
      self.endsFormWhenEmpty = endsFormWhenEmpty
      self.choices = choices
    }
  }

  /// One line of a field's numbered list: what the field holds when it is picked, and its words.
  struct Choice: Sendable, Equatable {
    let key: String
    let words: String
  }

  let title: String
  var fields: [Field]
  var focused = 0
  /// Reads the fields into the move the form makes, marking each field that is wrong.
  let submit: @Sendable (inout FormReading) -> Move?

  init(title: String, fields: [Field], submit: @escaping @Sendable (inout FormReading) -> Move?) {
    self.title = title
    self.fields = fields
    self.submit = submit
  }

  /// The move the form makes, or nil with an inline error on each field that is wrong.
  mutating func submitIfValid(today: CalendarDay) -> Move? {
    var reading = FormReading(fields: fields.map { $0.text.trimmingCharacters(in: .whitespaces) }, today: today)
    let move = submit(&reading)
    for index in fields.indices { fields[index].error = reading.errors[index] }
    if move == nil, let firstError = fields.firstIndex(where: { $0.error != nil }) { focused = firstError }
    return move
  }
}

/// A form's fields as its `submit` reads them: each reader returns nil and notes the error on
/// the field when the text is not what the move needs.
struct FormReading {
  let fields: [String]
  let today: CalendarDay
  private(set) var errors: [Int: String] = [:]

  init(fields: [String], today: CalendarDay) {
    self.fields = fields
    self.today = today
  }

  func text(_ index: Int) -> String { index < fields.count ? fields[index] : "" }

  func optional(_ index: Int) -> String? { text(index).isEmpty ? nil : text(index) }

  mutating func required(_ index: Int, _ message: String) -> String? {
    guard !text(index).isEmpty else { return fail(index, message) }
    return text(index)
  }

  mutating func date(_ index: Int) -> ByWhen? {
    do { return try DateExpression.parse(text(index), today: today) } catch {
      return fail(index, text(index).isEmpty ? "say by when: fri, +3d, 2026-12-01…" : "not a date: try fri, +3d, eom, 2026-12-01 17:00")
    }
  }

  mutating func handle(_ index: Int) -> Handle? {
    do { return try Handle(text(index)) } catch {
      return fail(index, text(index).isEmpty ? "to whom? a handle like ben" : "not a handle: letters, digits, . _ -")
    }
  }

  /// Whether a reader has noted an error on some field.
  var hasErrors: Bool { !errors.isEmpty }

  /// The key picked in a choice field, one of `keys` (typed in any case); nil when none is
  /// picked (an error on the field when `required`) or when the text is no key (an error).
  mutating func choice(_ index: Int, keys: [String], required: Bool, _ message: String) -> String? {
    let picked = text(index).lowercased()
    guard !picked.isEmpty else { return required ? fail(index, message) : nil }
    guard keys.contains(picked) else { return fail(index, "no such reason: press its number (1–\(min(keys.count, 9))) or type its key") }
    return picked
  }

  /// Notes `message` on the field; nil, for the reader to return.
  mutating func fail<Value>(_ index: Int, _ message: String) -> Value? {
    errors[index] = message
    return nil
  }
}
