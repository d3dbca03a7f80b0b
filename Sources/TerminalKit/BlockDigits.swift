/// Large digits for a wall display, five rows high, drawn with one block glyph.
public enum BlockDigits {
  public static let height = 5

  private static let font: [Character: [String]] = [
    "0": [" xxx ", "x   x", "x   x", "x   x", " xxx "],
    "1": ["  x  ", " xx  ", "  x  ", "  x  ", " xxx "],
    "2": [" xxx ", "x   x", "  xx ", " x   ", "xxxxx"],
    "3": ["xxxx ", "    x", " xxx ", "    x", "xxxx "],
    "4": ["x   x", "x   x", "xxxxx", "    x", "    x"],
    "5": ["xxxxx", "x    ", "xxxx ", "    x", "xxxx "],
    "6": [" xxx ", "x    ", "xxxx ", "x   x", " xxx "],
    "7": ["xxxxx", "    x", "   x ", "  x  ", "  x  "],
    "8": [" xxx ", "x   x", " xxx ", "x   x", " xxx "],
    "9": [" xxx ", "x   x", " xxxx", "    x", " xxx "],
    "-": ["     ", "     ", " xxx ", "     ", "     "],
  ]

  /// Cells `text` takes: five a character and one between characters.
  public static func width(of text: String) -> Int {
    text.isEmpty ? 0 : text.count * 6 - 1
  }

  /// The rows of `text` in large type, or nil when a character has no large form.
  public static func rows(for text: String, glyph: Character) -> [String]? {
    var rows = Array(repeating: "", count: height)
    for (index, character) in text.enumerated() {
      guard let shape = font[character] else { return nil }
      for row in 0..<height {
        rows[row] += (index == 0 ? "" : " ") + String(shape[row].map { $0 == "x" ? glyph : " " })
      }
    }
    return rows
  }
}

extension Grid {
  /// Draws `text` in block digits with its top-left at (row, column); false when it has no
  /// large form or does not fit, and then nothing is drawn.
  @discardableResult
  public mutating func putBlock(_ text: String, row: Int, column: Int, role: Role) -> Bool {
    guard let rows = BlockDigits.rows(for: text, glyph: isUnicode ? "█" : "#"),
      row >= 0, column >= 0, row + BlockDigits.height <= height, column + BlockDigits.width(of: text) <= width
    else { return false }
    for (offset, line) in rows.enumerated() { put(line, row: row + offset, column: column, role: role) }
    return true
  }
}
