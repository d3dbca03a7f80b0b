/// Makes stored text safe to print: control characters and invisible format characters are
/// shown escaped, never raw.
///
/// Text is stored as given; this is applied at every output (table, tsv, show, log, screens).
public enum Escaping {
  /// `text` with every C0 and C1 control character (and DEL), and every invisible format
  /// character (bidi overrides and isolates, zero-width spaces and joiners, the byte order mark,
  /// line and paragraph separators), written as an escape (`\e`, `\a`, `\n`, `\t`, `\r`,
  /// `\\u{9b}`, `\\u{202e}` …). Returns `text` itself when there are none.
  public static func forDisplay(_ text: String) -> String {
    guard containsControl(text) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      guard isControl(scalar) || isInvisible(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar.value {
      case 0x1B: result += "\\e"
      case 0x07: result += "\\a"
      case 0x0A: result += "\\n"
      case 0x09: result += "\\t"
      case 0x0D: result += "\\r"
      default: result += "\\u{\(String(scalar.value, radix: 16))}"
      }
    }
    return result
  }

  /// Looks at the UTF-8 bytes, which is much faster than at scalars: C0 controls and DEL are
  /// single bytes, and C1 controls are 0xC2 followed by 0x80…0x9F. Format characters are
  /// looked for by scalar, only in text that has bytes beyond ASCII.
  static func containsControl(_ text: String) -> Bool {
    // A word of printable ASCII holds no control: every byte below 0x20 is found exactly, and
    // a word with a byte from 0x7F up is looked at byte by byte.
    let found = WordScan.after(
      text,
      wordsWhere: { word in
        let belowSpace = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
        let fromDelete = ((word &+ 0x0101_0101_0101_0101) | word) & 0x8080_8080_8080_8080
        return belowSpace == 0 && fromDelete == 0
      }
    ) { scan($0) }
    switch found ?? scan(text.utf8) {
    case .control: return true
    case .plain: return false
    case .beyondASCII: return text.unicodeScalars.contains { isInvisible($0) }
    }
  }

  private enum Scanned { case control, plain, beyondASCII }

  private static func scan<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Scanned {
    var afterC2 = false
    var beyondASCII = false
    for byte in bytes {
      if byte < 0x20 || byte == 0x7F || (afterC2 && byte <= 0x9F && byte >= 0x80) { return .control }
      afterC2 = byte == 0xC2
      beyondASCII = beyondASCII || byte >= 0xC2
    }
    return beyondASCII ? .beyondASCII : .plain
  }

  /// True for characters that change how text around them is shown without being seen: format
  /// characters (Unicode's Cf: bidi controls U+202A–202E and U+2066–2069, U+200B–200F, U+2060,
  /// U+FEFF …) and the line and paragraph separators.
  public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    // Most scripts (Latin, Greek, Cyrillic, Indic, CJK, Hangul) hold none: no property lookup.
    switch scalar.value {
    case 0..<0xAD, 0xAE..<0x600, 0x900..<0x180E, 0x1810..<0x200B, 0x2070..<0xFEFF: return false
    default: break
    }
    switch scalar.properties.generalCategory {
    case .format, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
  }

  /// True for C0 controls, DEL and C1 controls.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}
