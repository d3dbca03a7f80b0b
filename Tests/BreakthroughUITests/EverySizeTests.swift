import BreakthroughCore
import Foundation
import TerminalKit
import Testing

@testable import BreakthroughUI

/// Every screen at every size from 1×1 to 300×100 (sampled, with each screen's minimum and
/// the sizes just around it): no crash, and every row takes exactly the grid's width.
@Suite struct EverySizeTests {
  static let widths = Array(Set(Array(stride(from: 1, through: 300, by: 23)) + [59, 60, 61, 79, 80, 81, 119, 120, 121, 159, 160, 300]))
    .sorted()
  static let heights = Array(Set(Array(stride(from: 1, through: 100, by: 9)) + [15, 16, 17, 23, 24, 25, 29, 30, 31, 48, 70, 100]))
    .sorted()

  func expectEverySize(_ render: (Int, Int) -> Grid) {
    for width in Self.widths {
      for height in Self.heights {
        let grid = render(width, height)
        #expect(grid.width == width && grid.height == height)
        BoardHarness.expectAligned(grid)
      }
    }
  }

  @Test func theBoard() {
    var board = BoardHarness.board(BoardHarness.demoLedger())
    expectEverySize { width, height in
      board.resize(width: width, height: height)
      return board.drawn()
    }
  }

  @Test func theCheckin() {
    var checkin = CheckinState(
      ledger: BoardHarness.demoLedger(), now: BoardHarness.now, zone: BoardHarness.zone, actor: BoardHarness.ana,
      width: 80, height: 24, isUnicode: true)
    expectEverySize { width, height in
      checkin.resize(width: width, height: height)
      return checkin.drawn()
    }
  }

  @Test(arguments: [0, 1, 2])
  func theMeeting(page: Int) {
    var meeting = MeetingState(
      ledger: BoardHarness.demoLedger(), now: BoardHarness.now, zone: BoardHarness.zone,
      options: .init(showsRates: true), width: 80, height: 24, isUnicode: true)
    meeting.turn(by: page)
    expectEverySize { width, height in
      meeting.resize(width: width, height: height)
      return meeting.drawn()
    }
  }
}
