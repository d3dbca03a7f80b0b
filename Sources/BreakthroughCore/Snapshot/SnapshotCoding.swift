import Foundation

/// Bytes for a snapshot: little-endian variable-length integers and length-prefixed UTF-8.
struct SnapshotWriter {
  private(set) var bytes: [UInt8] = []

  mutating func int(_ value: Int) {
    // Zig-zag, then seven bits a byte: small numbers take one byte.
    var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
    while rest >= 0x80 {
      bytes.append(UInt8(rest & 0x7F) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

  /// Empties it, keeping its room for what is written next.
  mutating func clear() { bytes.removeAll(keepingCapacity: true) }

  /// Bytes already in snapshot form, as they are.
  mutating func append(_ raw: ArraySlice<UInt8>) { bytes.append(contentsOf: raw) }

  /// Fixed-width numbers, little-endian, after their count: read back with one copy.
  mutating func words<Word: FixedWidthInteger>(_ words: PagedArray<Word>) {
    int(words.count)
    words.forEachPage { page in
      #if _endian(little)
        page.withUnsafeBytes { bytes.append(contentsOf: $0) }
      #else
        page.map(\.littleEndian).withUnsafeBytes { bytes.append(contentsOf: $0) }
      #endif
    }
  }

  /// Eight bytes, least significant first: a number read from a known place, such as the end.
  mutating func fixedWidth(_ value: Int) {
    let bits = UInt64(bitPattern: Int64(value))
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((bits >> UInt64(shift)) & 0xFF)) }
  }

  mutating func string(_ text: String) {
    int(text.utf8.count)
    bytes.append(contentsOf: text.utf8)
  }

  mutating func date(_ date: Date) {
    fixedWidth(Int(Int64(bitPattern: date.timeIntervalSince1970.bitPattern)))
  }

  mutating func optional<T>(_ value: T?, _ write: (inout SnapshotWriter, T) -> Void) {
    bool(value != nil)
    if let value { write(&self, value) }
  }
}

/// Reads what `SnapshotWriter` wrote; any read past the end is a refusal, never a crash.
///
/// Its small reads are inlined: an open reads some twenty of them for each of its promises,
/// and as calls they were a fifth of reading a snapshot.
struct SnapshotReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var index: Int

  init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
    self.bytes = bytes
    self.index = index
  }

  var isAtEnd: Bool { index == bytes.count }

  @inline(__always)
  mutating func byte() throws(Refusal) -> UInt8 {
    guard index < bytes.count else { throw Refusal("the snapshot ends too soon") }
    defer { index += 1 }
    return bytes[index]
  }

  @inline(__always)
  mutating func int() throws(Refusal) -> Int {
    // Most numbers in a snapshot (counts, codes, positions among people) take one byte.
    if index < bytes.count, bytes[index] < 0x80 {
      let decoded = Int(bytes[index])
      index += 1
      return (decoded >> 1) ^ -(decoded & 1)
    }
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let byte = try byte()
      guard shift < 64 else { throw Refusal("a number in the snapshot is too long") }
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { break }
      shift += 7
    }
    let decoded = Int64(bitPattern: value)
    return Int((decoded >> 1) ^ -(decoded & 1))
  }

  @inline(__always)
  mutating func count() throws(Refusal) -> Int {
    let count = try int()
    guard count >= 0, count <= bytes.count - index else { throw Refusal("a count in the snapshot is out of range") }
    return count
  }

  @inline(__always)
  mutating func bool() throws(Refusal) -> Bool { try byte() != 0 }

  /// Fixed-width numbers as `words` wrote them, copied straight into the pages of an array.
  mutating func pagedWords<Word: FixedWidthInteger>(_ type: Word.Type) throws(Refusal) -> PagedArray<Word> {
    let count = try int()
    let size = MemoryLayout<Word>.size
    guard count >= 0, count <= (bytes.count - index) / size else { throw Refusal("a count in the snapshot is out of range") }
    let start = UnsafeRawPointer(bytes.baseAddress! + index)
    index += count * size
    return PagedArray(count: count) { range in
      [Word](unsafeUninitializedCapacity: range.count) { words, initialized in
        UnsafeMutableRawBufferPointer(words).copyMemory(
          from: UnsafeRawBufferPointer(start: start + range.lowerBound * size, count: range.count * size))
        for position in 0..<range.count { words[position] = Word(littleEndian: words[position]) }
        initialized = range.count
      }
    }
  }

  mutating func string() throws(Refusal) -> String {
    let length = try count()
    defer { index += length }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self)
  }

  /// A number as `SnapshotWriter.fixedWidth` wrote it.
  mutating func fixedWidth() throws(Refusal) -> Int {
    guard bytes.count - index >= 8 else { throw Refusal("the snapshot ends too soon") }
    let bits = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
    index += 8
    return Int(Int64(bitPattern: bits))
  }

  @inline(__always)
  mutating func date() throws(Refusal) -> Date {
    guard bytes.count - index >= 8 else { throw Refusal("the snapshot ends too soon") }
    // Eight bytes, least significant first, as `SnapshotWriter.date` wrote them.
    let bits = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
    index += 8
    let seconds = Double(bitPattern: bits)
    // The ledger's dates lie within years 1900–9999; anything else is damage.
    guard seconds.isFinite, abs(seconds) < 3e11 else { throw Refusal("a date in the snapshot is out of range") }
    return Date(timeIntervalSince1970: seconds)
  }

  @inline(__always)
  mutating func optional<T>(_ read: (inout SnapshotReader) throws(Refusal) -> T) throws(Refusal) -> T? {
    try bool() ? try read(&self) : nil
  }

  mutating func handle() throws(Refusal) -> Handle {
    let text = try string()
    guard Handle.isValid(text) else { throw Refusal("a handle in the snapshot is not valid") }
    return Handle(checked: text)
  }

  mutating func raw<T: RawRepresentable>(_ type: T.Type) throws(Refusal) -> T where T.RawValue == String {
    guard let value = T(rawValue: try string()) else { throw Refusal("an unknown \(T.self) in the snapshot") }
    return value
  }
}
