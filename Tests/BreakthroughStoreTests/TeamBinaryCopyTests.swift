import Foundation
import Testing

@testable import BreakthroughStore

/// A binary copy's rows are read the same however the server cut them into pieces; NULL and
/// empty fields, bytes of every value, and a copy that is not one are told apart.
@Suite struct TeamBinaryCopyTests {
  static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 3] + [7, 7, 7]

  static func int32(_ value: Int) -> [UInt8] { withUnsafeBytes(of: Int32(value).bigEndian, Array.init) }

  /// A row as the server writes it: its number of fields, then each as length and bytes.
  static func row(_ fields: [[UInt8]?]) -> [UInt8] {
    var bytes: [UInt8] = [0, UInt8(fields.count)]
    for field in fields { bytes += field.map { Self.int32($0.count) + $0 } ?? Self.int32(-1) }
    return bytes
  }

  static let end: [UInt8] = [0xFF, 0xFF]

  /// Each row's fields, reading `copy` in pieces of `size` bytes (NULL as nil).
  static func read(_ copy: [UInt8], inPiecesOf size: Int) throws -> (rows: [[[UInt8]?]], finished: Bool) {
    var reader = BinaryCopyRows()
    var rows: [[[UInt8]?]] = []
    for start in stride(from: 0, to: copy.count, by: size) {
      try copy[start..<min(start + size, copy.count)].withUnsafeBufferPointer { piece in
        try reader.take(piece) { row in
          rows.append((0..<row.count).map { row.field($0).baseAddress == nil ? nil : Array(row.field($0)) })
        }
      }
    }
    return (rows, reader.finished)
  }

  @Test func rowsAreTheSameHoweverTheyAreCut() throws {
    let line = Array("{\"what\":\"tab\tback\\\\slash\"}".utf8) + [0x0A, 0x0D, 0x00, 0xFF]
    let long = [UInt8](repeating: 0x61, count: 70_000)
    let expected: [[[UInt8]?]] = [[line, Array(0..<32)], [[], nil], [long, [0xFF, 0xFF]]]
    let copy = Self.header + expected.flatMap(Self.row) + Self.end
    for size in [1, 2, 3, 7, 19, 4096, copy.count] {
      let read = try Self.read(copy, inPiecesOf: size)
      #expect(read.rows == expected, "pieces of \(size)")
      #expect(read.finished)
    }
    let cut = try Self.read(Array((Self.header + Self.row([line])).dropLast()), inPiecesOf: 5)
    #expect(cut.rows.isEmpty)
    #expect(!cut.finished, "a copy cut off before its end is not finished")
  }

  @Test func whatIsNotABinaryCopyIsRefused() throws {
    let damaged: [(String, [UInt8])] = [
      ("text", Array("{\"v\":1}\t\\\\x00\n".utf8) + [UInt8](repeating: 0x20, count: 20)),
      ("negative fields", Self.header + [0x80, 0x00]),
      ("negative length", Self.header + [0, 1] + Self.int32(-2)),
      ("after the end", Self.header + Self.end + Self.row([[1]])),
    ]
    for (what, copy) in damaged {
      #expect(throws: BinaryCopyRows.Malformed.self, "\(what)") { _ = try Self.read(copy, inPiecesOf: 3) }
    }
  }
}
