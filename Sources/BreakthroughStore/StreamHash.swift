/// A fast 64-bit hash of a byte stream, the same however the stream is cut into pieces: it
/// tells a snapshot whether the ledger's first bytes are still the ones it was made from.
///
/// Four independent lanes take 32 bytes a step, so that the processor works on all four at
/// once: hashing the ledger is on the path of every open.
struct StreamHash: Equatable {
  private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
    0xCBF2_9CE4_8422_2325, 0x8422_2325_CBF2_9CE4, 0x9E37_79B9_7F4A_7C15, 0x7F4A_7C15_9E37_79B9
  )
  /// Bytes of an unfinished step, waiting for the next piece.
  private var pending: [UInt8] = []
  private(set) var length = 0

  init() {}

  static func == (lhs: StreamHash, rhs: StreamHash) -> Bool {
    lhs.digest == rhs.digest && lhs.length == rhs.length
  }

  mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
    length += bytes.count
    var index = 0
    if !pending.isEmpty {
      let taken = min(32 - pending.count, bytes.count)
      pending += bytes[0..<taken]
      index = taken
      guard pending.count == 32 else { return }
      pending.withUnsafeBytes { step($0.baseAddress!) }
      pending.removeAll(keepingCapacity: true)
    }
    guard let base = bytes.baseAddress else { return }
    while index + 32 <= bytes.count {
      step(UnsafeRawPointer(base + index))
      index += 32
    }
    pending += bytes[index...]
  }

  private mutating func step(_ bytes: UnsafeRawPointer) {
    func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
      let value = (lane ^ word) &* 0x0000_0100_0000_01B3
      return value ^ (value >> 29)
    }
    lanes = (
      mix(lanes.0, bytes.loadUnaligned(as: UInt64.self)),
      mix(lanes.1, bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
      mix(lanes.2, bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
      mix(lanes.3, bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    )
  }

  /// The hash of everything added so far.
  var digest: UInt64 {
    var copy = self
    if !copy.pending.isEmpty {
      // The unfinished step, padded with zeros: the length, folded in below, tells pads apart.
      let padded = copy.pending + [UInt8](repeating: 0, count: 32 - copy.pending.count)
      padded.withUnsafeBytes { copy.step($0.baseAddress!) }
    }
    var value = UInt64(length)
    for lane in [copy.lanes.0, copy.lanes.1, copy.lanes.2, copy.lanes.3] {
      value = (value ^ lane) &* 0x9E37_79B9_7F4A_7C15
      value ^= value >> 31
    }
    return value
  }

  /// The hash as it stands, in words (its lanes, its length, and the bytes of an unfinished
  /// step): kept, it can be carried on later from where it was left.
  var words: [UInt64] {
    let unfinished = pending + [UInt8](repeating: 0, count: 32 - pending.count)
    let steps = unfinished.withUnsafeBytes { raw in
      (0..<4).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
    }
    return [lanes.0, lanes.1, lanes.2, lanes.3, UInt64(length), UInt64(pending.count)] + steps
  }

  /// The hash `words` describes; nil when they cannot be one.
  init?(words: [UInt64]) {
    guard words.count == 10, words[4] <= UInt64(Int.max), words[5] < 32, words[4] % 32 == words[5] else { return nil }
    lanes = (words[0], words[1], words[2], words[3])
    length = Int(words[4])
    var bytes: [UInt8] = []
    for word in words[6...] { bytes += (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
    pending = Array(bytes.prefix(Int(words[5])))
  }
}
