/// Reading a ledger line's bytes where they lie, without making strings of them.
extension UnsafeBufferPointer<UInt8> {
  /// The number the `count` ASCII digits at `start` write, or nil when one is not a digit.
  /// The caller has checked that they lie inside the buffer.
  func decimal(at start: Int, digits count: Int) -> Int? {
    var value = 0
    for index in start..<(start + count) {
      let byte = self[index]
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  /// Whether the `other.count` bytes at `start` are those of `other`; the caller has checked
  /// that they lie inside the buffer. Byte by byte: the names compared are a few bytes long,
  /// shorter than what a call to `memcmp` costs.
  @inline(__always)
  func holds(_ other: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    for index in 0..<other.count where self[start + index] != other[index] { return false }
    return true
  }
}
