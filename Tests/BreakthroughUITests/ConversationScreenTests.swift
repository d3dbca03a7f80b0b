import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit
import Testing

@testable import BreakthroughUI

/// Requests, the roll and the elements on the screens, headless, on the demo ledger.
@Suite struct ConversationScreenTests {
  static func board(as person: String, width: Int, height: Int) throws -> BoardState {
    BoardState(
      ledger: BoardHarness.demoLedger(), now: BoardHarness.now, zone: BoardHarness.zone, actor: try Handle(person), width: width,
      height: height, isUnicode: true)
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func theBoardShowsWhatWaitsOnYouTheRollAndWhatItWillTake(width: Int, height: Int) throws {
    var board = try Self.board(as: "ana", width: width, height: height)
    let screen = board.render().text
    #expect(screen.contains("In: 4 of 5 (not yet: dev)"))
    if width >= 120 {
      #expect(screen.contains("Requests waiting on you (3)"))
      #expect(screen.contains("E4 NOTHING PROMISED YET"), "said in words, not only colour")
    } else {
      #expect(screen.contains("3 requests wait on you (r)"), "folded into the header at 80 columns")
    }
    BoardHarness.press([.character("r")], on: &board)
    let requests = board.render()
    #expect(requests.text.contains("R7  answer  dev asks ana"))
    #expect(requests.text.contains("R2  waiting on dev  ana asks dev"), "yours waiting on others follow")
    BoardHarness.expectAligned(requests)
    BoardHarness.expectScreen(requests, matches: "requests-\(width)x\(height)")
    BoardHarness.press([.escape, .character("e")], on: &board)
    let elements = board.render()
    let text = elements.text
    #expect(text.contains("E4  NOTHING PROMISED YET"))
    #expect(try #require(text.range(of: "E4  NOTHING")).lowerBound < (try #require(text.range(of: "E5  met"))).lowerBound)
    BoardHarness.expectAligned(elements)
    BoardHarness.expectScreen(elements, matches: "elements-\(width)x\(height)")
  }

  @Test func theMeetingsElementsPageAt120x40() throws {
    let path = try MeetingScreenTests.demoPath()
    let (app, terminal) = try MeetingScreenTests.meeting(path, clock: TestClock(), width: 120, height: 40)
    app.step(.key(.right))
    #expect(app.state.page == .elements)
    #expect(terminal.screen.text.contains("who will promise something for E4?"))
    BoardHarness.expectAligned(terminal.screen)
    BoardHarness.expectScreen(terminal.screen, matches: "meeting-elements-120x40")
  }

  @Test func fromTheElementsListAPromiseForTheUncoveredOneCoversIt() throws {
    var board = try Self.board(as: "dev", width: 120, height: 40)
    BoardHarness.press([.character("e"), .character("n")], on: &board)
    #expect(board.render().text.contains("Promise something for E4"))
    let effects = BoardHarness.press(
      BoardHarness.type("Draft the support rota") + [.enter] + BoardHarness.type("ana") + [.enter, .enter], on: &board)
    guard case .perform(.make(_, _, _, let element?, _))? = effects.last else {
      Issue.record("no promise made: \(effects)")
      return
    }
    #expect(element == board.ledger.conversations.elements[3].id)
  }

  @Test func answeringOnlyOffersWhatThePersonMay() throws {
    var board = try Self.board(as: "ana", width: 120, height: 40)
    // R2 waits on dev: ana, who asked, may only withdraw it.
    BoardHarness.press([.character("r"), .down, .down, .down, .enter], on: &board)
    let menu = board.render().text
    #expect(menu.contains("Answer R2"))
    #expect(menu.contains("withdraw your proposal"))
    #expect(!menu.contains("promise it as asked"))
    BoardHarness.press([.escape, .character("r"), .enter], on: &board)
    let answers = board.render().text
    #expect(answers.contains("promise it as asked") && answers.contains("counter") && answers.contains("decline"))
    #expect(!answers.contains("withdraw"))
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func theCheckinAsksWhetherYouAreInAndThenWhatIsAskedOfYou(width: Int, height: Int) throws {
    let path = TestLedger.path()
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let text = DemoLedger.events(now: BoardHarness.now, zone: BoardHarness.zone).map { EventCoding.line(for: $0) + "\n" }.joined()
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let terminal = HeadlessTerminal(width: width, height: height)
    let clock = TestClock()
    let app = CheckinApp(
      store: try FileLedger(path: path), terminal: terminal, actor: try Handle("dev"), zone: BoardHarness.zone, clock: { clock.now })
    app.step(nil)
    let enrollment = terminal.screen.text
    #expect(enrollment.contains("1. The breakthrough: are you in?"))
    #expect(enrollment.contains("you said it would take: a clear owner for support"))
    #expect(enrollment.contains("y yes, I'm in") && enrollment.contains("n not yet"))
    BoardHarness.expectAligned(terminal.screen)
    BoardHarness.expectScreen(terminal.screen, matches: "checkin-enrollment-\(width)x\(height)")
    app.step(.key(.character("y")))
    #expect(try FileLedger(path: path).state.conversations.roll.standing(of: try Handle("dev")) == .enrolled)
    while !terminal.screen.text.contains("Asked of you"), app.state.currentItem != nil { app.step(.key(.character("s"))) }
    let request = terminal.screen.text
    #expect(request.contains("Draft the support rota"))
    #expect(request.contains("p promise it as asked") && request.contains("c counter it") && request.contains("d decline it"))
    BoardHarness.expectScreen(terminal.screen, matches: "checkin-request-\(width)x\(height)")
    app.step(.key(.character("p")))
    let made = try FileLedger(path: path).state
    #expect(made.conversations.requests.first { $0.what == "Draft the support rota" }?.state == .promised)
    while app.state.currentItem != nil { app.step(.key(.character("s"))) }
    let closing = terminal.screen.text
    #expect(closing.contains("Anything to promise or ask today?"))
    #expect(closing.contains("a ask someone for a promise"))
  }
}
