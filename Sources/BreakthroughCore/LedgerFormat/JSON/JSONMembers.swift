import Foundation

/// The members of one JSON object as where they lie in its bytes, each value made into a
/// `JSONValue` only when it is asked for: how a ledger line is read.
///
/// The object is checked as strictly as `JSONParser.parse` checks it (every value of it, asked
/// for or not), by the same parser, so a line is accepted or refused as before; only the
/// tree of values is not built. Reading a line that way cost about a third of a long
/// ledger's first open, most of it making names and values that were looked at once.
struct JSONMembers {
  /// One member: where its name's characters and its value are.
  struct Member {
    let name: Range<Int>
    /// The name, when it is written with escapes (its bytes are not its text).
    let escapedName: String?
    let value: Range<Int>
    /// Whether the value is a string without escapes: its bytes are its text.
    let isPlainString: Bool
  }

  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var members: [Member] = []

  /// The members of the object that `bytes` are (white space around allowed); nil when they
  /// are some other JSON value. A text that is no JSON at all fails as `JSONParser.parse` fails.
  static func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParser.Failure) -> JSONMembers? {
    var parser = JSONParser(bytes: bytes)
    parser.skipSpace()
    guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "{") else {
      _ = try JSONParser.parse(bytes)
      return nil
    }
    var object = JSONMembers(bytes: bytes)
    do throws(JSONParser.Failure) {
      try object.readMembers(with: &parser)
      parser.skipSpace()
      guard parser.index == bytes.count else { throw parser.failure("text after the end of the value") }
    } catch {
      // Refused as the parser refuses it, word for word: read again by it.
      _ = try JSONParser.parse(bytes)
      throw error
    }
    return object
  }

  /// Reads `{ "name": value, … }` from the parser's place, as `JSONParser.object` does at depth 0.
  private mutating func readMembers(with parser: inout JSONParser) throws(JSONParser.Failure) {
    parser.index += 1
    parser.skipSpace()
    if parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "}") {
      parser.index += 1
      return
    }
    members.reserveCapacity(16)
    while true {
      parser.skipSpace()
      guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "\"") else { throw parser.failure("expected a member name") }
      let nameStart = parser.index
      let name = try parser.skipString()
      let escapedName = name.plain ? nil : try JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[nameStart..<parser.index])).stringValue
      parser.skipSpace()
      guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: ":") else { throw parser.failure("expected ':'") }
      parser.index += 1
      parser.skipSpace()
      let valueStart = parser.index
      var isPlainString = false
      if valueStart < bytes.count, bytes[valueStart] == UInt8(ascii: "\"") {
        isPlainString = try parser.skipString().plain
      } else {
        _ = try parser.value(depth: 1)
      }
      members.append(
        Member(
          name: (nameStart + 1)..<name.end, escapedName: escapedName, value: valueStart..<parser.index, isPlainString: isPlainString))
      parser.skipSpace()
      guard parser.index < bytes.count else { throw parser.failure("unexpected end of text") }
      if bytes[parser.index] == UInt8(ascii: ",") {
        parser.index += 1
        continue
      }
      if bytes[parser.index] == UInt8(ascii: "}") {
        parser.index += 1
        return
      }
      throw parser.failure("expected ',' or '}'")
    }
  }

  /// Whether a member is named `name`.
  func contains(_ name: String) -> Bool { member(named: name) != nil }

  /// The value of the first member named `name`, made when asked for.
  subscript(name: String) -> JSONValue? {
    guard let member = member(named: name) else { return nil }
    if member.isPlainString {
      return .string(
        String(decoding: UnsafeBufferPointer(rebasing: bytes[member.value.lowerBound + 1..<member.value.upperBound - 1]), as: UTF8.self))
    }
    // Checked when read: parsing it again cannot fail.
    return try? JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[member.value]))
  }

  private func member(named name: String) -> Member? {
    var utf8 = name
    return utf8.withUTF8 { wanted in
      members.first { member in
        if let escapedName = member.escapedName { return escapedName == name }
        return member.name.count == wanted.count
          && (wanted.isEmpty || memcmp(bytes.baseAddress! + member.name.lowerBound, wanted.baseAddress!, wanted.count) == 0)
      }
    }
  }
}

extension JSONParser {
  /// Steps over the string that starts here, checking it as `string()` does: where its
  /// characters end (before the closing quote), and whether it holds no escape.
  mutating func skipString() throws(Failure) -> (end: Int, plain: Bool) {
    let start = index
    index += 1
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let end = index
        let characters = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end])
        if !characters.allSatisfy({ $0 < 0x80 }) { _ = try validated(characters) }
        index += 1
        return (end, true)
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw failure("control character inside a string") }
      index += 1
    }
    // Escapes: read by the parser itself.
    index = start
    _ = try string()
    return (index - 1, false)
  }
}
