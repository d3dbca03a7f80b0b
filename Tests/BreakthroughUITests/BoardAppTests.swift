import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit
import Testing

@testable import BreakthroughUI

/// The loop with a headless terminal and a real ledger file, driven by a test clock.
@Suite struct BoardAppTests {
  static func makeApp(_ path: String, clock: TestClock, width: Int = 120, height: Int = 40) throws -> (BoardApp, HeadlessTerminal) {
    let terminal = HeadlessTerminal(width: width, height: height)
    let app = BoardApp(
      store: try FileLedger(path: path), terminal: terminal, actor: BoardHarness.ana, zone: BoardHarness.zone,
      clock: { clock.now })
    return (app, terminal)
  }

  @Test func aPromiseMadeInTheFormIsInTheLedger() throws {
    let path = TestLedger.path()
    let clock = TestClock()
    let (app, terminal) = try Self.makeApp(path, clock: clock)
    for event in [.key(.character("n"))] + TestLedger.keys("Ship the beta") + [.key(.tab)] + TestLedger.keys("ben") + [.key(.enter)]
      + TestLedger.keys("+3d") + [.key(.enter)]
    {
      app.step(event)
    }
    let reopened = try FileLedger(path: path)
    #expect(reopened.state.promises.readEach().map(\.what) == ["Ship the beta"])
    #expect(terminal.screen.text.contains("P1 made"))
    #expect(app.state.selectedPromise?.label == "P1")
  }

  @Test func ctrlLDrawsTheWholeScreenAgainAndChangesNothingElse() throws {
    let path = TestLedger.path()
    let clock = TestClock()
    let (app, terminal) = try Self.makeApp(path, clock: clock)
    app.step(nil)
    let before = terminal.screen.text
    app.step(.key(.control("l")))
    #expect(terminal.wholeRepaints == 1)
    #expect(terminal.screen.text == before)
    #expect(try FileLedger(path: path).state.eventCount == 0)
  }

  @Test func anotherProcessesAppendShowsAndTheSelectionStaysOnItsPromise() throws {
    let path = TestLedger.path()
    let clock = TestClock()
    let other = try FileLedger(path: path)
    let by = ByWhen(day: LocalMoment(clock.now, in: BoardHarness.zone).day.adding(days: 5))
    let context = MoveContext(actor: try Handle("ben"), now: clock.now, zone: BoardHarness.zone)
    for what in ["First", "Second"] {
      try other.append { (state) throws(Refusal) in try state.makePromise(what: what, to: BoardHarness.ana, by: by, context: context) }
    }
    let (app, terminal) = try Self.makeApp(path, clock: clock)
    app.step(.key(.character("j")))
    #expect(app.state.selectedPromise?.what == "Second")
    // Another process makes a promise due sooner: it sorts above the selection.
    let sooner = ByWhen(day: by.day.adding(days: -3))
    try other.append { (state) throws(Refusal) in try state.makePromise(what: "Sooner", to: BoardHarness.ana, by: sooner, context: context)
    }
    app.step(nil)
    #expect(!terminal.screen.text.contains("Sooner"), "no refresh before the interval")
    clock.advance(1.1)
    app.step(nil)
    #expect(terminal.screen.text.contains("Sooner"))
    #expect(app.state.selectedPromise?.what == "Second", "the selection follows its promise, not its row")
  }

  @Test func undoTakesBackTheLastMoveOfThisSession() throws {
    let path = TestLedger.path()
    let clock = TestClock()
    let (app, terminal) = try Self.makeApp(path, clock: clock)
    for event in [.key(.character("n"))] + TestLedger.keys("Ship it") + [.key(.tab)] + TestLedger.keys("ana") + [.key(.tab)]
      + TestLedger.keys("+2d") + [.key(.enter), .key(.character("a")), .key(.character("d"))]
    {
      app.step(event)
    }
    #expect(terminal.screen.text.contains("Record P1 as delivered and kept? Enter/y records, anything else cancels"))
    #expect(try FileLedger(path: path).state.promises.readEach().first?.state == .open, "nothing yet: the menu's move waits for Enter or y")
    app.step(.key(.character("y")))
    #expect(try FileLedger(path: path).state.promises.readEach().first?.state == .kept, "ana promised herself, so done is kept")
    app.step(.key(.character("u")))
    #expect(terminal.screen.text.contains("undone"))
    #expect(try FileLedger(path: path).state.promises.readEach().first?.state == .open)
    app.step(.key(.character("u")))
    #expect(try FileLedger(path: path).state.promises.readEach().first?.state == .withdrawn)
    app.step(.key(.character("u")))
    #expect(terminal.screen.text.contains("nothing of yours to undo"))
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 4, "the ledger only grows: made, delivered, undone, undone")
  }

  @Test func aStrayKeyAfterAMenuMoveCancelsItAndRecordsNothing() throws {
    let path = TestLedger.path()
    let ledger = try FileLedger(path: path)
    try TestLedger.promise("Ship it", in: ledger, from: "ana", to: "ben", dueInDays: 2)
    let before = try String(contentsOfFile: path, encoding: .utf8)
    let (app, terminal) = try Self.makeApp(path, clock: TestClock())
    for key: Key in [.character("a"), .character("d")] { app.step(.key(key)) }
    #expect(terminal.screen.text.contains("Record P1 as delivered to ben? Enter/y records"))
    app.step(.key(.character("j")))
    #expect(terminal.screen.text.contains("cancelled: nothing was recorded"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    for key: Key in [.character("a"), .character("d"), .enter] { app.step(.key(key)) }
    #expect(try FileLedger(path: path).state.promises.readEach().first?.state == .delivered, "Enter records it")
  }

  @Test func aRefusedMoveShowsWhyAndWritesNothing() throws {
    let path = TestLedger.path()
    let clock = TestClock()
    let other = try FileLedger(path: path)
    let context = MoveContext(actor: try Handle("ben"), now: clock.now, zone: BoardHarness.zone)
    let by = ByWhen(day: LocalMoment(clock.now, in: BoardHarness.zone).day.adding(days: 5))
    try other.append { (state) throws(Refusal) in try state.makePromise(what: "Ben's", to: BoardHarness.ana, by: by, context: context) }
    let before = try String(contentsOfFile: path, encoding: .utf8)
    let (app, terminal) = try Self.makeApp(path, clock: clock)
    app.step(.key(.character("2")))
    #expect(terminal.screen.text.contains("only ben, who made P1, can state confidence"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
  }

  /// A write that fails gives the form back as typed: nothing typed is lost, and Esc, not the
  /// failure, closes it. A form whose move was recorded is not given back by a later failure.
  @Test func aFormWhoseMoveWasNotRecordedOpensAgainAsTyped() throws {
    let path = TestLedger.path()
    let clock = TestClock()
    let (app, terminal) = try Self.makeApp(path, clock: clock)
    func fill(_ what: String) {
      for event in [.key(.character("n"))] + TestLedger.keys(what) + [.key(.tab)] + TestLedger.keys("ana") + [.key(.tab)]
        + TestLedger.keys("+2d") + [.key(.enter)]
      {
        app.step(event)
      }
    }
    fill("Ship it")
    #expect(terminal.screen.text.contains("P1 made"))
    // A hand damages the file in its middle (a bad last line would be a torn write, set
    // aside): this board's next write is refused, naming the line.
    let first = try String(contentsOfFile: path, encoding: .utf8)
    try (first + "not a ledger line\n" + first).write(toFile: path, atomically: false, encoding: .utf8)
    let before = try String(contentsOfFile: path, encoding: .utf8)

    // A menu's move fails first: the form recorded before it is not given back.
    for key: Key in [.character("a"), .character("d"), .enter] { app.step(.key(key)) }
    #expect(terminal.screen.text.contains("ledger.jsonl:2: not JSON"), "the refusal names the damaged line")
    #expect(!terminal.screen.text.contains("New promise"))

    fill("Write the guide")
    #expect(terminal.screen.text.contains("ledger.jsonl:2: not JSON"))
    #expect(terminal.screen.text.contains("New promise"), "the form is open again")
    #expect(terminal.screen.text.contains("Write the guide"), "with what was typed")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    app.step(.key(.escape))
    #expect(!terminal.screen.text.contains("New promise"))
    #expect(terminal.screen.text.contains("cancelled; nothing was written"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
  }

  /// A store whose writes arrive and whose answers are lost, as a team ledger's when the
  /// connection drops between the commit and the answer.
  final class AnswerLostStore: LedgerStore {
    let file: FileLedger
    init(_ file: FileLedger) { self.file = file }
    var state: LedgerState { file.state }
    func refresh() throws(StoreError) -> Bool { try file.refresh() }
    func entries(after line: Int) throws(StoreError) -> [LedgerLine] { try file.entries(after: line) }
    func takeWarnings() -> [String] { file.takeWarnings() }
    func append(_ move: (LedgerState) throws(Refusal) -> MoveOutcome) throws(StoreError) -> MoveOutcome {
      try file.append(move)
      throw .mayHaveBeenRecorded("the connection was lost before it answered: it is not known whether this was recorded")
    }
  }

  /// A write that may have arrived gives no form back: Enter again would record it twice.
  @Test func aFormWhoseWriteMayHaveArrivedIsNotGivenBack() throws {
    let path = TestLedger.path()
    let terminal = HeadlessTerminal(width: 120, height: 40)
    let clock = TestClock()
    let app = BoardApp(
      store: AnswerLostStore(try FileLedger(path: path)), terminal: terminal, actor: BoardHarness.ana, zone: BoardHarness.zone,
      clock: { clock.now })
    for event in [.key(.character("n"))] + TestLedger.keys("Ship it") + [.key(.tab)] + TestLedger.keys("ben") + [.key(.tab)]
      + TestLedger.keys("+2d") + [.key(.enter)]
    {
      app.step(event)
    }
    #expect(terminal.screen.text.contains("it is not known whether this was recorded"))
    #expect(!terminal.screen.text.contains("New promise"), "no form to send it again")
    #expect(try FileLedger(path: path).state.promises.readEach().map(\.what) == ["Ship it"])
  }

  @Test func quitAndTerminateStopTheLoopAndRestoreTheTerminal() throws {
    let clock = TestClock()
    let (app, terminal) = try Self.makeApp(TestLedger.path(), clock: clock)
    #expect(app.step(.key(.character("j"))))
    #expect(!app.step(.key(.character("q"))))
    terminal.send([.terminate(signal: 15)])
    app.run()
    #expect(terminal.isRestored)
    #expect(app.endingSignal == 15)
  }
}
