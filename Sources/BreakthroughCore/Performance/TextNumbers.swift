/// Each text's position in a list of texts (the first of texts that are equal), for a snapshot
/// that writes people and history summaries by number.
///
/// A snapshot looks up the people of every promise and the people and summary of every entry
/// of its past: at 100,000 promises, about a million lookups, and a `Dictionary` hashed each
/// whole text through `Hasher`, a fifth of writing it. A text is looked up by a fast hash of
/// its bytes in an open-addressed table that holds the dictionary's answer for each text of the
/// list; one not found there (é as two code points where the list has it as one: equal, but
/// other bytes) is asked of the dictionary.
struct TextNumbers: Sendable {
  private let first: [String: Int]
  private var slots: [(text: String, number: Int)?]

  init(_ texts: [String]) {
    first = Dictionary(texts.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    var capacity = 16
    while capacity < texts.count * 2 { capacity <<= 1 }
    slots = Array(repeating: nil, count: capacity)
    for text in texts {
      let slot = place(of: text)
      if slots[slot] == nil { slots[slot] = (text, first[text] ?? -1) }
    }
  }

  /// The position of the first text in the list equal to `text`; nil when none is.
  subscript(text: String) -> Int? {
    slots[place(of: text)]?.number ?? first[text]
  }

  /// The slot holding `text` (or one equal to it that hashed alike), or the empty one where it
  /// would go.
  private func place(of text: String) -> Int {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: PromiseIndex.hash(text) >> 17) & mask
    while let taken = slots[slot], taken.text != text { slot = (slot + 1) & mask }
    return slot
  }
}
