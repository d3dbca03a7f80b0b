import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit
import Testing

@testable import BreakthroughUI

/// Words that are true: a delivery made on time and waiting on its customer is never "late".
@Suite struct TrueWordsTests {
  @Test(arguments: [(80, 24), (120, 40)])
  func aDeliveryOnTimeWaitsOnTheCustomerAndALateOneSaysItWasLate(width: Int, height: Int) throws {
    let path = TestLedger.path()
    let ledger = try FileLedger(path: path)
    // Made 30 days ago, due 20 days ago, delivered the day before: on time, then nobody accepted.
    try TestLedger.promise("On time", in: ledger, from: "ana", to: "ben", madeDaysAgo: 30, dueInDays: -20)
    try TestLedger.promise("Late", in: ledger, from: "ana", to: "ben", madeDaysAgo: 30, dueInDays: -20)
    for (label, daysAgo) in [("P1", 21), ("P2", 2)] {
      let at = BoardHarness.now.addingTimeInterval(Double(-daysAgo) * 86_400)
      let context = MoveContext(actor: try Handle("ana"), now: at, zone: BoardHarness.zone)
      try ledger.append { (state) throws(Refusal) in
        try state.deliver(try state.promise(named: label), accepted: false, note: nil, context: context)
      }
    }
    var board = BoardState(
      ledger: try FileLedger(path: path).state, now: BoardHarness.now, zone: BoardHarness.zone, actor: BoardHarness.ana, width: width,
      height: height, isUnicode: true)
    let screen = board.render().text
    #expect(screen.contains("delivered 2026-11-05 ·"), "the detail line of the selection, P1:\n\(screen)")
    #expect(width < 120 || screen.contains("delivered 2026-11-05 · awaiting ben"))
    #expect(!screen.contains("d late"), "neither delivery is counted late on the board")
    #expect(screen.contains("Overdue accountings (0)"))
    #expect(screen.contains("Open promises (0 + 2 delivered)"), "the pane says how its count differs from the header's open")
    BoardHarness.press([.down], on: &board)
    #expect(board.render().text.contains("delivered late Tue"))
  }

  @Test func aByWhenPassedEarlierTodayReadsTheSameInBothPanes() throws {
    var fixture = LedgerState()
    let context = MoveContext(actor: BoardHarness.ana, now: BoardHarness.now.addingTimeInterval(-86_400), zone: BoardHarness.zone)
    // Due today at 09:00; the board is looked at at noon.
    let by = ByWhen(day: LocalMoment(BoardHarness.now, in: BoardHarness.zone).day, minuteOfDay: 9 * 60)
    for event in try fixture.makePromise(what: "Send the minutes", to: try Handle("ben"), by: by, context: context).events {
      fixture.apply(event)
    }
    var board = BoardHarness.board(fixture)
    let screen = board.render().text
    #expect(screen.contains("Overdue accountings (1)"))
    #expect(screen.components(separatedBy: "late today").count >= 3, "the open and the overdue pane both say it:\n\(screen)")
    #expect(!screen.contains("0 d late"))
  }

  /// A long board's figures are read at a glance: thousands marked in the header and the
  /// panes' titles alike.
  @Test func aLongBoardsCountsAreGroupedByThousands() throws {
    var fixture = LedgerState()
    let context = MoveContext(actor: BoardHarness.ana, now: BoardHarness.now.addingTimeInterval(-3 * 86_400), zone: BoardHarness.zone)
    let by = ByWhen(day: LocalMoment(BoardHarness.now.addingTimeInterval(-86_400), in: BoardHarness.zone).day, minuteOfDay: 9 * 60)
    for index in 0..<1_234 {
      for event in try fixture.makePromise(what: "Task \(index)", to: try Handle("ben"), by: by, context: context).events {
        fixture.apply(event)
      }
    }
    var board = BoardHarness.board(fixture, width: 120, height: 40)
    let screen = board.render().text
    #expect(screen.contains("Overdue accountings (1,234)"), "\(screen)")
    #expect(screen.contains("Open promises (1,234)"))
    #expect(screen.contains("unaccounted 1,234 (1,234 d)"))
    #expect(screen.contains("load 1,234 open"))
  }
}

/// Room for what matters: the who-column is as wide as the handles on screen, the text gets the rest.
@Suite struct ColumnWidthTests {
  static func board(_ pairs: [(String, String)], width: Int) throws -> String {
    let path = TestLedger.path()
    let ledger = try FileLedger(path: path)
    for (offset, (performer, customer)) in pairs.enumerated() {
      try TestLedger.promise("Text \(offset)", in: ledger, from: performer, to: customer, dueInDays: 3 + offset)
    }
    var board = BoardState(
      ledger: try FileLedger(path: path).state, now: BoardHarness.now, zone: BoardHarness.zone, actor: BoardHarness.ana, width: width,
      height: 24, isUnicode: true)
    return board.render().text
  }

  @Test(arguments: [80, 120])
  func theWhoColumnIsAsWideAsItsWidestHandle(width: Int) throws {
    let short = try Self.board([("ana", "ben"), ("ben", "ana")], width: width)
    #expect(short.contains("P1 ana → ben Text 0"), "one space after the widest handle pair:\n\(short)")
    let long = try Self.board([("ana", "ben"), ("maximiliana", "bartholomew")], width: width)
    #expect(long.contains("P1 ana → ben                 Text 0"), "as wide as the longest pair on screen:\n\(long)")
    #expect(long.contains("P2 maximiliana → bartholomew Text 1"))
  }
}
