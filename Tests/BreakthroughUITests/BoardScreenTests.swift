import BreakthroughCore
import Foundation
import TerminalKit
import Testing

@testable import BreakthroughUI

@Suite struct BoardScreenTests {
  @Test(arguments: [(80, 24), (120, 40)])
  func theEmptyLedger(width: Int, height: Int) {
    var board = BoardHarness.board(width: width, height: height)
    let screen = board.render()
    #expect(screen.text.contains("No breakthrough declared yet: press D"))
    #expect(screen.text.contains("Open promises (0)"))
    #expect(screen.text.contains("Overdue accountings (0)"))
    #expect(screen.text.contains("No open promises. Press n to make one."))
    BoardHarness.expectAligned(screen)
    BoardHarness.expectScreen(screen, matches: "empty-\(width)x\(height)")
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func theDemoLedger(width: Int, height: Int) {
    let ledger = BoardHarness.demoLedger()
    var board = BoardHarness.board(ledger, width: width, height: height)
    let screen = board.render()
    let overdue = ledger.promises.readEach().filter { $0.isOverdue(at: LocalMoment(BoardHarness.now, in: BoardHarness.zone)) }.count
    #expect(overdue > 0)
    #expect(screen.text.contains("Overdue accountings (\(overdue))"))
    #expect(screen.text.contains("Three paying teams on v1"))
    #expect(screen.text.contains("days left"))
    #expect(screen.text.contains("李娜"))
    BoardHarness.expectAligned(screen)
    BoardHarness.expectScreen(screen, matches: "demo-\(width)x\(height)")
  }

  /// On a machine in another zone than the team's, the header says whose clock it shows and
  /// still draws the weeks, shorter where the note takes the room.
  @Test(arguments: [(80, 24), (120, 40)])
  func theHeaderSaysTheTeamsZoneBesideTheWeeks(width: Int, height: Int) throws {
    let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
    var board = BoardState(
      ledger: BoardHarness.demoLedger(), now: BoardHarness.now, zone: berlin, actor: try Handle("ana"), width: width, height: height,
      isUnicode: true)
    board.showZone(machine: try #require(TimeZone(identifier: "Asia/Tokyo")))
    let screen = board.render()
    let top = try #require(screen.text.split(separator: "\n").first)
    #expect(top.contains("times in Europe/Berlin"))
    #expect(top.contains(width >= 120 ? "on time by week ····▁▃▁▃ 29% ↑" : "on time ····▁▃▁▃ 29% ↑"), "\(top)")
    board.showZone(machine: berlin)
    #expect(!board.render().text.contains("times in"), "nothing to say on the team's own clock")
  }

  @Test func keysMoveTheSelectionAndTheDetailFollows() {
    var board = BoardHarness.board(BoardHarness.demoLedger())
    let first = board.selectedPromise
    BoardHarness.press([.character("j"), .down, .character("k")], on: &board)
    let second = board.selectedPromise
    #expect(first?.id != second?.id)
    let screen = board.render()
    #expect(screen.text.contains("\(second?.label ?? "?") \(second?.performer.text ?? "?") → \(second?.customer.text ?? "?")"))
    BoardHarness.press([.character("G")], on: &board)
    let last = board.selectedPromise
    BoardHarness.press([.character("g")], on: &board)
    #expect(board.selectedPromise?.id == first?.id)
    #expect(last?.id != first?.id)
    BoardHarness.press([.tab], on: &board)
    #expect(board.selectedPromise?.isOverdue(at: LocalMoment(BoardHarness.now, in: BoardHarness.zone)) == true)
    BoardHarness.expectScreen(board.render(), matches: "demo-overdue-focus-120x40")
  }

  @Test func theNewPromiseFormShowsErrorsInlineAndWritesNothingUntilValid() {
    var board = BoardHarness.board()
    var effects = BoardHarness.press(
      [.character("n")] + BoardHarness.type("Ship the beta") + [.tab] + BoardHarness.type("Ben Smith")
        + [.tab] + BoardHarness.type("someday") + [.enter], on: &board)
    #expect(effects.isEmpty)
    let screen = board.render()
    #expect(screen.text.contains("not a handle"))
    #expect(screen.text.contains("not a date: try fri"))
    BoardHarness.expectScreen(screen, matches: "form-errors-120x40")
    effects = BoardHarness.press(
      [.control("u")] + BoardHarness.type("ben") + [.enter, .control("u")] + BoardHarness.type("+3d") + [.enter], on: &board)
    let by = ByWhen(day: LocalMoment(BoardHarness.now, in: BoardHarness.zone).day.adding(days: 3))
    #expect(effects == [.perform(.make(what: "Ship the beta", to: (try? Handle("ben")) ?? BoardHarness.ana, by: by))])
    #expect(!board.render().text.contains("New promise"))
  }

  @Test func escapeCancelsAFormAndSaysNothingWasWritten() {
    var board = BoardHarness.board()
    let effects = BoardHarness.press([.character("n")] + BoardHarness.type("half a thought") + [.escape], on: &board)
    #expect(effects.isEmpty)
    #expect(board.render().text.contains("cancelled; nothing was written"))
  }

  @Test func theHelpOverlayListsEveryActionFromTheTable() {
    var board = BoardHarness.board(BoardHarness.demoLedger())
    BoardHarness.press([.character("?")], on: &board)
    let screen = board.drawn()
    for action in BoardState.actions.all {
      #expect(screen.text.contains(String(action.help.prefix(40))), "help lacks \(action.name)")
    }
    BoardHarness.expectScreen(screen, matches: "help-120x40")
    BoardHarness.press([.escape], on: &board)
    #expect(!board.drawn().text.contains("Help: keys on the board"))
  }

  @Test func theCheckinAndTheMeetingSayTheTerminalIsTooSmallTheSameWay() {
    var checkin = CheckinState(
      ledger: BoardHarness.demoLedger(), now: BoardHarness.now, zone: BoardHarness.zone, actor: BoardHarness.ana,
      width: 59, height: 24, isUnicode: true)
    var meeting = MeetingState(
      ledger: BoardHarness.demoLedger(), now: BoardHarness.now, zone: BoardHarness.zone, options: .init(showsRates: true),
      width: 60, height: 15, isUnicode: true)
    #expect(checkin.drawn().text.contains("Terminal too small: 59×24"))
    #expect(meeting.drawn().text.contains("This screen needs at least 60×16."))
    checkin.resize(width: 60, height: 16)
    meeting.resize(width: 60, height: 16)
    #expect(!checkin.drawn().text.contains("Terminal too small"), "60×16 is enough for the check-in")
    #expect(!meeting.drawn().text.contains("Terminal too small"), "and for the meeting display")
  }

  @Test(arguments: [(79, 24), (80, 23), (50, 12), (1, 1)])
  func aTerminalTooSmallSaysSo(width: Int, height: Int) {
    var board = BoardHarness.board(BoardHarness.demoLedger(), width: width, height: height)
    let screen = board.drawn()
    #expect(screen.width == width && screen.height == height)
    if width >= 30 && height >= 3 {
      #expect(screen.text.contains("Terminal too small: \(width)×\(height)"))
      #expect(screen.text.contains("This screen needs at least 80×24."))
    }
    board.resize(width: 120, height: 40)
    #expect(board.drawn().text.contains("Open promises"), "it recovers when the terminal grows")
  }

  @Test func asciiTerminalsGetASCIIBordersAndGlyphs() {
    var board = BoardHarness.board(BoardHarness.demoLedger(), width: 100, height: 30, isUnicode: false)
    let screen = board.render()
    #expect(
      screen.text.unicodeScalars.filter { !$0.isASCII }.allSatisfy { $0.properties.isAlphabetic || $0 == "–" },
      "only letters of names and text stay non-ASCII")
    #expect(screen.text.contains("+- Breakthrough"))
    #expect(screen.text.contains("->"))
  }

  @Test func theAccountMenuOffersWhatTheStateAllows() throws {
    var board = BoardHarness.board(BoardHarness.demoLedger())
    let ledger = board.ledger
    let anas = ledger.promises.readEach().filter {
      !$0.state.isClosed && ($0.performer == BoardHarness.ana || $0.customer == BoardHarness.ana)
    }
    guard let open = anas.first(where: { $0.state == .open && $0.performer == BoardHarness.ana && $0.customer != BoardHarness.ana }),
      let delivered = anas.first(where: { $0.state == .delivered && $0.customer == BoardHarness.ana })
    else {
      Issue.record("the demo has an open promise of ana's and a delivery to her")
      return
    }
    board.select(promiseID: open.id)
    BoardHarness.press([.character("a")], on: &board)
    var screen = board.render().text
    #expect(screen.contains("Account for \(open.label)"))
    #expect(screen.contains("renegotiate"))
    #expect(!screen.contains("release:"), "releasing is the customer's move")
    BoardHarness.press([.escape], on: &board)
    board.select(promiseID: delivered.id)
    BoardHarness.press([.character("a")], on: &board)
    screen = board.render().text
    #expect(screen.contains("Account for \(delivered.label)"))
    #expect(screen.contains("accept the delivery"))
    #expect(!screen.contains("renegotiate:"), "renegotiating is the performer's move")
  }

  @Test func confidenceKeysAskForTheMoveOnTheSelection() {
    var board = BoardHarness.board(BoardHarness.demoLedger())
    guard let mine = board.ledger.promises.readEach().first(where: { $0.state == .open && $0.performer == BoardHarness.ana }) else {
      Issue.record("the demo has an open promise of ana's")
      return
    }
    board.select(promiseID: mine.id)
    #expect(BoardHarness.press([.character("2")], on: &board) == [.perform(.confidence(promise: mine.id, level: .atRisk))])
    #expect(BoardHarness.press([.character("q")], on: &board) == [.quit])
    #expect(BoardHarness.press([.control("c")], on: &board) == [.quit])
  }

  @Test func theFilterKeepsMatchingTextOrPeople() {
    var board = BoardHarness.board(BoardHarness.demoLedger())
    let involvingLi = board.ledger.promises.readEach().filter {
      !$0.state.isClosed && ($0.performer.text == "李娜" || $0.customer.text == "李娜")
    }
    BoardHarness.press([.character("/")] + BoardHarness.type("@李娜") + [.enter], on: &board)
    let screen = board.render().text
    #expect(!involvingLi.isEmpty)
    let delivered = involvingLi.filter { $0.state == .delivered }.count
    let title =
      delivered > 0 ? "Open promises (\(involvingLi.count - delivered) + \(delivered) delivered)" : "Open promises (\(involvingLi.count))"
    #expect(screen.contains(title), "every open promise of 李娜's, and only those")
    let rows = screen.split(separator: "\n").filter { $0.contains(" → ") && ($0.contains("│› P") || $0.contains("│  P")) }
    #expect(!rows.isEmpty)
    #expect(rows.allSatisfy { $0.contains("李娜") }, "rows without 李娜 are filtered out")
    #expect(screen.contains("filter: @李娜"))
    BoardHarness.press([.character("/"), .escape], on: &board)
    #expect(!board.render().text.contains("filter:"))
  }
}
