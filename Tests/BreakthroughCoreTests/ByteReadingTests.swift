import Foundation
import Testing

@testable import BreakthroughCore

/// The shortcuts a ledger line is read by — its bytes checked as UTF-8 without a string, a
/// handle judged from ASCII bytes, a kind found by its bytes — each held to the slow way it
/// replaces, on every input that could tell them apart.
@Suite struct ByteReadingTests {
  static func isWellFormed(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { $0.isWellFormedUTF8 }
  }

  static func swiftTakes(_ bytes: [UInt8]) -> Bool {
    String(validating: bytes, as: UTF8.self) != nil
  }

  @Test func utf8IsCheckedAsSwiftChecksIt() {
    // Every sequence of one or two bytes.
    for first in 0...255 {
      #expect(Self.isWellFormed([UInt8(first)]) == Self.swiftTakes([UInt8(first)]), "\(first)")
      for second in 0...255 {
        let bytes = [UInt8(first), UInt8(second)]
        #expect(Self.isWellFormed(bytes) == Self.swiftTakes(bytes), "\(bytes)")
      }
    }
    // Three and four bytes after every lead byte, the others at the edges of every range.
    let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF4, 0xFF]
    for lead in 0xC0...0xFF {
      for second in edges {
        for third in edges {
          let three = [UInt8(lead), second, third]
          #expect(Self.isWellFormed(three) == Self.swiftTakes(three), "\(three)")
          for fourth in edges {
            let four = three + [fourth]
            #expect(Self.isWellFormed(four) == Self.swiftTakes(four), "\(four)")
          }
        }
      }
    }
    // Longer runs of text with bytes cut, put in or changed.
    var generator = SeededGenerator(seed: 8)
    let text = Array("naïve café ✅ 李娜 😀 plain".utf8)
    #expect(Self.isWellFormed(text))
    for _ in 0..<20_000 {
      var bytes = text
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        let at = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(UInt8.random(in: 0x80...0xFF, using: &generator), at: at)
        default: bytes[at] = UInt8.random(in: 0...0xFF, using: &generator)
        }
      }
      #expect(Self.isWellFormed(bytes) == Self.swiftTakes(bytes), "\(bytes)")
    }
  }

  @Test func aStringIsSteppedOverAsTheParserReadsIt() {
    // Strings long enough to be read eight bytes at a time, with each special byte at each place.
    let specials: [[UInt8]] = [
      [0x22], [0x5C, 0x6E], [0x5C], [0x00], [0x1F], [0x20], [0x7F], [0xC3, 0xA9], [0xC3], [0xFF], [0x21], [0x5B],
    ]
    for length in 0..<20 {
      for special in specials {
        for place in 0...length {
          var characters = Array(repeating: UInt8(ascii: "a"), count: length)
          characters.insert(contentsOf: special, at: place)
          let line = Array("{\"k\":\"".utf8) + characters + Array("\"}".utf8)
          LineReadingTests.expectSameReading(line, "a string of \(length) with \(special) at \(place)")
          let members = line.withUnsafeBufferPointer { buffer in (try? JSONMembers.read(buffer))?["k"] }
          let tree = line.withUnsafeBufferPointer { buffer in (try? JSONParser.parse(buffer))?["k"] }
          #expect(members == tree, "\(line)")
        }
      }
    }
  }

  /// Names sharing hashes, names twice, names escaped, more names than the table holds: the
  /// first member of each name is found, as the tree finds it, and a missing one is missing.
  @Test func aMemberIsFoundByNameAsTheTreeFindsIt() {
    let alphabet = ["a", "b", "v", "\\u0061", "é"]
    var names = [""]
    for first in alphabet {
      names.append(first)
      for second in alphabet { names.append(first + second) }
    }
    var generator = SeededGenerator(seed: 255)
    for round in 0..<600 {
      let count = round % 100 == 0 ? 300 : Int.random(in: 0...20, using: &generator)
      let members = (0..<count).map { index in
        "\"\(names.randomElement(using: &generator) ?? "")\(round % 3 == 0 ? "" : "\(index % 7)")\":\(index)"
      }
      let line = Array(("{" + members.joined(separator: ",") + "}").utf8)
      line.withUnsafeBufferPointer { buffer in
        guard let read = try? JSONMembers.read(buffer), let tree = try? JSONParser.parse(buffer) else {
          Issue.record("not read: \(String(decoding: line, as: UTF8.self))")
          return
        }
        for name in names + names.map({ $0 + "3" }) + ["x", "aaa"] {
          let unescaped = name.replacingOccurrences(of: "\\u0061", with: "a")
          #expect(read[unescaped] == tree[unescaped], "\(unescaped) in \(String(decoding: line, as: UTF8.self))")
          #expect(read.contains(unescaped) == (tree[unescaped] != nil))
        }
      }
    }
  }

  @Test func anASCIIHandleIsJudgedAsTheRuleJudgesIt() {
    let alphabet = Array("az09._-A Z@é李".unicodeScalars).map(String.init)
    var texts = [""] + alphabet
    for first in alphabet { for second in alphabet { texts.append(first + second) } }
    var generator = SeededGenerator(seed: 32)
    for _ in 0..<5_000 {
      texts.append((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" }.joined())
    }
    texts += [String(repeating: "a", count: 32), String(repeating: "a", count: 33), "李" + String(repeating: "a", count: 31)]
    for text in texts {
      #expect(Handle.isValid(text) == Handle.isValidByScalars(text), "\(text)")
      if let verdict = Handle.asciiVerdict(text.utf8) { #expect(verdict == Handle.isValidByScalars(text), "\(text)") }
    }
    #expect(Handle.asciiVerdict("ana".utf8) == true)
    #expect(Handle.asciiVerdict("李娜".utf8) == nil)
    #expect(Handle.asciiVerdict(String(repeating: "a", count: 33).utf8) == false)
  }

  @Test func aKindIsFoundByItsBytes() {
    for kind in EventKind.allCases {
      var name = kind.name
      #expect(name.withUTF8 { EventKind(utf8: $0) } == kind)
    }
    for name in ["", "promise", "promise.mad", "promise.made2", "Promise.made", "promise.madé", " promise.made"] {
      var copy = name
      #expect(copy.withUTF8 { EventKind(utf8: $0) } == nil, "\(name)")
    }
  }
}
