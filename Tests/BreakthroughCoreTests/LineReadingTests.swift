import Foundation
import Testing

@testable import BreakthroughCore

/// A ledger line is read from where its members lie in the bytes (`JSONMembers`), not from a
/// tree of values: every line, good or hostile, must read exactly as the tree reads it — the
/// same event, or the same refusal word for word — or two versions would disagree on a ledger.
@Suite struct LineReadingTests {
  static let zone = TimeZone(identifier: "UTC") ?? .current

  /// Every kind the demo ledger writes, as lines.
  static let goodLines: [String] = DemoLedger.events(now: Date(timeIntervalSince1970: 1_790_000_000), zone: zone)
    .map { EventCoding.line(for: $0) }

  /// How a reading came out, in words that tell any two outcomes apart.
  static func outcome(_ result: Result<EventCoding.Line, Refusal>) -> String {
    switch result {
    case .success(.event(let event)): return "event " + EventCoding.line(for: event)
    case .success(.unknownKind(let kind)): return "unknown kind " + kind
    case .failure(let refusal): return "refused: " + refusal.message
    }
  }

  static func read(_ bytes: [UInt8]) -> String {
    outcome(bytes.withUnsafeBufferPointer { buffer in Result { () throws(Refusal) in try EventCoding.decode(buffer) } })
  }

  /// The line read as a tree of values, field by field, as lines were read before.
  static func readAsTree(_ bytes: [UInt8]) -> String {
    outcome(
      bytes.withUnsafeBufferPointer { buffer in
        Result { () throws(Refusal) -> EventCoding.Line in
          let value: JSONValue
          do throws(JSONParser.Failure) { value = try JSONParser.parse(buffer) } catch {
            throw Refusal("not JSON (\(error.reason) at byte \(error.offset + 1))")
          }
          guard case .object = value else { throw Refusal("not a JSON object") }
          return try EventCoding.decode(FieldReader(value: value))
        }
      })
  }

  static func expectSameReading(_ line: [UInt8], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let read = read(line)
    let tree = readAsTree(line)
    #expect(read == tree, "\(label): \(String(decoding: line, as: UTF8.self))", sourceLocation: sourceLocation)
  }

  @Test func everyKindReadsAsItWasWritten() throws {
    #expect(Self.goodLines.count > 20)
    for line in Self.goodLines {
      let read = Self.read(Array(line.utf8))
      #expect(read == "event " + line)
      Self.expectSameReading(Array(line.utf8), "good")
    }
  }

  /// Lines written by hand the way no program writes them.
  @Test func handWrittenLinesReadAsTheTreeReadsThem() throws {
    let made = try #require(Self.goodLines.first { $0.contains("\"promise.made\"") })
    let delivered = try #require(Self.goodLines.first { $0.contains("\"promise.delivered\"") })
    let notKept = Self.goodLines.first { $0.contains("\"then\":{") } ?? made
    let variants: [(String, String)] = [
      ("a name escaped", made.replacingOccurrences(of: "\"what\":", with: "\"wh\\u0061t\":")),
      ("the version escaped", made.replacingOccurrences(of: "\"v\":", with: "\"\\u0076\":")),
      ("a value escaped", made.replacingOccurrences(of: "\"kind\":\"promise.made\"", with: "\"kind\":\"promise\\u002emade\"")),
      ("a name twice", made.replacingOccurrences(of: "{\"v\":1,", with: "{\"v\":1,\"what\":\"first\",")),
      ("a name twice, escaped first", made.replacingOccurrences(of: "{\"v\":1,", with: "{\"v\":1,\"wh\\u0061t\":\"first\",")),
      ("white space everywhere", made.replacingOccurrences(of: ",", with: " ,\t").replacingOccurrences(of: ":", with: " : ")),
      ("white space around", "  \t" + made + " \r "),
      ("the version as 1.0", made.replacingOccurrences(of: "\"v\":1", with: "\"v\":1.0")),
      ("the version as 1e0", made.replacingOccurrences(of: "\"v\":1", with: "\"v\":1e0")),
      ("the version as -1", made.replacingOccurrences(of: "\"v\":1", with: "\"v\":-1")),
      ("the version as 01", made.replacingOccurrences(of: "\"v\":1", with: "\"v\":01")),
      ("the version as -0", made.replacingOccurrences(of: "\"v\":1", with: "\"v\":-0")),
      ("the version as text", made.replacingOccurrences(of: "\"v\":1", with: "\"v\":\"1\"")),
      ("the version huge", made.replacingOccurrences(of: "\"v\":1", with: "\"v\":1234567890123456789012")),
      ("the version 1e400", made.replacingOccurrences(of: "\"v\":1", with: "\"v\":1e400")),
      ("a number of 15 digits", made.replacingOccurrences(of: "\"number\":", with: "\"number\":999999999999999,\"x\":")),
      ("a number of 16 digits", made.replacingOccurrences(of: "\"number\":", with: "\"number\":9999999999999999,\"x\":")),
      ("a number negative", made.replacingOccurrences(of: "\"number\":", with: "\"number\":-3,\"x\":")),
      ("a number as a fraction", made.replacingOccurrences(of: "\"number\":", with: "\"number\":2.5,\"x\":")),
      ("a flag as text", delivered.replacingOccurrences(of: "\"accepted\":true", with: "\"accepted\":\"true\"")),
      ("a flag as null", delivered.replacingOccurrences(of: "\"accepted\":true", with: "\"accepted\":null")),
      ("a note as a number", delivered.replacingOccurrences(of: "\"note\":", with: "\"note\":3,\"y\":")),
      ("a note as an object", delivered.replacingOccurrences(of: "\"note\":", with: "\"note\":{\"a\":[1,2]},\"y\":")),
      ("then as text", notKept.replacingOccurrences(of: "\"then\":{", with: "\"then\":\"x\",\"t\":{")),
      ("then escaped inside", notKept.replacingOccurrences(of: "\"then\":{\"id\"", with: "\"then\":{\"\\u0069d\"")),
      (
        "an unknown field, deep",
        made.replacingOccurrences(
          of: "{\"v\":1,", with: "{\"v\":1,\"z\":" + String(repeating: "[", count: 62) + String(repeating: "]", count: 62) + ",")
      ),
      (
        "an unknown field, too deep",
        made.replacingOccurrences(
          of: "{\"v\":1,", with: "{\"v\":1,\"z\":" + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + ",")
      ),
      ("the time escaped", made.replacingOccurrences(of: "\"at\":\"2", with: "\"at\":\"\\u0032")),
      ("the time as null", made.replacingOccurrences(of: "\"at\":\"", with: "\"at\":null,\"x\":\"")),
      ("the time no day", made.replacingOccurrences(of: "\"at\":\"2", with: "\"at\":\"9999-02-30T00:00:00.000Z\",\"x\":\"")),
      ("the time short", made.replacingOccurrences(of: "\"at\":\"", with: "\"at\":\"2026-11-26T23:50Z\",\"x\":\"")),
      ("the time in ten digits", made.replacingOccurrences(of: "\"at\":\"", with: "\"at\":\"2026-11-26T23:50:00.0123456789Z\",\"x\":\"")),
      ("the time twice", made.replacingOccurrences(of: "{\"v\":1,", with: "{\"v\":1,\"at\":\"2026-11-26T23:50:00Z\",")),
      ("the by escaped", made.replacingOccurrences(of: "\"by\":\"2", with: "\"by\":\"\\u0032")),
      ("the by with a time", made.replacingOccurrences(of: "\"by\":\"", with: "\"by\":\"2026-11-28T17:00\",\"x\":\"")),
      ("the by at 24:00", made.replacingOccurrences(of: "\"by\":\"", with: "\"by\":\"2026-11-28T24:00\",\"x\":\"")),
      ("the by as a number", made.replacingOccurrences(of: "\"by\":\"", with: "\"by\":20261128,\"x\":\"")),
      ("a kind unknown", made.replacingOccurrences(of: "\"kind\":\"promise.made\"", with: "\"kind\":\"promise.mad\"")),
      ("a kind longer", made.replacingOccurrences(of: "\"kind\":\"promise.made\"", with: "\"kind\":\"promise.made2\"")),
      ("a kind not ASCII", made.replacingOccurrences(of: "\"kind\":\"promise.made\"", with: "\"kind\":\"promise.madé\"")),
      ("a kind as a number", made.replacingOccurrences(of: "\"kind\":\"promise.made\"", with: "\"kind\":3")),
      ("the actor upper case", made.replacingOccurrences(of: "\"actor\":\"", with: "\"actor\":\"Z")),
      ("the actor not ASCII", made.replacingOccurrences(of: "\"actor\":\"", with: "\"actor\":\"李")),
      ("the actor after a dash", made.replacingOccurrences(of: "\"actor\":\"", with: "\"actor\":\"-")),
      ("the actor too long", made.replacingOccurrences(of: "\"actor\":\"", with: "\"actor\":\"" + String(repeating: "a", count: 32))),
      ("the actor escaped", made.replacingOccurrences(of: "\"actor\":\"", with: "\"actor\":\"\\u0061")),
      ("a note as null", delivered.replacingOccurrences(of: "\"note\":", with: "\"note\":null,\"y\":")),
      ("a note as null, spaced", delivered.replacingOccurrences(of: "\"note\":", with: "\"note\": null ,\"y\":")),
      ("then twice", notKept.replacingOccurrences(of: "\"then\":{", with: "\"then\":null,\"then\":{")),
      ("a name twice inside then", notKept.replacingOccurrences(of: "\"then\":{", with: "\"then\":{\"what\":\"first\",")),
      ("a text not ASCII", made.replacingOccurrences(of: "\"what\":\"", with: "\"what\":\"naïve ✅ 李娜 😀 ")),
      ("an empty name", made.replacingOccurrences(of: "{\"v\":1,", with: "{\"\":1,\"v\":1,")),
      ("a surrogate pair", made.replacingOccurrences(of: "\"what\":\"", with: "\"what\":\"\\ud83d\\ude00 ")),
      ("a lone surrogate", made.replacingOccurrences(of: "\"what\":\"", with: "\"what\":\"\\ud83d ")),
      ("text after the object", made + "x"),
      ("two objects", made + made),
      ("no closing brace", String(made.dropLast())),
      ("a trailing comma", String(made.dropLast()) + ",}"),
      ("an array", "[" + made + "]"),
      ("a string", "\"" + made.replacingOccurrences(of: "\"", with: "\\\"") + "\""),
      ("a number", "12"),
      ("nothing", ""),
      ("only space", "   "),
      ("an empty object", "{}"),
    ]
    for (label, line) in variants { Self.expectSameReading(Array(line.utf8), label) }
    // Bytes no text holds: a control character, bad UTF-8, a NUL, inside a value and a name.
    let line = Array(made.utf8)
    let whatAt = try #require(made.range(of: "\"what\":\"")).upperBound.utf16Offset(in: made)
    for bad: [UInt8] in [[0x01], [0x00], [0x1F], [0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC3, 0xA9]] {
      Self.expectSameReading(Array(line[..<whatAt]) + bad + Array(line[whatAt...]), "bytes \(bad) in a value")
      Self.expectSameReading(Array(line[..<2]) + bad + Array(line[2...]), "bytes \(bad) in a name")
    }
  }

  /// Seeded damage to every good line: a byte cut, put in, or changed, many times over.
  @Test func damagedLinesReadAsTheTreeReadsThem() {
    var generator = SeededGenerator(seed: 28)
    let alphabet = Array("{}[]\":,\\/ntruefalsenull0123456789.-+eEu \t".utf8) + [0x00, 0x0A, 0x7F, 0xFF, 0xC3, 0xA9, 0xE2, 0x82]
    for round in 0..<4_000 {
      var line = Array(Self.goodLines[round % Self.goodLines.count].utf8)
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        let at = Int.random(in: 0..<line.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: line.remove(at: at)
        case 1: line.insert(alphabet.randomElement(using: &generator) ?? 0x20, at: at)
        default: line[at] = alphabet.randomElement(using: &generator) ?? 0x20
        }
      }
      Self.expectSameReading(line, "round \(round)")
    }
  }
}
