import BreakthroughCore
import TerminalKit

extension Grid {
  /// A cleared, boxed area in the middle of the grid, at most the size asked; returns its frame.
  mutating func panel(_ title: String, width wantedWidth: Int, height wantedHeight: Int, borders: BorderGlyphs) -> Rect {
    let frameWidth = min(wantedWidth, width - 4), frameHeight = min(wantedHeight, height - 2)
    let frame = Rect(top: max(1, (height - frameHeight) / 2), left: (width - frameWidth) / 2, width: frameWidth, height: frameHeight)
    for row in frame.top..<(frame.top + frame.height) { fill(row: row, column: frame.left, count: frame.width, role: .text) }
    box(frame, title: title, role: .borderFocus, borders: borders)
    return frame
  }

  /// The help overlay: a screen's keys and what each does, read from its action table.
  mutating func drawHelp(_ rows: [(keys: String, help: String)], title: String, borders: BorderGlyphs) {
    let frame = panel(title, width: 92, height: rows.count + 4, borders: borders)
    for (offset, action) in rows.enumerated() where offset < frame.height - 4 {
      let row = frame.top + 1 + offset
      put(action.keys, row: row, column: frame.left + 2, limit: 18, role: .title)
      put(action.help, row: row, column: frame.left + 21, limit: frame.width - 23, role: .text)
    }
    put("Esc, q or ? closes this help", row: frame.top + frame.height - 2, column: frame.left + 2, role: .hint)
  }
}
