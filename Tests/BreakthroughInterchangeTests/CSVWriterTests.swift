import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughInterchange

@Suite("CSV")
struct CSVWriterTests {
  static let reader = """
    import sys, csv, json
    with open(sys.argv[1], newline='', encoding='utf-8') as f:
        print(json.dumps(list(csv.reader(f, strict=True))))
    """

  func read(_ text: String) throws -> [[String]] {
    try #require(try IndependentReader.pythonJSON(Self.reader, input: Data(text.utf8)) as? [[String]])
  }

  static let cells = [
    "plain", "comma, inside", "\"quoted\" twice \"\"", "line\nbreak", "crlf\r\nbreak", "李娜 wide", "emoji 🎉", "semi;colon", "", " spaced ",
  ]

  @Test("Python's csv module reads back every cell as written, row by row", .needs(.python))
  func readBack() throws {
    var writer = CSVWriter()
    for cell in Self.cells { writer.field(cell) }
    writer.endRow()
    writer.plain("2026-12-01")
    writer.field("second row")
    writer.endRow()
    #expect(writer.text.hasSuffix("\r\n"))
    let rows = try read(writer.text)
    #expect(rows == [Self.cells, ["2026-12-01", "second row"]])
  }

  @Test("a cell a spreadsheet would run as a formula gets a leading quote; --raw writes it as it is", .needs(.python))
  func formulaGuard() throws {
    let dangerous = ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tTab", "\rCR"]
    var guarded = CSVWriter()
    var raw = CSVWriter(guardsFormulas: false)
    for cell in dangerous {
      guarded.field(cell)
      raw.field(cell)
    }
    guarded.plain("-3")
    guarded.endRow()
    raw.endRow()
    #expect(try read(guarded.text) == [dangerous.map { "'" + $0 } + ["-3"]])
    #expect(try read(raw.text) == [dangerous])
  }

  @Test("control characters other than line breaks and tabs are written as visible escapes", .needs(.python))
  func controls() throws {
    var writer = CSVWriter()
    writer.field("red \u{1B}[31m bell \u{07} c1 \u{9B}")
    writer.endRow()
    #expect(!writer.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
    #expect(try read(writer.text) == [["red \\e[31m bell \\a c1 \\u{9b}"]])
  }
}
