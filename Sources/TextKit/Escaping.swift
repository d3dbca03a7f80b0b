/// Makes stored text safe to print: control characters are shown escaped, never raw.
///
/// Text is stored as given; this is applied at every output (table, tsv, show, log, screens).
public enum Escaping {
  /// `text` with every C0 and C1 control character (and DEL) written as an escape
  /// (`\e`, `\a`, `\n`, `\t`, `\r`, `\\u{9b}` …). Returns `text` itself when there are none.
  public static func forDisplay(_ text: String) -> String {
    guard containsControl(text) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      guard isControl(scalar) else {
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
  /// single bytes, and C1 controls are 0xC2 followed by 0x80…0x9F.
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
    ) { containsControl($0) }
    return found ?? containsControl(text.utf8)
  }

  private static func containsControl<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
    var afterC2 = false
    for byte in bytes {
      if byte < 0x20 || byte == 0x7F || (afterC2 && byte <= 0x9F && byte >= 0x80) { return true }
      afterC2 = byte == 0xC2
    }
    return false
  }

  /// True for C0 controls, DEL and C1 controls.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}
