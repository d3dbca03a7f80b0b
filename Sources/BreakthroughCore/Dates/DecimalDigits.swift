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
}
