import BreakthroughCore

/// People's text placed in an HTML page: read back as the same words, never as markup.
enum HTMLText {
  /// `&`, `<`, `>` and both quotes as character references (safe in text and in quoted
  /// attributes alike), and control characters as visible escapes (`\e`), which HTML would
  /// otherwise drop or refuse.
  static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in Escaping.forDisplay(text) {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }
}
