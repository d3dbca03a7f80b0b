import BreakthroughCore

/// Comma-separated values as RFC 4180 writes them: a header row, CRLF line ends, and fields
/// quoted when they hold a quote, a comma, CR or LF (quotes doubled).
///
/// A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, TAB or CR as a formula, so
/// text from people gets a leading `'` there unless `guardsFormulas` is off; numbers and dates
/// written by the program are passed as `plain` and never changed.
public struct CSVWriter {
  public private(set) var text = ""
  private var atLineStart = true
  let guardsFormulas: Bool

  public init(guardsFormulas: Bool = true) {
    self.guardsFormulas = guardsFormulas
  }

  /// A cell of people's text. Line breaks and tabs stay (a quoted cell holds them); other
  /// control characters are written as visible escapes, as everywhere else.
  public mutating func field(_ text: String) {
    let value = Self.visible(text)
    let guarded = guardsFormulas && value.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true
    plain(guarded ? "'" + value : value)
  }

  /// A cell the program wrote (a number, a date, a state): never starts a formula.
  public mutating func plain(_ value: String) {
    if !atLineStart { text += "," }
    atLineStart = false
    if value.contains(where: { $0 == "\"" || $0 == "," || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
      text += "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    } else {
      text += value
    }
  }

  static func visible(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if (Escaping.isControl(scalar) || Escaping.isInvisible(scalar)) && !"\t\n\r".unicodeScalars.contains(scalar) {
        result += Escaping.forDisplay(String(scalar))
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  public mutating func endRow() {
    text += "\r\n"
    atLineStart = true
  }
}
