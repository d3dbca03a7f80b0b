import BreakthroughCore
import TerminalKit
import Testing

@testable import BreakthroughUI

/// The account menu offers what the acting person may do, and nothing chosen from it, with its
/// form filled in well, is ever refused by the ledger.
@Suite struct AccountMenuTests {
  /// Fills every field of a form the way a person would who means it.
  static func filled(_ form: Form) -> Form {
    var form = form
    for index in form.fields.indices {
      let label = form.fields[index].label
      if let first = form.fields[index].choices.first {
        form.fields[index].text = first.key
        continue
      }
      form.fields[index].text =
        label.contains("By when") || label.contains("by when") ? "+5d" : label == "To" ? "ben" : "A reason, said plainly"
    }
    return form
  }

  /// The menu `person` gets on `promise`, with the ledger's reasons, at the harness's moment.
  static func menu(on promise: Promise, in ledger: LedgerState, for person: Handle) -> AccountMenu? {
    AccountMenu(
      for: promise, allowed: ledger.allowedMoves(for: promise, actor: person), reasons: ledger.reasons.active,
      now: LocalMoment(BoardHarness.now, in: BoardHarness.zone))
  }

  @Test func nothingOfferedToAnyoneOnTheDemoIsRefused() throws {
    let ledger = BoardHarness.demoLedger()
    let today = LocalMoment(BoardHarness.now, in: BoardHarness.zone).day
    var offered = 0
    for person in DemoLedger.team {
      let context = MoveContext(actor: person, now: BoardHarness.now, zone: BoardHarness.zone)
      for promise in ledger.promises.readEach() where !promise.state.isClosed {
        guard let menu = Self.menu(on: promise, in: ledger, for: person) else {
          #expect(promise.performer != person || promise.state != .open, "\(person) made \(promise.label) and is offered nothing")
          continue
        }
        for item in menu.items {
          var form: Form
          let move: BreakthroughCore.Move?
          switch item.choice {
          case .perform(let chosen): move = chosen
          case .open(let opened):
            form = Self.filled(opened)
            move = form.submitIfValid(today: today)
          }
          guard let move else {
            Issue.record("\(item.label) on \(promise.label): the filled form did not submit")
            continue
          }
          offered += 1
          #expect(throws: Never.self, "\(person): \(item.label) on \(promise.label)") { try ledger.outcome(of: move, context: context) }
        }
      }
    }
    #expect(offered > 50, "the demo offers many moves across the team")
  }

  @Test func theMenuListsOnlyTheActingPersonsMoves() throws {
    var ledger = LedgerState()
    let context = MoveContext(actor: BoardHarness.ana, now: BoardHarness.now, zone: BoardHarness.zone)
    let by = ByWhen(day: LocalMoment(BoardHarness.now, in: BoardHarness.zone).day.adding(days: 3))
    for event in try ledger.outcome(of: .make(what: "Send the deck", to: try Handle("ben"), by: by), context: context).events {
      ledger.apply(event)
    }
    guard let p1 = ledger.promise(number: 1) else {
      Issue.record("no P1")
      return
    }
    let mine = Self.menu(on: p1, in: ledger, for: BoardHarness.ana)
    #expect(mine?.items.map(\.key) == ["d", "m", "x", "r", "v"])
    let bens = Self.menu(on: p1, in: ledger, for: try Handle("ben"))
    #expect(bens?.items.map(\.key) == ["l"])
    #expect(Self.menu(on: p1, in: ledger, for: try Handle("cy")) == nil)
  }

  @Test func onSomeoneElsesPromiseTheBoardSaysWhoseMoveItIs() throws {
    var board = BoardHarness.board(BoardHarness.demoLedger())
    guard
      let other = board.ledger.promises.readEach().first(where: {
        $0.state == .open && $0.performer.text == "ben" && $0.customer.text != "ana"
      })
    else {
      Issue.record("the demo has an open promise of ben's to someone else")
      return
    }
    board.select(promiseID: other.id)
    #expect(board.selectedPromise?.id == other.id)
    #expect(BoardHarness.press([.character("a")], on: &board).isEmpty)
    let screen = board.render().text
    #expect(!screen.contains("Account for \(other.label)"), "no menu opens")
    #expect(screen.contains("waiting on ben: only ben can account for \(other.label)"))
    #expect(BoardHarness.press([.character("2")], on: &board).isEmpty, "confidence is ben's to state")
    #expect(board.render().text.contains("only ben, who made \(other.label), can state confidence"))
  }

  @Test func theHeaderSaysWhoYouAreAndTheDemoSwitches() {
    var board = BoardHarness.board(BoardHarness.demoLedger())
    #expect(board.render().text(row: 0).contains("you are ana"))
    BoardHarness.press([.character("A")], on: &board)
    #expect(board.actor.text == "ana", "outside the demo the person stays who they said")
    #expect(board.render().text.contains("open the board with --as HANDLE"))
    board.actingChoices = DemoLedger.team
    BoardHarness.press([.character("A")], on: &board)
    #expect(board.actor.text == "ben")
    #expect(board.actingAs?.text == "ben", "the loop makes moves as ben now")
    #expect(board.render().text(row: 0).contains("you are ben"))
  }
}
