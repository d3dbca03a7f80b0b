import BreakthroughCore
import TerminalKit
import Testing

@testable import BreakthroughUI

/// The reason for a miss on the board: a numbered list in the form, one key picks it.
@Suite struct ReasonFormTests {
  @Test func notKeptAsksTheReasonFirstAndOneKeyPicksIt() throws {
    var board = BoardHarness.board(BoardHarness.demoLedger(), width: 80, height: 24)
    let now = LocalMoment(BoardHarness.now, in: BoardHarness.zone)
    let overdue = try #require(
      board.ledger.promises.readEach().first { $0.performer == BoardHarness.ana && $0.state == .open && $0.isOverdue(at: now) })
    board.select(promiseID: overdue.id)
    BoardHarness.press([.character("a"), .character("x")], on: &board)
    #expect(board.render().text.contains("1 prerequisite    work it needed was not done"))
    BoardHarness.press([.character("2")], on: &board)
    let form = board.render()
    #expect(form.text.contains("›2 waiting"), "the pick is marked by a glyph, not by colour alone")
    BoardHarness.expectAligned(form)
    BoardHarness.expectScreen(form, matches: "not-kept-form-80x24")
    let effects = BoardHarness.press(BoardHarness.type("Legal has not answered") + [.enter, .enter], on: &board)
    guard case .perform(.notKept(let id, let note, nil, let reason))? = effects.last else {
      Issue.record("no accounting made: \(effects)")
      return
    }
    #expect(id == overdue.id && note == "Legal has not answered" && reason == "waiting")
  }
}

extension ReasonFormTests {
  @Test func aLateDeliveryMayGiveAReasonAndAnOnTimeOneIsNotOffered() throws {
    var board = BoardHarness.board(BoardHarness.demoLedger(), width: 80, height: 24)
    let now = LocalMoment(BoardHarness.now, in: BoardHarness.zone)
    let promises = board.ledger.promises.readEach()
    let late = try #require(promises.first { $0.performer == BoardHarness.ana && $0.state == .open && $0.isOverdue(at: now) })
    let onTime = try #require(promises.first { $0.performer == BoardHarness.ana && $0.state == .open && !$0.isOverdue(at: now) })
    board.select(promiseID: onTime.id)
    BoardHarness.press([.character("a")], on: &board)
    #expect(!board.render().text.contains("done late"), "before its by-when there is nothing to explain")
    BoardHarness.press([.escape], on: &board)
    board.select(promiseID: late.id)
    BoardHarness.press([.character("a")], on: &board)
    #expect(board.render().text.contains("w  done late: say why (a reason)"))
    BoardHarness.press([.character("w"), .character("4")], on: &board)
    #expect(board.render().text.contains("›4 priorities"))
    let effects = BoardHarness.press(BoardHarness.type("Moved behind the audit") + [.enter], on: &board)
    guard case .perform(.deliver(let id, let accepted, let note, let reason))? = effects.last else {
      Issue.record("no delivery made: \(effects)")
      return
    }
    #expect(id == late.id && !accepted && note == "Moved behind the audit" && reason == "priorities")
  }
}
