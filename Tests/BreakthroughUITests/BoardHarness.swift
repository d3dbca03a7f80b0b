import BreakthroughCore
import BreakthroughTestSupport
import BreakthroughUI
import Foundation
import TerminalKit
import Testing

/// Builds boards headlessly at a fixed moment, and compares screens with stored copies.
enum BoardHarness {
  static let zone = TimeZone(identifier: "UTC") ?? .current
  /// Thursday 2026-11-26, noon.
  static let now = Timestamp.parse("2026-11-26T12:00:00.000Z") ?? Date()
  static let ana = handle("ana")

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

  /// Compares a screen with `Golden/NAME.txt` (`Golden.check`).
  static func expectScreen(_ grid: Grid, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    Golden.check(grid.text + "\n", named: name + ".txt", in: goldenFolder, sourceLocation: sourceLocation)
  }

  /// Every row of a screen takes exactly its width in cells: borders line up.
  static func expectAligned(_ grid: Grid, sourceLocation: SourceLocation = #_sourceLocation) {
    for row in 0..<grid.height {
      let cells = (0..<grid.width).reduce(0) { $0 + grid[row, $1].width }
      #expect(cells == grid.width, "row \(row) takes \(cells) cells: \(grid.text(row: row))", sourceLocation: sourceLocation)
    }
  }
}
