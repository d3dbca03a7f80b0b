import BreakthroughCore
import Testing

@Suite struct TextTests {
  @Test func controlCharactersAreShownEscaped() {
    let hostile = "red \u{1B}[31mALERT\u{07}\u{9B}2J tab\there\nnext\u{7F}"
    let shown = Escaping.forDisplay(hostile)
    #expect(shown == "red \\e[31mALERT\\a\\u{9b}2J tab\\there\\nnext\\u{7f}")
    #expect(!shown.unicodeScalars.contains(where: Escaping.isControl))
    #expect(Escaping.forDisplay("plain 日本語") == "plain 日本語")
  }

  @Test func invisibleFormatCharactersAreShownEscaped() {
    let hostile = "pay \u{202E}0001\u{202C} to \u{2066}ana\u{2069} zero\u{200B}width\u{200D}joined\u{FEFF}\u{2060}\u{2028}end\u{E0041}"
    let shown = Escaping.forDisplay(hostile)
    #expect(
      shown
        == "pay \\u{202e}0001\\u{202c} to \\u{2066}ana\\u{2069} zero\\u{200b}width\\u{200d}joined\\u{feff}\\u{2060}\\u{2028}end\\u{e0041}")
    #expect(!shown.unicodeScalars.contains(where: Escaping.isInvisible))
    for visible in ["Ünïcödé ñ", "日本語 한국어 ελληνικά русский", "עברית العربية हिन्दी", "🎉 👍🏽"] {
      #expect(Escaping.forDisplay(visible) == visible, "\(visible)")
    }
    // Every format character, wherever it stands, as the scalar-by-scalar definition says.
    for value in [0xAD, 0x600, 0x61C, 0x180E, 0x200E, 0x202A, 0x2064, 0x206F, 0xFFF9, 0x110BD, 0x1D173, 0xE0001] {
      let scalar = Unicode.Scalar(value)!
      #expect(Escaping.isInvisible(scalar), "U+\(String(value, radix: 16))")
      #expect(Escaping.forDisplay("x" + String(scalar) + "y") == "x\\u{\(String(value, radix: 16))}y")
    }
  }

  @Test func jsonRoundTripsEveryScalarKind() throws {
    let value = JSONValue.object([
      ("text", .string("quote \" backslash \\ esc \u{1B} line\nsep \u{2028} 日本 🎉")), ("n", .number(12)), ("x", .number(-1.5)),
      ("yes", .bool(true)), ("none", .null), ("list", .array([.number(1), .string("a"), .object([])])),
    ])
    let text = JSONWriter.text(value)
    #expect(!text.unicodeScalars.contains(where: Escaping.isControl))
    #expect(try JSONParser.parse(text) == value)
    #expect(try JSONParser.parse(JSONWriter.prettyText(value)) == value)
  }

  @Test(arguments: [
    "", "{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "\"\u{01}\"", "\"\\x\"", "nul", "01x", "{} {}",
    "\"\\ud800\"", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
  ])
  func malformedJSONIsRefused(_ text: String) {
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
  }

  @Test func surrogatePairsJoin() throws {
    #expect(try JSONParser.parse("\"\\ud83c\\udf89\"") == .string("🎉"))
  }

  @Test func displayWidthCountsWideCharactersTwice() {
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.of("日本語") == 6)
    #expect(DisplayWidth.of("🎉") == 2)
    #expect(DisplayWidth.of("é") == 1)
    #expect(DisplayWidth.truncate("日本語テキスト", to: 7) == "日本語…")
  }

  @Test func handlesAreFoldedAndChecked() throws {
    #expect(try Handle("@Ana").text == "ana")
    #expect(throws: Refusal.self) { try Handle("") }
    #expect(throws: Refusal.self) { try Handle("ana smith") }
    #expect(throws: Refusal.self) { try Handle("-ana") }
    #expect(throws: Refusal.self) { try Handle("ana\u{1B}") }
  }

  @Test func aControlCharacterIsFoundWhereverItStands() {
    // Long runs of printable text are looked at eight bytes at a time: a control anywhere in
    // them, next to any neighbours, must still be found, and none made up.
    let pool: [Unicode.Scalar] = [
      "a", " ", "~", "\u{7E}", "é", "\u{A0}", "日", "✅", "\u{1B}", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{85}", "\t",
    ]
    var seed: UInt64 = 7
    for _ in 0..<4_000 {
      var text = String(repeating: "x", count: Int(seed % 19))
      for _ in 0..<Int(seed % 5) {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text.unicodeScalars.append(pool[Int(seed >> 33) % pool.count])
        text += String(repeating: "y", count: Int(seed >> 40) % 11)
      }
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let hasControl = text.unicodeScalars.contains(where: Escaping.isControl)
      #expect((Escaping.forDisplay(text) != text) == hasControl, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }
}
