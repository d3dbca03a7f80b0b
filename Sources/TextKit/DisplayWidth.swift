/// How many terminal cells text takes: East Asian wide and emoji characters take two,
/// combining marks none. Used wherever text is aligned in columns.
public enum DisplayWidth {
  /// The cells one grapheme cluster takes (0, 1 or 2).
  public static func of(_ character: Character) -> Int {
    // Most text is ASCII: one cell each, without looking up Unicode properties.
    if character.isASCII { return 1 }
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    // Box drawing, Latin, Greek, Cyrillic, arrows and punctuation alone: one cell, no lookup.
    if isNarrowAlone(first.value), character.utf8.count == UTF8.width(first) { return 1 }
    if scalars.contains("\u{FE0F}") || first.properties.isEmojiPresentation { return 2 }
    if isWide(first.value) { return 2 }
    if isZeroWidth(first) { return 0 }
    return 1
  }

  /// The cells `text` takes.
  public static func of(_ text: String) -> Int {
    if isASCII(text) { return text.utf8.count }
    // Text in scripts whose characters are each one code point (Latin, Greek, Cyrillic, CJK,
    // kana, Hangul syllables): a cell count by code point, without finding the characters'
    // bounds, which was most of the cost of a long table. Anything else is counted by character.
    var cells = 0
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if (0x20..<0x7F).contains(value) || isNarrowAlone(value) {
        cells += 1
      } else if isWideAlone(value) {
        cells += 2
      } else {
        return text.reduce(0) { $0 + of($1) }
      }
    }
    return cells
  }

  /// Wide, and never joined to a neighbour in one character: not the Hangul jamo that begin a
  /// syllable (U+1100–U+115F, U+A960–U+A97F) nor the tone marks that follow one (U+302E–U+302F).
  static func isWideAlone(_ value: UInt32) -> Bool {
    isWide(value) && !(0x1100...0x115F).contains(value) && !(0xA960...0xA97F).contains(value) && !(0x302E...0x302F).contains(value)
  }

  /// `text` cut to at most `width` cells, ending in `ellipsis` when cut; a wide character is never split.
  public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if isASCII(text) {
      return text.utf8.count <= width ? text : String(decoding: text.utf8.prefix(width - 1), as: UTF8.self) + ellipsis
    }
    guard of(text) > width else { return text }
    var result = ""
    var used = 0
    for character in text {
      let cells = of(character)
      if used + cells > width - 1 { break }
      result.append(character)
      used += cells
    }
    return result + ellipsis
  }

  /// Whether every byte is ASCII (so that every character is one byte and one cell; "\r\n" aside).
  public static func isASCII(_ text: String) -> Bool {
    let checked = WordScan.after(text, wordsWhere: { $0 & 0x8080_8080_8080_8080 == 0 }) { $0.allSatisfy { $0 < 0x80 } }
    return checked ?? text.utf8.allSatisfy { $0 < 0x80 }
  }

  static func isNarrowAlone(_ value: UInt32) -> Bool {
    switch value {
    // The Cyrillic combining marks (U+0483–U+0489) take no cell, so they are left out.
    case 0x00A0...0x02FF, 0x0370...0x0482, 0x048A...0x04FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF, 0x2500...0x25FC:
      return true
    default: return false
    }
  }

  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return scalar.value == 0x200B
    }
  }

  static func isWide(_ value: UInt32) -> Bool {
    switch value {
    // The combining marks among them (U+302A–U+302D, U+3099–U+309A) take no cell; emoji are
    // wide by their presentation property, as the C library's `wcwidth` has them.
    case 0x1100...0x115F, 0x2E80...0x3029, 0x302E...0x303E, 0x3041...0x3098, 0x309B...0x33FF, 0x3400...0x4DBF,
      0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
      0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}
