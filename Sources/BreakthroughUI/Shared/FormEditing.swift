import BreakthroughCore
import TerminalKit

extension Form {
  /// Where a form is after a key.
  enum Step: Equatable {
    case editing
    case cancelled
    case submitted(Move)
    case quit
  }

  /// Takes one key: typing edits the focused field, Tab or Enter moves on, Enter on the last
  /// field (or on an empty field that ends the form) submits when every field is valid.
  mutating func handle(_ key: Key, today: CalendarDay) -> Step {
    switch key {
    case .escape:
      return .cancelled
    case .control("c"):
      return .quit
    case .tab, .down:
      focused = min(focused + 1, fields.count - 1)
    case .backTab, .up:
      focused = max(focused - 1, 0)
    case .enter:
      let endsHere = fields[focused].endsFormWhenEmpty && fields[focused].text.trimmingCharacters(in: .whitespaces).isEmpty
      guard focused == fields.count - 1 || endsHere else {
        focused += 1
        return .editing
      }
      return submitIfValid(today: today).map(Step.submitted) ?? .editing
    case .backspace:
      if !fields[focused].text.isEmpty { fields[focused].text.removeLast() }
    case .control("u"):
      fields[focused].text = ""
    case .character(let character):
      if let picked = pick(character) {
        fields[focused].text = picked
        fields[focused].error = nil
        return handle(.enter, today: today)
      }
      fields[focused].text.append(character)
      fields[focused].error = nil
    default:
      break
    }
    return .editing
  }
}

extension Form {
  /// The key of the choice `character` numbers on the focused field (1 to 9), when the field
  /// has a numbered list and nothing typed yet: one key picks it.
  private func pick(_ character: Character) -> String? {
    let field = fields[focused]
    guard !field.choices.isEmpty, field.text.isEmpty, let number = character.wholeNumberValue, character.isASCII,
      (1...min(9, field.choices.count)).contains(number)
    else { return nil }
    return field.choices[number - 1].key
  }

  /// Pasted text goes into the focused field as text: line breaks and tabs become spaces,
  /// other control characters are dropped, and nothing is submitted.
  mutating func paste(_ text: String) {
    fields[focused].text += Self.oneLine(text)
    fields[focused].error = nil
  }

  /// Text for a one-line field: a CRLF, a line break or a tab is a space, other control
  /// characters go.
  static func oneLine(_ text: String) -> String {
    var line = ""
    for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
      if scalar == "\n" || scalar == "\r" || scalar == "\t" {
        line += " "
      } else if !Escaping.isControl(scalar) {
        line.unicodeScalars.append(scalar)
      }
    }
    return line
  }
}

extension Form.Step {
  /// Whether the form is done with, either way.
  var closesForm: Bool { self != .editing }

  /// What the screen holding the form should ask of the loop.
  var effects: [ScreenEffect] {
    switch self {
    case .submitted(let request): return [.perform(request)]
    case .quit: return [.quit]
    case .editing, .cancelled: return []
    }
  }

  /// A line for the status bar, if the step deserves one.
  var note: String? { self == .cancelled ? "cancelled; nothing was written" : nil }
}

extension Form {
  /// Runs one key on a form that stands over a screen: while it stays open `wrap` puts it
  /// back as the overlay; once it closes the overlay goes, and a cancel says nothing was written.
  static func step<Overlay>(
    _ form: Form, key: Key, today: CalendarDay, overlay: inout Overlay?,
    frame: inout ScreenFrame, wrap: (Form) -> Overlay
  ) -> [ScreenEffect] {
    var form = form
    let step = form.handle(key, today: today)
    overlay = step.closesForm ? nil : wrap(form)
    if let note = step.note { frame.status = .note(note) }
    if case .submitted = step { frame.unrecordedForm = form }
    return step.effects
  }
}

extension Key {
  /// The keys that close a help or detail panel.
  var closesPanel: Bool {
    [.escape, .enter, .character("q"), .character("?")].contains(self)
  }
}
