import BreakthroughCore
import Foundation
import TerminalKit
import Testing

@testable import BreakthroughUI

/// The meeting's page "Why promises slipped (last 4 weeks)": a bar per reason, largest first.
@Suite struct SlipPageTests {
  /// The demo's misses in the last four weeks, counted from how `DemoLedger` accounts them.
  @Test(arguments: [(80, 24), (120, 40), (160, 48)])
  func theLastPageIsWhyPromisesSlipped(width: Int, height: Int) throws {
    let path = try MeetingScreenTests.demoPath()
    let (app, terminal) = try MeetingScreenTests.meeting(path, clock: TestClock(), width: width, height: height)
    app.step(.key(.left))
    #expect(app.state.page == .slips)
    let screen = terminal.screen.text
    let since = SlipReport.start(ofLast: 4, before: LocalMoment(BoardHarness.now, in: BoardHarness.zone), in: BoardHarness.zone)
    let report = SlipReport(app.state.ledger, since: since)
    #expect(report.rows.first?.key == "waiting", "the demo's largest cause")
    #expect(screen.contains("Why promises slipped (last 4 weeks): \(report.total) misses since 2026-10-29"))
    let order = try report.rows.map { row in try #require(screen.range(of: "\n  " + (row.key ?? "no reason given") + " ")).lowerBound }
    #expect(order == order.sorted(), "largest first, as the report orders them")
    #expect(screen.contains("\(report.rows[0].count) · \(FigureWords.rate(report.rows[0].share))"))
    BoardHarness.expectAligned(terminal.screen)
    BoardHarness.expectScreen(terminal.screen, matches: "meeting-slips-\(width)x\(height)")
  }

  @Test func aLedgerWithoutMissesHasNoSuchPage() {
    let pages = MeetingState.pages(for: LedgerState(), options: .init())
    #expect(!pages.contains(.slips))
  }
}
