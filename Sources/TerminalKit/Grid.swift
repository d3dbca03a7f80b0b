import BreakthroughCore

/// An in-memory screen of cells: what screens render into and what backends draw from.
/// Nothing is ever written outside it.
public struct Grid: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// What marks cut text: `…`, or `~` where only ASCII can be shown.
  public let ellipsis: String

  public init(width: Int, height: Int, isUnicode: Bool = true) {
    self.width = max(0, width)
    self.height = max(0, height)
    ellipsis = isUnicode ? "…" : "~"
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(row: Int, column: Int) -> Cell {
    cells[row * width + column]
  }

  /// Writes `text` from (row, column), at most `limit` cells wide (to the edge when nil),
  /// escaping control characters and ending in `…` when cut. Returns the cells used.
  @discardableResult
  public mutating func put(_ text: String, row: Int, column: Int, limit: Int? = nil, role: Role = .text) -> Int {
    guard row >= 0, row < height, column >= 0, column < width else { return 0 }
    let room = min(limit ?? width - column, width - column)
    guard room > 0 else { return 0 }
    let shown = DisplayWidth.truncate(Escaping.forDisplay(text), to: room, ellipsis: ellipsis)
    var at = column
    for character in shown {
      let cells = DisplayWidth.of(character)
      if cells == 0 { continue }
      guard at + cells <= column + room else { break }
      set(row, at, Cell(grapheme: String(character), width: cells, role: role))
      if cells == 2 { set(row, at + 1, Cell(grapheme: "", width: 0, role: role)) }
      at += cells
    }
    return at - column
  }

  /// Paints `count` blank cells in `role` (a background for a row or a selection bar).
  public mutating func fill(row: Int, column: Int, count: Int, role: Role) {
    guard row >= 0, row < height else { return }
    for at in max(0, column)..<max(max(0, column), min(width, column + count)) {
      set(row, at, Cell(grapheme: " ", width: 1, role: role))
    }
  }

  /// Changes the role of cells already written (to highlight a selected row).
  public mutating func restyle(row: Int, column: Int, count: Int, role: Role) {
    guard row >= 0, row < height else { return }
    for at in max(0, column)..<max(max(0, column), min(width, column + count)) {
      cells[row * width + at].role = role
    }
  }

  /// Draws a box with a title in its top edge.
  public mutating func box(_ frame: Rect, title: String, role: Role = .border, titleRole: Role = .title, borders: BorderGlyphs) {
    guard frame.width >= 2, frame.height >= 2 else { return }
    let right = frame.left + frame.width - 1, bottom = frame.top + frame.height - 1
    for column in frame.left...right {
      put(borders.horizontal, row: frame.top, column: column, limit: 1, role: role)
      put(borders.horizontal, row: bottom, column: column, limit: 1, role: role)
    }
    for row in frame.top...bottom {
      put(borders.vertical, row: row, column: frame.left, limit: 1, role: role)
      put(borders.vertical, row: row, column: right, limit: 1, role: role)
    }
    put(borders.topLeft, row: frame.top, column: frame.left, limit: 1, role: role)
    put(borders.topRight, row: frame.top, column: right, limit: 1, role: role)
    put(borders.bottomLeft, row: bottom, column: frame.left, limit: 1, role: role)
    put(borders.bottomRight, row: bottom, column: right, limit: 1, role: role)
    if !title.isEmpty, frame.width > 6 {
      put(" \(title) ", row: frame.top, column: frame.left + 2, limit: frame.width - 4, role: titleRole)
    }
  }

  /// The text of one row, as a person would read it off the screen (trailing spaces trimmed).
  public func text(row: Int) -> String {
    var line = ""
    for column in 0..<width where self[row, column].width > 0 {
      line += self[row, column].grapheme
    }
    while line.last == " " { line.removeLast() }
    return line
  }

  /// Every row's text, one a line: what golden-screen tests compare.
  public var text: String {
    (0..<height).map(text(row:)).joined(separator: "\n")
  }

  private mutating func set(_ row: Int, _ column: Int, _ cell: Cell) {
    let index = row * width + column
    // Overwriting half of a wide character blanks the other half.
    if cells[index].width == 2, column + 1 < width { cells[index + 1] = .blank }
    if cells[index].width == 0, column > 0, cells[index - 1].width == 2 { cells[index - 1] = .blank }
    cells[index] = cell
  }
}

/// A rectangle of cells.
public struct Rect: Equatable, Sendable {
  public var top: Int
  public var left: Int
  public var width: Int
  public var height: Int

  public init(top: Int, left: Int, width: Int, height: Int) {
    self.top = top
    self.left = left
    self.width = width
    self.height = height
  }
}

/// The characters boxes are drawn with: line drawing in a UTF-8 locale, ASCII elsewhere.
public struct BorderGlyphs: Sendable {
  public let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String

  public static let unicode = BorderGlyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
  public static let ascii = BorderGlyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
}
