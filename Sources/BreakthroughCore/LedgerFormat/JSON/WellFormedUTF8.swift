extension UnsafeBufferPointer<UInt8> {
  /// Whether these bytes are well-formed UTF-8 (the Unicode standard's table 3-7: no overlong
  /// form, no surrogate, nothing past U+10FFFF), which is what a Swift string takes without
  /// repair. Checked without making a string: a ledger line's text is checked once, and made
  /// into a string only when it is asked for.
  var isWellFormedUTF8: Bool {
    var index = 0
    while index < count {
      let lead = self[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      // The bounds of the second byte: narrower than 80…BF after some leads.
      var lowest: UInt8 = 0x80
      var highest: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lowest = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        highest = 0x9F
      case 0xF0:
        length = 4
        lowest = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        highest = 0x8F
      default: return false
      }
      guard index + length <= count, (lowest...highest).contains(self[index + 1]) else { return false }
      for offset in 2..<length where !(0x80...0xBF).contains(self[index + offset]) { return false }
      index += length
    }
    return true
  }
}
