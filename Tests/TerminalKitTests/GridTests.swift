import Testing
import TextKit

@testable import TerminalKit

@Suite struct GridTests {
  @Test func textIsCutAtACellBoundaryWithAnEllipsis() {
    var grid = Grid(width: 10, height: 1)
    #expect(grid.put("Ship the onboarding guide", row: 0, column: 0) == 10)
    #expect(grid.text(row: 0) == "Ship the …")
  }

  @Test func aWideCharacterIsNeverSplit() {
    var grid = Grid(width: 8, height: 2)
    grid.put("日本語テキスト", row: 0, column: 0)
    #expect(grid.text(row: 0) == "日本語…")
    grid.put("ab日本", row: 1, column: 3)
    #expect(grid.text(row: 1) == "   ab日…")
    #expect(grid[1, 5].width == 2)
    #expect(grid[1, 6].width == 0)
  }

  @Test func nothingIsWrittenOutsideTheGrid() {
    var grid = Grid(width: 4, height: 2)
    #expect(grid.put("x", row: -1, column: 0) == 0)
    #expect(grid.put("x", row: 2, column: 0) == 0)
    #expect(grid.put("x", row: 0, column: 4) == 0)
    #expect(grid.put("x", row: 0, column: -3) == 0)
    grid.fill(row: 0, column: -5, count: 100, role: .selection)
    grid.restyle(row: 1, column: 2, count: 100, role: .overdue)
    grid.box(Rect(top: -1, left: -1, width: 10, height: 10), title: "big", borders: .unicode)
    #expect(grid.cells.count == 8)
  }

  @Test func controlCharactersAreDrawnEscaped() {
    var grid = Grid(width: 20, height: 1)
    grid.put("a\u{1B}[31mb\u{07}", row: 0, column: 0)
    #expect(grid.text(row: 0) == "a\\e[31mb\\a")
    #expect(!grid.cells.contains { $0.grapheme.unicodeScalars.contains { $0.value < 0x20 } })
  }

  @Test func zeroWidthCharactersNeverMoveWhatFollows() {
    for text in ["a\u{200D}b|", "\u{200B}ab|", "ab\u{2060}|", "\u{202E}ab|", "e\u{301}ab|"] {
      var grid = Grid(width: 30, height: 1)
      let used = grid.put(text, row: 0, column: 0)
      // The cells the grid says it used are the cells its text takes, so a border drawn after it stays in place.
      #expect(used == DisplayWidth.of(grid.text(row: 0).trimmingCharacters(in: .whitespaces)), "\(text)")
      #expect(grid.cells[used - 1].grapheme == "|", "\(text)")
      #expect(!grid.cells.contains { $0.grapheme.unicodeScalars.contains { Escaping.isInvisible($0) } }, "\(text)")
    }
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var grid = Grid(width: 4, height: 1)
    grid.put("日", row: 0, column: 0)
    grid.put("x", row: 0, column: 1)
    #expect(grid.text(row: 0) == " x")
  }

  @Test func boxesHaveUnicodeOrASCIIBordersAndStayAlignedAroundWideText() {
    var grid = Grid(width: 12, height: 3)
    grid.box(Rect(top: 0, left: 0, width: 12, height: 3), title: "日本", borders: .unicode)
    grid.put("李娜 → 日本語テキスト", row: 1, column: 1, limit: 10)
    #expect(grid.text.split(separator: "\n").map(String.init) == ["┌─ 日本 ───┐", "│李娜 → 日…│", "└──────────┘"])
    var ascii = Grid(width: 6, height: 2, isUnicode: false)
    ascii.box(Rect(top: 0, left: 0, width: 6, height: 2), title: "", borders: .ascii)
    ascii.put("abcdefgh", row: 1, column: 0, limit: 4)
    #expect(ascii.text(row: 0) == "+----+")
    #expect(ascii.text(row: 1) == "abc~-+")
  }
}
