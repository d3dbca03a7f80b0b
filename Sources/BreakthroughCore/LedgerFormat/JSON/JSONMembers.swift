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
    /// Whether the name is written with escapes (its bytes are not its text: see `escapedNames`).
    let isNameEscaped: Bool
    let value: Range<Int>
    let kind: ValueKind
  }

  /// What a member's value is, as far as reading it without the parser needs to know.
  enum ValueKind {
    /// A string without escapes: its bytes are its text.
    case plainString
    case null
    /// Any other value, read by the parser when asked for.
    case other
  }

  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var members: [Member] = []
  /// The names written with escapes, by their member's place: rare, kept apart so that a
  /// member is plain data.
  private var escapedNames: [Int: String] = [:]
  private var names = MemberNameTable()
  /// Whether names are looked up one by one from the first, not in `names`: when one is
  /// written with escapes (compared as text, not bytes), or there are more than it holds.
  private var looksUpInOrder = false

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
      if !name.plain {
        escapedNames[members.count] = try JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[nameStart..<parser.index])).stringValue
        looksUpInOrder = true
      } else if members.count < MemberNameTable.capacity {
        names.add(members.count, hash: MemberNameTable.hash(UnsafeBufferPointer(rebasing: bytes[(nameStart + 1)..<name.end])))
      } else {
        looksUpInOrder = true
      }
      parser.skipSpace()
      guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: ":") else { throw parser.failure("expected ':'") }
      parser.index += 1
      parser.skipSpace()
      let valueStart = parser.index
      var kind = ValueKind.other
      if valueStart < bytes.count, bytes[valueStart] == UInt8(ascii: "\"") {
        if try parser.skipString().plain { kind = .plainString }
      } else if case .null = try parser.value(depth: 1) {
        kind = .null
      }
      members.append(
        Member(name: (nameStart + 1)..<name.end, isNameEscaped: !name.plain, value: valueStart..<parser.index, kind: kind))
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
    switch member.kind {
    case .plainString: return .string(String(decoding: characters(of: member), as: UTF8.self))
    case .null: return .null
    // Checked when read: parsing it again cannot fail.
    case .other: return try? JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[member.value]))
    }
  }

  /// The characters of the first member named `name` when it is a string written without
  /// escapes (its bytes are its text); nil when it is not, or there is none.
  func plainString(named name: String) -> UnsafeBufferPointer<UInt8>? {
    guard let member = member(named: name), member.kind == .plainString else { return nil }
    return characters(of: member)
  }

  /// The members of the first member named `name` when it is an object; nil when it is not,
  /// or there is none.
  func object(named name: String) -> JSONMembers? {
    guard let member = member(named: name), bytes[member.value.lowerBound] == UInt8(ascii: "{") else { return nil }
    // Checked when read: reading it again cannot fail.
    return try? JSONMembers.read(UnsafeBufferPointer(rebasing: bytes[member.value]))
  }

  private func characters(of member: Member) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[(member.value.lowerBound + 1)..<(member.value.upperBound - 1)])
  }

  /// The first member named `name`.
  @inline(__always)
  private func member(named name: String) -> Member? {
    var utf8 = name
    return utf8.withUTF8 { wanted in
      var start = 0
      if !looksUpInOrder {
        // Every name is plain: a member named `name` has its hash, and none before the first that has it.
        guard let candidates = names.candidates(hash: MemberNameTable.hash(wanted)) else { return nil }
        if isNamed(candidates.first, wanted, name) { return members[candidates.first] }
        guard candidates.more else { return nil }
        start = candidates.first + 1
      }
      return members.indices[start...].first { isNamed($0, wanted, name) }.map { members[$0] }
    }
  }

  /// Whether the member at `index` is named `name`, whose UTF-8 is `wanted`.
  @inline(__always)
  private func isNamed(_ index: Int, _ wanted: UnsafeBufferPointer<UInt8>, _ name: String) -> Bool {
    let member = members[index]
    if member.isNameEscaped { return escapedNames[index] == name }
    return member.name.count == wanted.count && bytes.holds(wanted, at: member.name.lowerBound)
  }
}

extension JSONParser {
  /// Steps over the string that starts here, checking it as `string()` does: where its
  /// characters end (before the closing quote), and whether it holds no escape.
  mutating func skipString() throws(Failure) -> (end: Int, plain: Bool) {
    let start = index
    index += 1
    // Every byte seen, or-ed together: whether one is not ASCII.
    var seen: UInt64 = 0
    // Eight bytes at a time, to the first quote, backslash or control character among them.
    while index + 8 <= bytes.count {
      let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
      let specials = Self.quotesBackslashesAndControls(in: word)
      if specials == 0 {
        seen |= word
        index += 8
        continue
      }
      let before = specials.trailingZeroBitCount / 8
      if before > 0 { seen |= word & (UInt64.max >> (64 - 8 * before)) }
      index += before
      break
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let end = index
        if seen & 0x8080_8080_8080_8080 != 0 {
          guard UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]).isWellFormedUTF8 else { throw failure("invalid UTF-8") }
        }
        index += 1
        return (end, true)
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw failure("control character inside a string") }
      seen |= UInt64(byte)
      index += 1
    }
    // Escapes: read by the parser itself.
    index = start
    _ = try string()
    return (index - 1, false)
  }

  /// The high bit of each byte of `word` (read little-endian) that is `"`, `\` or below
  /// 0x20, exact up to the lowest: a borrow that could set the bit of a byte that is none
  /// starts only at a byte below it that is one.
  private static func quotesBackslashesAndControls(in word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func below(_ limit: UInt64, _ word: UInt64) -> UInt64 { (word &- ones &* limit) & ~word & highs }
    return below(1, word ^ (ones &* 0x22)) | below(1, word ^ (ones &* 0x5C)) | below(0x20, word)
  }
}
