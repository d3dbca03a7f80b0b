/// A fast 64-bit hash of a byte stream, the same however the stream is cut into pieces: it
/// tells a snapshot whether the ledger's first bytes are still the ones it was made from.
struct StreamHash: Equatable {
  private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325
  private var pending: UInt64 = 0
  private var pendingCount = 0
  private(set) var length = 0

  mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
    length += bytes.count
    var index = 0
    // Top up a partial word first, then take whole words, then keep what is left.
    while pendingCount > 0 && pendingCount < 8 && index < bytes.count {
      pending |= UInt64(bytes[index]) << UInt64(pendingCount * 8)
      pendingCount += 1
      index += 1
    }
    if pendingCount == 8 { mix() }
    guard let base = bytes.baseAddress else { return }
    while index + 8 <= bytes.count {
      pending = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      pendingCount = 8
      mix()
      index += 8
    }
    while index < bytes.count {
      pending |= UInt64(bytes[index]) << UInt64(pendingCount * 8)
      pendingCount += 1
      index += 1
    }
  }

  private mutating func mix() {
    value = (value ^ pending) &* 0x0000_0100_0000_01B3
    value ^= value >> 29
    pending = 0
    pendingCount = 0
  }

  /// The hash of everything added so far.
  var digest: UInt64 {
    var copy = self
    if copy.pendingCount > 0 { copy.mix() }
    return (copy.value ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
  }
}
