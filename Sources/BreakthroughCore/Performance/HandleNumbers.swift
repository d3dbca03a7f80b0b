/// Each person's position in a list of handles (the first of handles that are equal), for a
/// snapshot that writes people by number.
///
/// A snapshot looks up the people of every promise and of every entry of its past: at 100,000
/// promises, about 800,000 lookups, and a `Dictionary` hashed each whole handle through
/// `Hasher`, a tenth of writing it. A handle is looked up by a fast hash of its bytes in a small
/// open-addressed table that holds the dictionary's answer for each handle of the list; one
/// not found there (é as two code points where the list has it as one: equal, but other
/// bytes) is asked of the dictionary.
struct HandleNumbers {
  private let first: [Handle: Int]
  private var slots: [(handle: Handle, number: Int)?]

  init(_ people: [Handle]) {
    first = Dictionary(people.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    var capacity = 16
    while capacity < people.count * 2 { capacity <<= 1 }
    slots = Array(repeating: nil, count: capacity)
    for handle in people {
      let slot = place(of: handle)
      if slots[slot] == nil { slots[slot] = (handle, first[handle] ?? -1) }
    }
  }

  /// The position of the first handle in the list equal to `handle`; nil when none is.
  subscript(handle: Handle) -> Int? {
    slots[place(of: handle)]?.number ?? first[handle]
  }

  /// The slot holding `handle` (or one equal to it that hashed alike), or the empty one where
  /// it would go.
  private func place(of handle: Handle) -> Int {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: PromiseIndex.hash(handle.text) >> 17) & mask
    while let taken = slots[slot], taken.handle != handle { slot = (slot + 1) & mask }
    return slot
  }
}
