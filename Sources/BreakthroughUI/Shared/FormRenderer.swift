import BreakthroughCore
import TerminalKit

extension Form {
  /// Draws the form as a panel in the middle of the grid, with each field's error or hint.
  func draw(into grid: inout Grid, glyphs: Glyphs) {
    let frame = grid.panel(title, width: 78, height: fields.count * 3 + 4, borders: glyphs.borders)
    let labelWidth = (fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
    for (index, field) in fields.enumerated() {
      let row = frame.top + 1 + index * 3
      guard row + 1 < frame.top + frame.height - 1 else { break }
      let isFocused = index == focused
      grid.put(field.label, row: row, column: frame.left + 2, limit: labelWidth, role: isFocused ? .title : .text)
      let inputLeft = frame.left + 2 + labelWidth
      let inputWidth = frame.width - 4 - labelWidth
      grid.fill(row: row, column: inputLeft, count: inputWidth, role: .input)
      let shown = field.text + (isFocused ? "_" : "")
      // Keep the end of a long entry in view: that is where the typing is.
      let visible = DisplayWidth.of(shown) > inputWidth ? String(shown.suffix(inputWidth - 1)) : shown
      grid.put(visible, row: row, column: inputLeft, limit: inputWidth, role: .input)
      if let error = field.error {
        grid.put("\(glyphs.overdue) \(error)", row: row + 1, column: inputLeft, limit: inputWidth, role: .error)
      } else if isFocused, !field.hint.isEmpty {
        grid.put(field.hint, row: row + 1, column: inputLeft, limit: inputWidth, role: .hint)
      }
    }
    grid.put(
      "Tab/Enter next field · Enter on the last saves · Esc cancels", row: frame.top + frame.height - 2,
      column: frame.left + 2, limit: frame.width - 4, role: .hint)
  }
}
