import BreakthroughCore

/// People's text placed inside a Markdown line: read back as the same words, never as markup.
enum MarkdownText {
  /// Line breaks become spaces (a list item is one line), control characters visible escapes,
  /// and every character that could start emphasis, code, a link, raw HTML, an entity or a
  /// table cell is backslash-escaped, as CommonMark allows for any ASCII punctuation.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in Escaping.forDisplay(
      text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))
    {
      if "\\`*_[]<>|~&#!".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }
}
