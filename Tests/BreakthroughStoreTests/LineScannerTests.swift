import BreakthroughCore
import Foundation
import Testing

@testable import BreakthroughStore

/// A fold that reads its lines in pieces on every core ends exactly where one reading them all
/// on one thread ends: the same state, the same left-out events, the same warnings, whatever
/// the lines hold and wherever the pieces are cut.
@Suite struct LineScannerTests {
  static let zone = TimeZone(identifier: "UTC") ?? .current
  static let demoLines = DemoLedger.events(now: Date(timeIntervalSince1970: 1_790_000_000), zone: zone).map {
    EventCoding.line(for: $0)
  }

  /// Lines that are no event this fold can apply: a newer kind, an object missing fields,
  /// not JSON, bad UTF-8, an empty line, and a forged acceptance by the wrong person.
  static let hostileLines: [[UInt8]] = [
    Array(#"{"v":1,"id":"new","at":"2026-11-26T12:00:00.000Z","actor":"ana","kind":"promise.teleported"}"#.utf8),
    Array(#"{"v":1,"id":"half","at":"2026-11-26T12:00:00.000Z","actor":"ana","kind":"promise.made","number":900}"#.utf8),
    Array(#"{"v":1,"id":"x","at":"yesterday","actor":"ana","kind":"promise.delivered"}"#.utf8),
    Array("not json at all".utf8), Array("{\"v\":1,".utf8), [0xC3, 0x28, 0xFF], [],
    Array(#"{"v":1,"id":"forged","at":"2026-11-26T12:00:00.000Z","actor":"李娜","kind":"promise.accepted","promise":"nope"}"#.utf8),
  ]

  /// A ledger of `count` lines: the demo's events, repeated ones (left out by the rule book)
  /// and hostile lines, mixed by `seed`; its end is whole, torn, or a damaged last line.
  static func ledger(seed: UInt64, count: Int) -> [UInt8] {
    var generator = SeededGenerator(seed: seed)
    var bytes: [UInt8] = []
    for index in 0..<count {
      let line: [UInt8] =
        index < demoLines.count && Int.random(in: 0..<4, using: &generator) > 0
        ? Array(demoLines[index].utf8)
        : Int.random(in: 0..<2, using: &generator) == 0
          ? (hostileLines.randomElement(using: &generator) ?? [])
          : Array((demoLines.randomElement(using: &generator) ?? "").utf8)
      bytes += line + [0x0A]
    }
    switch seed % 3 {
    case 0: bytes += Array(#"{"v":1,"id":"torn","at":"2026-11-2"#.utf8)
    case 1: bytes += Array("{\"v\":1,\n".utf8)
    default: break
    }
    return bytes
  }

  struct Outcome: Equatable {
    let consumed: Int
    let lines: Int
    let damage: String?
    let unknownKinds: [String]
    let tailProblem: String?
    let leftOut: [LeftOutEvent]
    let eventCount: Int
    let snapshot: [UInt8]
  }

  static func scan(_ bytes: [UInt8], pieceBytes: Int, firstLine: Int = 1) -> Outcome {
    var scanner = LineScanner(pieceBytes: pieceBytes)
    var state = LedgerState()
    scanner.scan(bytes, firstLine: firstLine, into: &state)
    return Outcome(
      consumed: scanner.consumed, lines: scanner.lines, damage: scanner.damage.map { "\($0.line): \($0.reason)" },
      unknownKinds: scanner.unknownKinds.map { "\($0.line): \($0.kind)" }, tailProblem: scanner.tailProblem,
      leftOut: state.leftOut, eventCount: state.eventCount, snapshot: state.snapshot())
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6])
  func piecesOnEveryCoreFoldAsOneThreadDoes(seed: UInt64) {
    let bytes = Self.ledger(seed: seed, count: 60 + Int(seed) * 40)
    let alone = Self.scan(bytes, pieceBytes: Int.max)
    #expect(alone.lines > 0 && !alone.leftOut.isEmpty, "the ledger has lines the rule book leaves out")
    for pieceBytes in [1, 37, 300, 4_096] {
      #expect(Self.scan(bytes, pieceBytes: pieceBytes) == alone, "pieces of \(pieceBytes) bytes, seed \(seed)")
    }
  }

  @Test func aTornOrDamagedEndIsSaidAsByOneThread() {
    let good = Array((Self.demoLines.prefix(20).joined(separator: "\n") + "\n").utf8)
    let ends: [(bytes: [UInt8], consumed: Int, tail: String?, damagedLine: Int?)] = [
      ([], good.count, nil, nil),
      (Array("{\"v\":1,".utf8), good.count, "the last line has no line end", nil),
      (Array("garbage\n".utf8), good.count, "not JSON (unexpected character at byte 1)", nil),
      (Array("garbage\n{\"v\"".utf8), good.count + 8, "the last line has no line end", 27),
    ]
    for end in ends {
      let alone = Self.scan(good + end.bytes, pieceBytes: Int.max, firstLine: 7)
      #expect(Self.scan(good + end.bytes, pieceBytes: 50, firstLine: 7) == alone)
      #expect(alone.consumed == end.consumed && alone.tailProblem == end.tail, "\(alone.consumed) \(String(describing: alone.tailProblem))")
      #expect(alone.damage?.hasPrefix("\(end.damagedLine ?? 0):") ?? (end.damagedLine == nil), "\(String(describing: alone.damage))")
    }
  }
}
