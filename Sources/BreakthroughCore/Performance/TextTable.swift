/// Texts and a value for each, found by a fast hash of their bytes in an open-addressed table:
/// what `TextNumbers` and `SeenHandles` put in front of a `Dictionary` or a `Set`, which hash
/// every whole text through `Hasher`.
///
/// Texts are compared as `==` compares them, but hashed by their bytes: the same letters in
/// other code points (é as one or as two) may hash apart and not be found, so a table only ever
/// says "found" truly; "not found" is for the dictionary or set behind it to decide.
struct TextTable<Value: Sendable>: Sendable {
  private var slots: [(text: String, value: Value)?] = Array(repeating: nil, count: 16)
  private var count = 0

  /// The value of `text`, or of one equal to it that hashed alike; nil when not found.
  subscript(text: String) -> Value? {
    slots[place(of: text)]?.value
  }

  /// Puts `text` in with `value`, unless it (or one equal to it that hashed alike) is in already.
  mutating func insert(_ text: String, _ value: Value) {
    let slot = place(of: text)
    guard slots[slot] == nil else { return }
    slots[slot] = (text, value)
    count += 1
    guard count * 2 > slots.count else { return }
    let old = slots
    slots = Array(repeating: nil, count: slots.count * 2)
    for case let kept? in old { slots[place(of: kept.text)] = kept }
  }

  mutating func removeAll() {
    self = TextTable()
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
