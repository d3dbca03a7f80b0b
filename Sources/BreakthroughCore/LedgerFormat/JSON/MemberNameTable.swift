/// Where the members of one object are found by name at a glance: for each of 32 hashes of
/// a name's bytes, the first member whose name has it, and whether a later one has it too.
/// A ledger line's dozen names rarely share a hash, so a name asked for is found, or known
/// to be missing, by comparing one member's name rather than a dozen.
struct MemberNameTable {
  /// How many members the table can hold (the members after them are looked up in order).
  static let capacity = 255

  /// The first member with each hash, counted from 1 (0: none).
  private var firstWithHash = SIMD32<UInt8>()
  /// The hashes more than one member's name has, a bit each.
  private var sharedHashes: UInt32 = 0

  /// The hash of a name's bytes (its length and its first and last bytes: cheap, and apart
  /// for the names a ledger line holds).
  static func hash(_ name: UnsafeBufferPointer<UInt8>) -> Int {
    guard let first = name.first, let last = name.last else { return 0 }
    return (name.count &* 2 &+ Int(first) &+ Int(last)) & 31
  }

  /// Notes that the member at `index` (below `capacity`) has a name of hash `hash`.
  mutating func add(_ index: Int, hash: Int) {
    // A byte written where it lies: setting a lane of the vector reads and writes all of it.
    let isTaken = withUnsafeMutableBytes(of: &firstWithHash) { table in
      guard table[hash] == 0 else { return true }
      table[hash] = UInt8(index + 1)
      return false
    }
    if isTaken {
      sharedHashes |= 1 << hash
    }
  }

  /// The first member whose name has hash `hash`, and whether a later one may have it too;
  /// nil when none has.
  func candidates(hash: Int) -> (first: Int, more: Bool)? {
    let slot = withUnsafeBytes(of: firstWithHash) { $0[hash] }
    guard slot != 0 else { return nil }
    return (Int(slot) - 1, sharedHashes & (1 << hash) != 0)
  }
}
