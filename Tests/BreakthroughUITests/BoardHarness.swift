import BreakthroughCore
import BreakthroughUI
import Foundation
import TerminalKit
import Testing

/// Builds boards headlessly at a fixed moment, and compares screens with stored copies.
enum BoardHarness {
  static let zone = TimeZone(identifier: "UTC") ?? .current
  /// Thursday 2026-11-26, noon.
  static let now = Timestamp.parse("2026-11-26T12:00:00.000Z") ?? Date()
  static let ana = (try? Handle("ana")) ?? { fatalError() }()

  static func demoLedger() -> LedgerState {
    var state = LedgerState()
    for event in DemoLedger.events(now: now, zone: zone) { state.apply(event) }
    return state
  }

  static func board(_ ledger: LedgerState = LedgerState(), width: Int = 120, height: Int = 40, isUnicode: Bool = true) -> BoardState {
    BoardState(ledger: ledger, now: now, zone: zone, actor: ana, width: width, height: height, isUnicode: isUnicode)
  }

  /// Presses keys in order; returns the effects of them all.
  @discardableResult
  static func press(_ keys: [Key], on board: inout BoardState) -> [ScreenEffect] {
    keys.flatMap { board.handle($0) }
  }

  static func type(_ text: String) -> [Key] { text.map { .character($0) } }

  static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  /// Compares a screen with `Golden/NAME.txt`; with BREAKTHROUGH_RECORD_GOLDEN=1 it stores it instead (and fails).
  static func expectScreen(_ grid: Grid, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let file = goldenFolder.appendingPathComponent(name + ".txt")
    let text = grid.text + "\n"
    if ProcessInfo.processInfo.environment["BREAKTHROUGH_RECORD_GOLDEN"] == "1" {
      // Recording fails the test, as a snapshot library does: a recorded screen must be read
      // and the run repeated without the variable before anything passes.
      do {
        try text.write(to: file, atomically: true, encoding: .utf8)
        Issue.record(
          "recorded Golden/\(name).txt: read it, then run again without BREAKTHROUGH_RECORD_GOLDEN", sourceLocation: sourceLocation)
      } catch {
        Issue.record("could not record Golden/\(name).txt: \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
      Issue.record("no stored screen \(name).txt: run with BREAKTHROUGH_RECORD_GOLDEN=1 and read it", sourceLocation: sourceLocation)
      return
    }
    #expect(text == stored, "screen \(name) differs from Golden/\(name).txt:\n\(text)", sourceLocation: sourceLocation)
  }

  /// Every row of a screen takes exactly its width in cells: borders line up.
  static func expectAligned(_ grid: Grid, sourceLocation: SourceLocation = #_sourceLocation) {
    for row in 0..<grid.height {
      let cells = (0..<grid.width).reduce(0) { $0 + grid[row, $1].width }
      #expect(cells == grid.width, "row \(row) takes \(cells) cells: \(grid.text(row: row))", sourceLocation: sourceLocation)
    }
  }
}
