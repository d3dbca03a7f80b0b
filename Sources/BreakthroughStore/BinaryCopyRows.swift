/// The rows of a `COPY … TO STDOUT (FORMAT binary)`, read from the pieces the server sends
/// them in: a header, then each row as its number of fields and each field's length (−1 for
/// NULL) and bytes, all big-endian, then −1 for the end. Nothing is hex and nothing is escaped:
/// a `json` field is its text, byte for byte, and a `bytea` its bytes. The server sends each
/// row in one piece, so rows are read where they lie; one cut across pieces is put together.
struct BinaryCopyRows {
  /// One row, valid only during the call that is given it.
  struct Row {
    fileprivate let start: UnsafePointer<UInt8>
    /// How many fields it has.
    let count: Int

    /// Field `index`'s bytes, without a copy (none for NULL).
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
      var at = start
      for _ in 0..<index { at += 4 + max(0, BinaryCopyRows.int32(at)) }
      let length = BinaryCopyRows.int32(at)
      return UnsafeBufferPointer(start: length < 0 ? nil : at + 4, count: max(0, length))
    }
  }

  /// What a copy that is not as described is (a server of another version, a pooler that
  /// broke it): a read that cannot be trusted.
  struct Malformed: Error, CustomStringConvertible {
    let description: String
  }

  /// The bytes of a row cut at the end of the last piece, waiting for the rest.
  private var pending: [UInt8] = []
  private var headerRead = false
  /// Whether the end of the copy was read.
  private(set) var finished = false

  private static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]

  /// Reads `piece`, handing each whole row in it to `body`, in order.
  mutating func take(_ piece: UnsafeBufferPointer<UInt8>, _ body: (Row) throws -> Void) throws {
    guard pending.isEmpty else {
      pending.append(contentsOf: piece)
      let all = pending
      let used = try all.withUnsafeBufferPointer { try read($0, body) }
      pending.removeFirst(used)
      return
    }
    let used = try read(piece, body)
    if used < piece.count { pending.append(contentsOf: UnsafeBufferPointer(rebasing: piece[used...])) }
  }

  /// Reads whole rows from `bytes`; returns how many bytes they took.
  private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Row) throws -> Void) throws -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var offset = 0
    if !headerRead {
      guard bytes.count >= Self.signature.count + 8 else { return 0 }
      guard bytes.prefix(Self.signature.count).elementsEqual(Self.signature) else {
        throw Malformed(description: "the rows did not start as a binary copy does")
      }
      let extensionLength = Self.int32(base + Self.signature.count + 4)
      guard extensionLength >= 0 else { throw Malformed(description: "the copy's header is damaged") }
      offset = Self.signature.count + 8 + extensionLength
      guard offset <= bytes.count else { return 0 }
      headerRead = true
    }
    while offset + 2 <= bytes.count, !finished {
      let fields = Int(Int16(bigEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: Int16.self)))
      if fields == -1 {
        finished = true
        offset += 2
        break
      }
      guard fields >= 0 else { throw Malformed(description: "a row of the copy says it has \(fields) fields") }
      var end = offset + 2
      for _ in 0..<fields {
        guard end + 4 <= bytes.count else { return offset }
        let length = Self.int32(base + end)
        guard length >= -1 else { throw Malformed(description: "a field of the copy says it has \(length) bytes") }
        end += 4 + max(0, length)
      }
      guard end <= bytes.count else { return offset }
      try body(Row(start: base + offset + 2, count: fields))
      offset = end
    }
    if finished, offset < bytes.count { throw Malformed(description: "bytes came after the copy's end") }
    return offset
  }

  fileprivate static func int32(_ at: UnsafePointer<UInt8>) -> Int {
    Int(Int32(bigEndian: UnsafeRawPointer(at).loadUnaligned(as: Int32.self)))
  }
}
