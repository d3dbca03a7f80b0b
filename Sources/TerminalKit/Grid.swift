import TextKit

/// An in-memory screen of cells: what screens render into and what backends draw from.
/// Nothing is ever written outside it.
public struct Grid: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// What marks cut text: `…`, or `~` where only ASCII can be shown.
  public let ellipsis: String
  /// Whether the terminal shows non-ASCII glyphs (else everything drawn is ASCII).
  public let isUnicode: Bool

  public init(width: Int, height: Int, isUnicode: Bool = true) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.isUnicode = isUnicode
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
    let safe = Escaping.forDisplay(text)
    if DisplayWidth.isASCII(safe) { return putASCII(safe, row: row, column: column, room: room, role: role) }
    let shown = DisplayWidth.truncate(safe, to: room, ellipsis: ellipsis)
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

  /// The common case, one byte a cell: no grapheme breaking and no width lookups, which is
  /// most of the cost of a frame otherwise.
  private mutating func putASCII(_ text: String, row: Int, column: Int, room: Int, role: Role) -> Int {
    let count = text.utf8.count
    let shown = count <= room ? count : room - 1
    var at = column
    for byte in text.utf8.prefix(shown) {
      set(row, at, Cell(grapheme: Grid.asciiGraphemes[Int(byte)], width: 1, role: role))
      at += 1
    }
    if count > room {
      set(row, at, Cell(grapheme: ellipsis, width: 1, role: role))
      at += 1
    }
    return at - column
  }

  private static let asciiGraphemes: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

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
    let right = frame.left + frame.width - 1
    let bottom = frame.top + frame.height - 1
    // Border glyphs are one cell each: set them directly, not through `put`, a cell at a time.
    func glyph(_ text: String, _ row: Int, _ column: Int) {
      guard row >= 0, row < height, column >= 0, column < width else { return }
      set(row, column, Cell(grapheme: text, width: 1, role: role))
    }
    for column in frame.left...right {
      glyph(borders.horizontal, frame.top, column)
      glyph(borders.horizontal, bottom, column)
    }
    for row in frame.top...bottom {
      glyph(borders.vertical, row, frame.left)
      glyph(borders.vertical, row, right)
    }
    glyph(borders.topLeft, frame.top, frame.left)
    glyph(borders.topRight, frame.top, right)
    glyph(borders.bottomLeft, bottom, frame.left)
    glyph(borders.bottomRight, bottom, right)
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

  /// Whether the cell at `row`, `column` is inside, borders included.
  public func contains(row: Int, column: Int) -> Bool {
    row >= top && row < top + height && column >= left && column < left + width
  }
}

/// The characters boxes are drawn with: line drawing in a UTF-8 locale, ASCII elsewhere.
public struct BorderGlyphs: Sendable {
  public let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String

  public static let unicode = BorderGlyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
  public static let ascii = BorderGlyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
}
