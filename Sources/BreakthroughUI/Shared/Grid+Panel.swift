import BreakthroughCore
import TerminalKit

extension Grid {
  /// A cleared, boxed area in the middle of the grid, at most the size asked; returns its frame.
  mutating func panel(_ title: String, width wantedWidth: Int, height wantedHeight: Int, borders: BorderGlyphs) -> Rect {
    let frame = Self.panelFrame(width: width, height: height, wantedWidth: wantedWidth, wantedHeight: wantedHeight)
    for row in frame.top..<(frame.top + frame.height) { fill(row: row, column: frame.left, count: frame.width, role: .text) }
    box(frame, title: title, role: .borderFocus, borders: borders)
    return frame
  }

  /// Where `panel` puts a panel of the size asked on a screen of `width` × `height`: what a
  /// click is matched against.
  static func panelFrame(width: Int, height: Int, wantedWidth: Int, wantedHeight: Int) -> Rect {
    let frameWidth = min(wantedWidth, width - 4)
    let frameHeight = min(wantedHeight, height - 2)
    return Rect(top: max(1, (height - frameHeight) / 2), left: (width - frameWidth) / 2, width: frameWidth, height: frameHeight)
  }

  /// The help overlay: a screen's keys and what each does, read from its action table; when
  /// they do not all fit, from row `scroll` on, and it says how to see the rest.
  mutating func drawHelp(_ rows: [(keys: String, help: String)], title: String, borders: BorderGlyphs, scroll: Int = 0) {
    let frame = panel(title, width: 92, height: rows.count + 4, borders: borders)
    let visible = max(1, frame.height - 4)
    let first = HelpScroll.clamped(scroll, rows: rows.count, visible: visible)
    for (offset, action) in rows.dropFirst(first).prefix(visible).enumerated() {
      let row = frame.top + 1 + offset
      put(action.keys, row: row, column: frame.left + 2, limit: 18, role: .title)
      put(action.help, row: row, column: frame.left + 21, limit: frame.width - 23, role: .text)
    }
    let hint =
      rows.count > visible
      ? "\(first + 1)–\(min(rows.count, first + visible)) of \(rows.count) · j/k or ↓/↑ scroll · Esc, q or ? closes"
      : "Esc, q or ? closes this help"
    put(hint, row: frame.top + frame.height - 2, column: frame.left + 2, limit: frame.width - 4, role: .hint)
  }

  /// Whether the grid is at least the size a screen needs; when not, it says so on the grid.
  mutating func fits(minimumWidth: Int, minimumHeight: Int) -> Bool {
    guard width < minimumWidth || height < minimumHeight else { return true }
    drawTooSmall(minimumWidth: minimumWidth, minimumHeight: minimumHeight)
    return false
  }

  /// Says the terminal is too small, and how small is enough, instead of drawing garbage.
  mutating func drawTooSmall(minimumWidth: Int, minimumHeight: Int) {
    let lines = [
      "Terminal too small: \(width)×\(height)",
      "This screen needs at least \(minimumWidth)×\(minimumHeight).",
      "Enlarge the window, or press q to quit.",
    ]
    let top = max(0, height / 2 - 1)
    for (offset, line) in lines.enumerated() {
      put(line, row: top + offset, column: max(0, (width - DisplayWidth.of(line)) / 2), role: offset == 0 ? .error : .text)
    }
  }
}

/// Where a help overlay taller than the screen is scrolled to.
enum HelpScroll {
  /// `scroll` kept so that the last row is at the bottom at most.
  static func clamped(_ scroll: Int, rows: Int, visible: Int) -> Int {
    max(0, min(scroll, rows - visible))
  }

  /// The new scroll after `key`, or nil when the key closes the help.
  static func after(_ key: Key, scroll: Int, rows: Int) -> Int? {
    switch key {
    case .down, .character("j"), .character(" "), .pageDown: return min(scroll + 1, max(0, rows - 1))
    case .up, .character("k"), .pageUp: return max(0, scroll - 1)
    default: return key.closesPanel ? nil : scroll
    }
  }
}
