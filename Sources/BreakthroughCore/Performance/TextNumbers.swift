/// Each text's position in a list of texts (the first of texts that are equal), for a snapshot
/// that writes people and history summaries by number.
///
/// A snapshot looks up the people of every promise and the people and summary of every entry
/// of its past: at 100,000 promises, about a million lookups, and a `Dictionary` hashed each
/// whole text through `Hasher`, a fifth of writing it. A text is looked up in a `TextTable`
/// that holds the dictionary's answer for each text of the list; one not found there (é as two
/// code points where the list has it as one: equal, but other bytes) is asked of the dictionary.
struct TextNumbers: Sendable {
  private let first: [String: Int]
  private var table = TextTable<Int>()

  init(_ texts: [String]) {
    first = Dictionary(texts.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    for text in texts { table.insert(text, first[text] ?? -1) }
  }

  /// The position of the first text in the list equal to `text`; nil when none is.
  subscript(text: String) -> Int? {
    table[text] ?? first[text]
  }
}
