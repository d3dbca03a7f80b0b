/// A strict JSON parser over UTF-8 bytes, written for ledger lines: one object a line.
///
/// Foundation's decoders cost about 5 µs a line here; this one walks the bytes once.
public struct JSONParser {
  /// Why a text is not JSON, with the byte offset where reading stopped.
  public struct Failure: Error, Equatable, Sendable {
    public let reason: String
    public let offset: Int
  }

  /// Deeper nesting than this is refused rather than risking the stack.
  public static let maximumDepth = 64

  /// Parses exactly one JSON value (surrounding white space allowed).
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == bytes.count else { throw parser.failure("text after the end of the value") }
    return value
  }

  /// Parses the UTF-8 of `text`.
  public static func parse(_ text: String) throws(Failure) -> JSONValue {
    var copy = text
    let result: Result<JSONValue, Failure> = copy.withUTF8 { buffer in
      do throws(Failure) { return .success(try parse(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  func failure(_ reason: String) -> Failure {
    Failure(reason: reason, offset: index)
  }

  mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  mutating func value(depth: Int) throws(Failure) -> JSONValue {
    guard depth < JSONParser.maximumDepth else { throw failure("nested deeper than \(JSONParser.maximumDepth) levels") }
    guard index < bytes.count else { throw failure("unexpected end of text") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw failure("unexpected character")
    }
  }

  mutating func literal(_ word: StaticString) throws(Failure) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw failure("unexpected end of text") }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
      throw failure("unexpected character")
    }
    index += count
  }

  mutating func object(depth: Int) throws(Failure) -> JSONValue {
    index += 1
    var members: [(key: String, value: JSONValue)] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
      let key = try string()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
      index += 1
      skipSpace()
      members.append((key, try value(depth: depth + 1)))
      skipSpace()
      guard index < bytes.count else { throw failure("unexpected end of text") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      throw failure("expected ',' or '}'")
    }
  }

  mutating func array(depth: Int) throws(Failure) -> JSONValue {
    index += 1
    var elements: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipSpace()
      elements.append(try value(depth: depth + 1))
      skipSpace()
      guard index < bytes.count else { throw failure("unexpected end of text") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(elements)
      }
      throw failure("expected ',' or ']'")
    }
  }

  mutating func string() throws(Failure) -> String {
    index += 1
    let start = index
    // Fast path: no escapes.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = try validated(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw failure("control character inside a string") }
      index += 1
    }
    var scalars = Array(bytes[start..<index])
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return try scalars.withUnsafeBufferPointer { buffer throws(Failure) in try validated(buffer) }
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { throw failure("unexpected end of text") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"): scalars.append(contentsOf: try unicodeEscape())
        default: throw failure("unknown escape")
        }
      default:
        if byte < 0x20 { throw failure("control character inside a string") }
        scalars.append(byte)
        index += 1
      }
    }
    throw failure("unterminated string")
  }

  /// The text of `utf8`, refusing invalid UTF-8 (checked first: decoding would repair it).
  func validated(_ utf8: UnsafeBufferPointer<UInt8>) throws(Failure) -> String {
    guard utf8.isWellFormedUTF8 else { throw failure("invalid UTF-8") }
    return String(decoding: utf8, as: UTF8.self)
  }

  mutating func hexQuad() throws(Failure) -> UInt32 {
    guard index + 4 <= bytes.count else { throw failure("unexpected end of text") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw failure("bad \\u escape")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }

  /// The UTF-8 of a `\u` escape (four hex digits), joining surrogate pairs.
  mutating func unicodeEscape() throws(Failure) -> [UInt8] {
    var code = try hexQuad()
    if (0xD800...0xDBFF).contains(code) {
      guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
      else { throw failure("unpaired surrogate") }
      index += 2
      let low = try hexQuad()
      guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired surrogate") }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00...0xDFFF).contains(code) {
      throw failure("unpaired surrogate")
    }
    guard let scalar = Unicode.Scalar(code) else { throw failure("bad \\u escape") }
    return Array(String(Character(scalar)).utf8)
  }

  mutating func number() throws(Failure) -> Double {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let digitsStart = index
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
    guard index > digitsStart else { throw failure("bad number") }
    let digitsEnd = index
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      let fractionStart = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      guard index > fractionStart else { throw failure("bad number") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      let exponentStart = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      guard index > exponentStart else { throw failure("bad number") }
    }
    // A whole number of up to 15 digits (a ledger's version and numbers) is exact in a Double:
    // added up here, not read as text.
    if index == digitsEnd, digitsEnd - digitsStart <= 15 {
      var whole = 0
      for digit in bytes[digitsStart..<digitsEnd] { whole = whole * 10 + Int(digit - UInt8(ascii: "0")) }
      return digitsStart > start ? -Double(whole) : Double(whole)
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let number = Double(text) else { throw failure("bad number") }
    return number
  }
}
