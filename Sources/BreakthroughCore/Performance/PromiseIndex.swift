/// Where each promise stands in the ledger's list, by id and by number.
///
/// A dictionary keyed by `String` costs about 300 ns an insertion here (hashing and comparing
/// Unicode strings), which dominated opening a long ledger. Ids are looked up by a 64-bit hash
/// of their bytes in an open-addressed table, the id itself compared only when the hashes
/// match; numbers, which run 1, 2, 3…, by position in an array.
struct PromiseIndex: Sendable {
  private var hashes = PagedArray<UInt64>()
  /// The promise at each slot of `hashes`, or -1 for an empty slot.
  private var slots = PagedArray<Int32>()
  private var used = 0
  /// The first promise with each number, or -1; numbers far beyond the count go to `sparse`.
  private var byNumber = PagedArray<Int32>()
  private var sparse: [Int: Int] = [:]

  /// The position of the promise with `id` in `promises`.
  func position(ofID id: String, in promises: PromiseList) -> Int? {
    guard !slots.isEmpty else { return nil }
    let hash = Self.hash(id)
    var slot = Self.home(hash, slots.count)
    while slots[slot] >= 0 {
      if hashes[slot] == hash, promises.id(at: Int(slots[slot])) == id { return Int(slots[slot]) }
      slot = (slot + 1) & (slots.count - 1)
    }
    return nil
  }

  /// The position of the first promise numbered `number`.
  func position(ofNumber number: Int) -> Int? {
    if number >= 0, number < byNumber.count { return byNumber[number] >= 0 ? Int(byNumber[number]) : nil }
    return sparse[number]
  }

  /// Notes the promise at `position`; its id must not be in the index yet.
  mutating func add(id: String, number: Int, at position: Int) {
    if (used + 1) * 2 > slots.count { rehash(capacity: max(16, slots.count * 2)) }
    let hash = Self.hash(id)
    var slot = Self.home(hash, slots.count)
    while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
    hashes[slot] = hash
    slots[slot] = Int32(truncatingIfNeeded: position)
    used += 1
    guard self.position(ofNumber: number) == nil else { return }
    // A number typed by hand into the ledger can be huge: only ones near the count go in the array.
    if number >= 0, number <= 2 * (used + 512) {
      if number >= byNumber.count { byNumber.append(repeating: -1, count: number + 1 - byNumber.count) }
      byNumber[number] = Int32(truncatingIfNeeded: position)
    } else {
      sparse[number] = position
    }
  }

  private mutating func rehash(capacity wanted: Int) {
    var capacity = 16
    while capacity < wanted { capacity <<= 1 }
    let (oldHashes, oldSlots) = (hashes, slots)
    hashes = PagedArray(repeating: 0, count: capacity)
    slots = PagedArray(repeating: -1, count: capacity)
    for (hash, position) in zip(oldHashes, oldSlots) where position >= 0 {
      var slot = Self.home(hash, capacity)
      while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
      hashes[slot] = hash
      slots[slot] = position
    }
  }

  private static func home(_ hash: UInt64, _ capacity: Int) -> Int {
    Int(truncatingIfNeeded: hash >> 17) & (capacity - 1)
  }

  /// A fast 64-bit hash of the id's UTF-8 bytes, eight at a time.
  static func hash(_ id: String) -> UInt64 {
    // A native string lends its bytes as they are; only a bridged one is copied first.
    if let hash = id.utf8.withContiguousStorageIfAvailable(hash(bytes:)) { return hash }
    var text = id
    return text.withUTF8(hash(bytes:))
  }

  private static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var value: UInt64 = 0xCBF2_9CE4_8422_2325
    var index = 0
    if let base = bytes.baseAddress {
      while index + 8 <= bytes.count {
        value = (value ^ UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) &* 0x0000_0100_0000_01B3
        value ^= value >> 29
        index += 8
      }
    }
    while index < bytes.count {
      value = (value ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
      index += 1
    }
    return (value ^ UInt64(bytes.count)) &* 0x9E37_79B9_7F4A_7C15
  }
}

/// The index in a snapshot, as it is: rebuilding it costs a hash and a probe a promise, reading
/// it back only a copy.
extension PromiseIndex {
  func write(to out: inout SnapshotWriter) {
    out.words(hashes)
    out.words(slots)
    out.words(byNumber)
    out.int(sparse.count)
    for (number, position) in sparse.sorted(by: { $0.key < $1.key }) {
      out.int(number)
      out.int(position)
    }
  }

  /// Reads the index of `promiseCount` promises; a refusal when it could not be theirs.
  init(reading input: inout SnapshotReader, promiseCount: Int) throws(Refusal) {
    hashes = try input.pagedWords(UInt64.self)
    slots = try input.pagedWords(Int32.self)
    byNumber = try input.pagedWords(Int32.self)
    let positions = Int32(-1)..<Int32(truncatingIfNeeded: promiseCount)
    used = slots.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
    // Every promise in it once, room to spare (so that a probe always ends), every position real.
    guard hashes.count == slots.count, slots.isEmpty || (slots.count >= 16 && slots.count & (slots.count - 1) == 0),
      used == promiseCount, used * 2 <= slots.count || promiseCount == 0,
      slots.allSatisfy(positions.contains), byNumber.allSatisfy(positions.contains)
    else { throw Refusal("the snapshot's index does not fit its promises") }
    for _ in 0..<(try input.count()) {
      let number = try input.int()
      let position = try input.int()
      guard (0..<promiseCount).contains(position) else { throw Refusal("the snapshot's index does not fit its promises") }
      sparse[number] = position
    }
  }
}
