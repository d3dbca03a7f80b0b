import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// The ledger reader on bad bytes, seeded and bounded: it never crashes, and whatever it
/// refuses or leaves out is named by file and line.
@Suite struct LedgerFuzzTests {
  static let zone = TimeZone(identifier: "UTC") ?? .current

  /// Three good lines from the demo ledger's start, as the file would hold them.
  static let goodLines: [String] = DemoLedger.events(now: Date(timeIntervalSince1970: 1_790_000_000), zone: zone)
    .prefix(12).map { EventCoding.line(for: $0) }

  static func write(_ bytes: [UInt8]) throws -> String {
    let path = Scratch.url.appendingPathComponent("fuzz-\(UUID().uuidString).jsonl").path
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw CocoaError(.fileWriteUnknown) }
    return path
  }

  /// Opens the ledger and tries a write; every message must name the file and a line.
  static func expectNamedRefusalsOnly(_ bytes: [UInt8], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = try write(bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let ledger: FileLedger
    do { ledger = try FileLedger(path: path) } catch {
      Issue.record("\(label): opening threw instead of reporting: \(error)", sourceLocation: sourceLocation)
      return
    }
    let pattern = "\(path):"
    for warning in ledger.takeWarnings() {
      #expect(
        warning.hasPrefix(pattern) && warning.dropFirst(pattern.count).first?.isNumber == true,
        "\(label): a warning without file and line: \(warning)", sourceLocation: sourceLocation)
    }
    let by = ByWhen(day: LocalMoment(Date(), in: zone).day.adding(days: 30))
    let context = MoveContext(actor: try Handle("fuzz"), now: Date(), zone: zone)
    let customer = try Handle("ben")
    do throws(StoreError) {
      try ledger.append { (state) throws(Refusal) in try state.makePromise(what: "After fuzz", to: customer, by: by, context: context) }
      let reopened = try FileLedger(path: path)
      #expect(
        reopened.state.promises.readEach().contains { $0.what == "After fuzz" }, "\(label): the append is readable",
        sourceLocation: sourceLocation)
    } catch {
      guard case .damaged(let damagedPath, let line, _) = error else {
        Issue.record("\(label): an unexpected refusal: \(error)", sourceLocation: sourceLocation)
        return
      }
      #expect(damagedPath == path && line >= 1, "\(label)", sourceLocation: sourceLocation)
      let after = FileManager.default.contents(atPath: path).map(Array.init) ?? []
      #expect(after == bytes, "\(label): a refused write leaves the file as it was", sourceLocation: sourceLocation)
    }
  }

  @Test func randomBytes() throws {
    var generator = SeededGenerator(seed: 1)
    let alphabet = Array("{}[]\":,\\ntruefalsenull0123456789.-eE \n\t\u{0}".utf8) + [0xFF, 0xC3, 0x28, 0xE2, 0x82]
    for round in 0..<300 {
      let count = Int.random(in: 0...2048, using: &generator)
      let bytes: [UInt8] =
        round % 2 == 0
        ? (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        : (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
      try Self.expectNamedRefusalsOnly(bytes, "random bytes round \(round)")
    }
  }

  @Test func goodLinesCutAnywhereAndMixedWithDamage() throws {
    var generator = SeededGenerator(seed: 2)
    let text = Array((Self.goodLines.joined(separator: "\n") + "\n").utf8)
    for round in 0..<200 {
      var bytes = text
      switch round % 4 {
      case 0: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
      case 1: bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      case 2: bytes.insert(contentsOf: [0xC3, 0x28, 0xFF], at: Int.random(in: 0..<bytes.count, using: &generator))
      default: bytes.removeSubrange(Int.random(in: 0..<bytes.count / 2, using: &generator)..<bytes.count / 2)
      }
      try Self.expectNamedRefusalsOnly(bytes, "cut or damaged round \(round)")
    }
  }

  @Test func aTenMegabyteLineADeepNestAndWrongShapes() throws {
    let long =
      #"{"v":1,"id":"long","at":"2026-11-26T12:00:00.000Z","actor":"ana","kind":"promise.made","what":""#
      + String(repeating: "x", count: 10_000_000) + "\"}"
    let shapes = [
      long, String(repeating: "[", count: 1_000_000), String(repeating: "{\"a\":", count: 100_000),
      "[]", "1", "\"text\"", "null", "{}", #"{"v":1}"#, #"{"v":"one","id":2,"kind":[]}"#,
      #"{"v":1,"id":"x","at":"yesterday","actor":"ana","kind":"promise.made"}"#,
      #"{"v":1,"id":"x","at":"2026-11-26T12:00:00.000Z","actor":"","kind":"promise.delivered","promise":7}"#,
      #"{"v":1,"id":"x","at":"2026-11-26T12:00:00.000Z","actor":"ana","kind":"promise.made","number":-5,"performer":"a","customer":"b","what":"w","by":"2026-13-45"}"#,
      #"{"v":1e999,"id":"\ud800","at":"2026-11-26T12:00:00.000Z","actor":"ana","kind":"promise.made"}"#,
    ]
    for (index, shape) in shapes.enumerated() {
      for placement in ["middle", "last"] {
        let lines = placement == "middle" ? [Self.goodLines[0], shape, Self.goodLines[1]] : [Self.goodLines[0], shape]
        try Self.expectNamedRefusalsOnly(Array((lines.joined(separator: "\n") + "\n").utf8), "shape \(index) (\(placement))")
      }
    }
  }

  @Test func aRepeatedLineIsLeftOutAndNamed() throws {
    let text = (Self.goodLines + [Self.goodLines[2], Self.goodLines[5]]).joined(separator: "\n") + "\n"
    let path = try Self.write(Array(text.utf8))
    let ledger = try FileLedger(path: path)
    let once = try FileLedger(path: try Self.write(Array((Self.goodLines.joined(separator: "\n") + "\n").utf8)))
    #expect(
      ledger.state.promises.readEach().map(\.state) == once.state.promises.readEach().map(\.state), "a repeated event changes nothing")
    #expect(ledger.state.promises.count == once.state.promises.count)
    let leftOut = ledger.state.leftOut
    let repeatedIDs = [Self.goodLines[2], Self.goodLines[5]].map { line -> String? in
      guard case .event(let event)? = try? EventCoding.decode(line) else { return nil }
      return event.id
    }
    #expect(leftOut.map(\.eventID) == repeatedIDs, "both repeats are left out, in ledger order")
    #expect(leftOut.allSatisfy { $0.reason.contains("already") }, "\(leftOut.map(\.reason))")
  }
}
