import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit
import Testing

@testable import BreakthroughUI

/// The meeting display, headless and driven by a test clock: pages, countdown, timebox,
/// the read-only refusal, and the ledger followed by itself.
@Suite struct MeetingScreenTests {
  static func demoPath() throws -> String {
    let path = TestLedger.path()
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let text = DemoLedger.events(now: BoardHarness.now, zone: BoardHarness.zone).map { EventCoding.line(for: $0) + "\n" }.joined()
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func meeting(
    _ path: String, clock: TestClock, width: Int = 80, height: Int = 24,
    options: MeetingState.Options = .init()
  ) throws -> (MeetingApp, HeadlessTerminal) {
    let terminal = HeadlessTerminal(width: width, height: height)
    let app = MeetingApp(
      store: try FileLedger(path: path), terminal: terminal, zone: BoardHarness.zone, options: options,
      clock: { clock.now })
    return (app, terminal)
  }

  @Test(arguments: [(80, 24), (120, 40), (160, 48), (240, 70)])
  func theTeamPageThenAPagePerPerson(width: Int, height: Int) throws {
    let clock = TestClock()
    let (app, terminal) = try Self.meeting(try Self.demoPath(), clock: clock, width: width, height: height)
    app.step(nil)
    let team = terminal.screen.text
    let overdue = app.state.ledger.promises.readEach().filter { $0.isOverdue(at: LocalMoment(BoardHarness.now, in: BoardHarness.zone)) }
    #expect(overdue.count > 2)
    #expect(team.contains("Three paying teams on v1"))
    #expect(team.contains("Overdue accountings (\(overdue.count))"))
    #expect(team.contains("\(overdue[0].label)"))
    #expect(team.contains("Team · page 1 of 9"))
    #expect(team.contains("李娜"))
    #expect(team.contains("In: 4 of 5 (not yet: dev)"), "the roll is on the team page")
    #expect(team.contains("5 requests unanswered (1 answer overdue)"))
    // On a wall, each person's overdue count in block digits; below that, the room is kept for the list.
    #expect(team.contains("Overdue accountings by person") == (height >= 48))
    BoardHarness.expectAligned(terminal.screen)
    BoardHarness.expectScreen(terminal.screen, matches: "meeting-team-\(width)x\(height)")
    app.step(.key(.right))
    #expect(app.state.page == .elements)
    let elements = terminal.screen.text
    #expect(elements.contains("What it will take · page 2 of 9"))
    #expect(elements.contains("E4 NOTHING PROMISED YET"), "uncovered first, in words")
    #expect(elements.contains("who will promise something for E4?"))
    let uncovered = try #require(elements.range(of: "NOTHING PROMISED YET"))
    let met = try #require(elements.range(of: "E5 MET"))
    #expect(uncovered.lowerBound < met.lowerBound)
    BoardHarness.expectAligned(terminal.screen)
    BoardHarness.expectScreen(terminal.screen, matches: "meeting-elements-\(width)x\(height)")
    app.step(.key(.right))
    #expect(app.state.page == .person(try Handle("ana")))
    let ana = terminal.screen.text
    #expect(ana.contains("ana · page 3 of 9"))
    #expect(ana.contains("Waiting on ana's answer (3)"), "what waits on her answer")
    #expect(ana.contains("█████  overdue accountings") == (height >= 48), "her overdue count, readable across a room")
    #expect(ana.contains("Open promises"))
    #expect(ana.contains("Kept in the last 7 days"))
    #expect(ana.contains("Waiting on ana's acceptance"))
    BoardHarness.expectAligned(terminal.screen)
    BoardHarness.expectScreen(terminal.screen, matches: "meeting-ana-\(width)x\(height)")
  }

  @Test func theCountdownIsInBlockDigitsWhereItFitsAndInWordsElse() throws {
    let clock = TestClock()
    let path = try Self.demoPath()
    let (large, largeTerminal) = try Self.meeting(path, clock: clock, width: 160, height: 48)
    large.step(nil)
    let days = try #require(large.state.digest.measures.breakthrough?.daysLeft)
    let rows = try #require(BlockDigits.rows(for: String(days), glyph: "█"))
    for row in rows { #expect(largeTerminal.screen.text.contains(row)) }
    #expect(largeTerminal.screen.text.contains("days left"))
    let (small, smallTerminal) = try Self.meeting(path, clock: clock, width: 80, height: 24)
    small.step(nil)
    #expect(smallTerminal.screen.text.contains("\(days) days left"))
    #expect(!rows.contains { smallTerminal.screen.text.contains($0) })
  }

  @Test func pagesTurnByThemselvesPauseAndStep() throws {
    let clock = TestClock()
    let (app, terminal) = try Self.meeting(try Self.demoPath(), clock: clock, options: .init(interval: 30))
    app.step(nil)
    clock.advance(29)
    app.step(nil)
    #expect(app.state.pageIndex == 0)
    #expect(terminal.screen.text.contains(" 1 s"))
    clock.advance(1)
    app.step(nil)
    #expect(app.state.pageIndex == 1, "the timebox is over: next page")
    app.step(.key(.character(" ")))
    clock.advance(300)
    app.step(nil)
    #expect(app.state.pageIndex == 1, "paused: the page stays")
    #expect(terminal.screen.text.contains("paused (Space resumes)"))
    app.step(.key(.character(" ")))
    clock.advance(30)
    app.step(nil)
    #expect(app.state.pageIndex == 2)
    app.step(.key(.left))
    app.step(.key(.left))
    app.step(.key(.left))
    #expect(app.state.pageIndex == 8, "stepping back from the first page goes round to the last")
    #expect(app.state.page == .slips, "the last page: why promises slipped")
  }

  @Test func keysThatWouldChangeTheLedgerDoNothingAndSaySo() throws {
    let clock = TestClock()
    let path = try Self.demoPath()
    let before = try String(contentsOfFile: path, encoding: .utf8)
    let (app, terminal) = try Self.meeting(path, clock: clock)
    for key: Key in [.character("n"), .character("a"), .character("1"), .character("D"), .character("u"), .enter, .character("x")] {
      #expect(app.step(.key(key)))
      #expect(terminal.screen.text.contains("This display is read-only: nothing was changed"))
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    app.step(.key(.character("?")))
    for action in MeetingState.actions.all { #expect(terminal.screen.text.contains(action.help)) }
    app.step(.key(.character("?")))
    #expect(!app.step(.key(.character("q"))))
  }

  @Test func anAppendByAnotherProcessShowsWithinTwoSecondsOnTheSamePage() throws {
    let clock = TestClock()
    let path = try Self.demoPath()
    let (app, terminal) = try Self.meeting(path, clock: clock)
    app.step(.key(.right))
    app.step(.key(.right))
    #expect(terminal.screen.text.contains("updated 12:00:00"))
    let other = try FileLedger(path: path)
    try TestLedger.promise("Print the wall poster", in: other, from: "ana", to: "ben", madeDaysAgo: 0, dueInDays: 2)
    clock.advance(1.5)
    app.step(nil)
    #expect(terminal.screen.text.contains("Print the wall poster"))
    #expect(terminal.screen.text.contains("updated 12:00:01"))
    #expect(app.state.page == .person(try Handle("ana")))
  }

  @Test func shuffleIsRepeatableFromItsSeedAndKeepsEveryone() throws {
    let ledger = BoardHarness.demoLedger()
    let ordered = MeetingState.pages(for: ledger, options: .init())
    let shuffled = MeetingState.pages(for: ledger, options: .init(shuffleSeed: 7))
    #expect(shuffled == MeetingState.pages(for: ledger, options: .init(shuffleSeed: 7)))
    #expect(shuffled.first == .team)
    #expect(Set(shuffled.dropFirst().map { "\($0)" }) == Set(ordered.dropFirst().map { "\($0)" }))
    let seeds: [UInt64] = [1, 2, 3, 4, 5]
    #expect(seeds.contains { MeetingState.pages(for: ledger, options: .init(shuffleSeed: $0)) != ordered })
  }

  /// The page before the last (why promises slipped): a bar per week with its figure beside it,
  /// this week last; a week nothing came due in says so and has no bar.
  @Test(arguments: [(80, 24), (120, 40), (160, 48)])
  func theWeeklyPageComesAfterThePeople(width: Int, height: Int) throws {
    let clock = TestClock()
    let (app, terminal) = try Self.meeting(try Self.demoPath(), clock: clock, width: width, height: height)
    app.step(.key(.left))
    app.step(.key(.left))
    #expect(app.state.page == .weekly)
    let page = terminal.screen.text
    #expect(page.contains("How we keep our word — last 12 weeks"))
    #expect(page.contains("Week by week · page 8 of 9"))
    #expect(page.contains("this week"))
    let weeks = app.state.digest.measures.weeks.weeks
    for week in weeks.suffix(11).dropLast() {
      let label = String(week.start.iso.dropFirst(5))
      let line = try #require(page.split(separator: "\n").first { $0.contains(" \(label) ") }, "the week of \(label) is shown")
      if let rate = week.keptOnTimeRate {
        #expect(line.contains("\(FigureWords.rate(rate)) (\(week.keptOnTime) of \(week.cameDue))"))
      } else {
        #expect(line.contains("nothing due") && !line.contains("0%"))
      }
    }
    BoardHarness.expectAligned(terminal.screen)
    BoardHarness.expectScreen(terminal.screen, matches: "meeting-weekly-\(width)x\(height)")
  }

  @Test func ratesShowOnlyWhenAsked() throws {
    let clock = TestClock()
    let path = try Self.demoPath()
    let (plain, plainTerminal) = try Self.meeting(path, clock: clock, width: 120, height: 40)
    plain.step(nil)
    #expect(!plainTerminal.screen.text.contains("On time"))
    let (rated, ratedTerminal) = try Self.meeting(path, clock: clock, width: 120, height: 40, options: .init(showsRates: true))
    rated.step(nil)
    #expect(ratedTerminal.screen.text.contains("On time"))
    #expect(ratedTerminal.screen.text.contains("Honored"))
  }
}
