/// Handles already seen, found by a fast hash of their bytes (`TextTable`): a filter in front
/// of the sets of people, which said "seen" only after hashing the whole handle through
/// `Hasher`.
///
/// The fold notes the people of every event in two sets (everyone named, and the roll), though
/// nearly every event is said by someone noted before: at 100,000 promises that was a tenth of
/// applying the events. A handle found here is equal to one noted (the sets hold it too); one
/// not found is for the sets to decide, so the same letters in other code points (é as one or
/// as two), which hash apart here, are still one person.
struct SeenHandles: Sendable {
  private var table = TextTable<Void>()

  /// Whether `handle`, or one equal to it that hashed alike, was inserted.
  func contains(_ handle: Handle) -> Bool {
    table[handle.text] != nil
  }

  mutating func insert(_ handle: Handle) {
    table.insert(handle.text, ())
  }

  mutating func removeAll() {
    table.removeAll()
  }
}
