import BreakthroughCore

/// JSON for the person's terminal: the writer's text with every invisible format character
/// (bidi overrides and isolates, zero-width characters) written as a `\u` escape, which any
/// JSON reader reads back as the same character. Outside its strings JSON is ASCII, so the
/// whole text can be rewritten.
enum JSONOutput {
  static func text(_ value: JSONValue) -> String {
    escapingInvisible(JSONWriter.prettyText(value))
  }

  /// JSON text already written, with its invisible format characters as `\u` escapes.
  static func escapingInvisible(_ written: String) -> String {
    guard written.unicodeScalars.contains(where: Escaping.isInvisible) else { return written }
    var result = ""
    result.reserveCapacity(written.utf8.count + 16)
    for scalar in written.unicodeScalars {
      guard Escaping.isInvisible(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      for unit in String(scalar).utf16 {
        let hex = String(unit, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
    return result
  }
}
