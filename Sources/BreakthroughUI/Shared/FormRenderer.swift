import BreakthroughCore
import TerminalKit

extension Form {
  /// Draws the form as a panel in the middle of the grid, with each field's error or hint; a
  /// field with a numbered list shows the list in place of a line to type on.
  func draw(into grid: inout Grid, glyphs: Glyphs) {
    let frame = grid.panel(title, width: 78, height: fields.map(\.height).reduce(0, +) + 4, borders: glyphs.borders)
    let labelWidth = (fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
    let inputLeft = frame.left + 2 + labelWidth
    let inputWidth = frame.width - 4 - labelWidth
    var row = frame.top + 1
    for (index, field) in fields.enumerated() {
      guard row + field.height - 1 < frame.top + frame.height - 1 else { break }
      let isFocused = index == focused
      grid.put(field.label, row: row, column: frame.left + 2, limit: labelWidth, role: isFocused ? .title : .text)
      let below: Int
      if field.choices.isEmpty {
        grid.fill(row: row, column: inputLeft, count: inputWidth, role: .input)
        let shown = field.text + (isFocused ? "_" : "")
        // Keep the end of a long entry in view: that is where the typing is.
        let visible = DisplayWidth.of(shown) > inputWidth ? String(shown.suffix(inputWidth - 1)) : shown
        grid.put(visible, row: row, column: inputLeft, limit: inputWidth, role: .input)
        below = row + 1
      } else {
        let mark = glyphs.isUnicode ? "›" : ">"
        below = field.drawChoices(into: &grid, row: row, left: inputLeft, width: inputWidth, isFocused: isFocused, mark: mark)
      }
      if let error = field.error {
        grid.put("\(glyphs.overdue) \(error)", row: below, column: inputLeft, limit: inputWidth, role: .error)
      } else if isFocused, !field.shownHint.isEmpty {
        grid.put(field.shownHint, row: below, column: inputLeft, limit: inputWidth, role: .hint)
      }
      row += field.height
    }
    grid.put(
      "Tab/Enter next field · Enter on the last saves · Esc cancels", row: frame.top + frame.height - 2,
      column: frame.left + 2, limit: frame.width - 4, role: .hint)
  }
}

extension Form.Field {
  /// The rows the field takes: a line to type on, its hint and a space; or its numbered list
  /// (in two columns beyond eight) and its hint.
  var height: Int { choices.isEmpty ? 3 : listRows + 1 }

  private var listRows: Int { choices.count <= 8 ? choices.count : (choices.count + 1) / 2 }

  /// Draws the numbered list from `row`, the pick marked with `mark` (not by colour alone);
  /// returns the row after it.
  fileprivate func drawChoices(into grid: inout Grid, row: Int, left: Int, width: Int, isFocused: Bool, mark: String) -> Int {
    let columns = choices.count <= 8 ? 1 : 2
    let cellWidth = columns == 1 ? width : (width - 1) / 2
    let keyWidth = (choices.map { DisplayWidth.of($0.key) }.max() ?? 0) + 2
    for (index, choice) in choices.enumerated() {
      let cellRow = row + index % listRows
      let cellLeft = left + (index / listRows) * (cellWidth + 1)
      let number = index < 9 ? "\(index + 1)" : " "
      let key = choice.key.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
      let isPicked = text.lowercased() == choice.key
      grid.put(
        "\(isPicked ? mark : " ")\(number) \(key)\(choice.words)", row: cellRow, column: cellLeft, limit: cellWidth,
        role: isPicked ? .selection : (isFocused ? .text : .dim))
    }
    return row + listRows
  }

  /// What shows under the field while it is focused: a key being typed into a numbered list, or the hint.
  fileprivate var shownHint: String {
    guard !choices.isEmpty, !text.isEmpty, !choices.contains(where: { $0.key == text.lowercased() }) else { return hint }
    return text + "_"
  }
}
