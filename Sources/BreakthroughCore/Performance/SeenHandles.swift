/// Handles already seen, found by a fast hash of their bytes: a filter in front of the sets of
/// people, which said "seen" only after hashing the whole handle through `Hasher`.
///
/// The fold notes the people of every event in two sets (everyone named, and the roll), though
/// nearly every event is said by someone noted before: at 100,000 promises that was a tenth of
/// applying the events. A handle found here is equal to one noted (the sets hold it too); one
/// not found is for the sets to decide, so the same letters in other code points (é as one or
/// as two), which hash apart here, are still one person.
struct SeenHandles: Sendable {
  private var slots: [Handle?] = Array(repeating: nil, count: 16)
  private var count = 0

  /// Whether `handle`, or one equal to it that hashed alike, was inserted.
  func contains(_ handle: Handle) -> Bool {
    slots[place(of: handle)] != nil
  }

  mutating func insert(_ handle: Handle) {
    let slot = place(of: handle)
    guard slots[slot] == nil else { return }
    slots[slot] = handle
    count += 1
    if count * 2 > slots.count {
      let old = slots
      slots = Array(repeating: nil, count: slots.count * 2)
      for case let kept? in old { slots[place(of: kept)] = kept }
    }
  }

  mutating func removeAll() {
    slots = Array(repeating: nil, count: 16)
    count = 0
  }

  /// The slot holding `handle` (or one equal to it that hashed alike), or the empty one where
  /// it would go.
  private func place(of handle: Handle) -> Int {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: PromiseIndex.hash(handle.text) >> 17) & mask
    while let taken = slots[slot], taken != handle { slot = (slot + 1) & mask }
    return slot
  }
}
