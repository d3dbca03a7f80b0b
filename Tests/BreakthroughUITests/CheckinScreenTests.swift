import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit
import Testing

@testable import BreakthroughUI

/// The check-in, headless: what each stage shows, and what each key leaves in the ledger.
@Suite struct CheckinScreenTests {
  /// ana's day: one overdue (P1), one delivery awaiting her (P2), one due today (P3), one due
  /// tomorrow (P4), one in ten days (P5), and ben's overdue promise to cy (P6), not hers.
  static func anasDay() throws -> (path: String, ledger: FileLedger) {
    let path = TestLedger.path()
    let ledger = try FileLedger(path: path)
    try TestLedger.promise("Send the proposal to Globex", in: ledger, from: "ana", to: "ben", dueInDays: -2)
    let review = try TestLedger.promise("Review the slides", in: ledger, from: "ben", to: "ana", dueInDays: 3)
    try TestLedger.move(in: ledger, as: "ben") { (state, context) throws(Refusal) in
      try state.deliver(try state.promise(named: "P2"), accepted: false, note: nil, context: context)
    }
    #expect(ledger.state.promise(id: review)?.state == .delivered)
    try TestLedger.promise("Call the bank", in: ledger, from: "ana", to: "cy", madeDaysAgo: 1, dueInDays: 0)
    try TestLedger.promise("Draft the contract", in: ledger, from: "ana", to: "ben", dueInDays: 1)
    try TestLedger.promise("Plan the first quarter", in: ledger, from: "ana", to: "ben", dueInDays: 10)
    try TestLedger.promise("Ben's report", in: ledger, from: "ben", to: "cy", dueInDays: -1)
    return (path, ledger)
  }

  static func checkin(_ path: String, clock: TestClock = TestClock(), width: Int = 80, height: Int = 24) throws -> (
    CheckinApp, HeadlessTerminal
  ) {
    let terminal = HeadlessTerminal(width: width, height: height)
    let app = CheckinApp(
      store: try FileLedger(path: path), terminal: terminal, actor: BoardHarness.ana, zone: BoardHarness.zone,
      clock: { clock.now })
    return (app, terminal)
  }

  static func press(_ app: CheckinApp, _ events: [TerminalEvent]) {
    for event in events { app.step(event) }
  }

  static func state(of label: String, in path: String) throws -> PromiseState? {
    try FileLedger(path: path).state.promise(named: label).state
  }

  @Test func theStagesComeInOrderOneItemAtATime() throws {
    let (path, _) = try Self.anasDay()
    let (app, terminal) = try Self.checkin(path)
    app.step(nil)
    let expected = [
      ("P1", "1. Overdue: account for it", "1 of 5"), ("P2", "2. Delivered to you: accept or reject", "2 of 5"),
      ("P3", "3. Due today", "3 of 5"), ("P4", "4. Your other open promises", "4 of 5"),
      ("P5", "4. Your other open promises", "5 of 5"),
    ]
    for (label, heading, progress) in expected {
      let screen = terminal.screen.text
      #expect(screen.contains("─ \(label) ─"), "\(label) is on screen:\n\(screen)")
      #expect(screen.contains(heading))
      #expect(screen.contains(progress))
      #expect(!screen.contains("Ben's report"), "ben's promise is not ana's to answer")
      BoardHarness.expectAligned(terminal.screen)
      BoardHarness.expectScreen(terminal.screen, matches: "checkin-\(label)-80x24")
      app.step(.key(.character("s")))
    }
    #expect(terminal.screen.text.contains("Anything to promise or ask today?"))
    app.step(.key(.left))
    #expect(terminal.screen.text.contains("─ P5 ─"), "← goes back to the previous item")
  }

  @Test func eachKeyLeavesInTheLedgerWhatItSays() throws {
    let (path, _) = try Self.anasDay()
    let (app, terminal) = try Self.checkin(path)
    // P1 overdue: not kept, why (one key: 2, waiting), what happened, and a replacement.
    Self.press(
      app,
      [.key(.character("x")), .key(.character("2"))] + TestLedger.keys("Globex went quiet") + [.key(.enter)]
        + TestLedger.keys("Call Globex") + [.key(.enter)] + TestLedger.keys("+2d") + [.key(.enter)])
    #expect(try Self.state(of: "P1", in: path) == .notKept)
    #expect(try FileLedger(path: path).state.reasons.misses.map(\.reason) == ["waiting"])
    #expect(try FileLedger(path: path).state.promise(named: "P7").what == "Call Globex")
    // P2 delivered to ana: k accepts it.
    Self.press(app, [.key(.character("k"))])
    #expect(try Self.state(of: "P2", in: path) == .kept)
    // P3 due today, to cy: k reports delivery, which waits for cy.
    Self.press(app, [.key(.character("k"))])
    #expect(try Self.state(of: "P3", in: path) == .delivered)
    // P4 due tomorrow: at risk asks to renegotiate while there is time.
    Self.press(app, [.key(.character("2"))])
    #expect(try FileLedger(path: path).state.promise(named: "P4").confidence == .atRisk)
    #expect(terminal.screen.text.contains("Renegotiate now, while you still can?"))
    Self.press(app, [.key(.character("y"))] + TestLedger.keys("+5d") + [.key(.enter)])
    #expect(try Self.state(of: "P4", in: path) == .renegotiated)
    #expect(try FileLedger(path: path).state.promise(named: "P8").replaces != nil)
    // P5: on track, and no question.
    Self.press(app, [.key(.character("1"))])
    #expect(try FileLedger(path: path).state.promise(named: "P5").confidence == .onTrack)
    #expect(terminal.screen.text.contains("Anything to promise or ask today?"))
    // The closing question: n makes a promise; Enter finishes with a summary.
    Self.press(
      app,
      [.key(.character("n"))] + TestLedger.keys("Thank Globex") + [.key(.tab)] + TestLedger.keys("ben")
        + [.key(.tab)] + TestLedger.keys("tomorrow") + [.key(.enter)])
    #expect(try FileLedger(path: path).state.promise(named: "P9").what == "Thank Globex")
    app.step(.key(.enter))
    let summary = terminal.screen.text
    #expect(summary.contains("Check-in done: 7 recorded, 0 skipped."))
    #expect(summary.contains("P2 accepted: kept"))
    #expect(summary.contains("P9 made"))
    BoardHarness.expectScreen(terminal.screen, matches: "checkin-summary-80x24")
    #expect(!app.step(.key(.enter)), "Enter on the summary leaves")
  }

  @Test func renegotiatingAfterTheByWhenIsRecordedAsNotKeptAndSaysSo() throws {
    let (path, _) = try Self.anasDay()
    let (app, terminal) = try Self.checkin(path)
    Self.press(app, [.key(.character("r"))])
    #expect(terminal.screen.text.contains("1 prerequisite"), "past its by-when, the reason comes first")
    Self.press(app, [.key(.character("4"))] + TestLedger.keys("fri") + [.key(.enter)])
    #expect(try Self.state(of: "P1", in: path) == .notKept)
    #expect(try FileLedger(path: path).state.reasons.misses.map(\.reason) == ["priorities"])
    #expect(terminal.screen.text.contains("P1 was due 2026-11-24, so it is recorded as not kept; P7 replaces it"))
  }

  /// A renegotiation refused (the ledger damaged meanwhile) gives its form back as typed.
  @Test func aRenegotiationNotRecordedOpensItsFormAgainAsTyped() throws {
    let (path, _) = try Self.anasDay()
    // Wide enough for the refusal's path and line.
    let (app, terminal) = try Self.checkin(path, width: 140, height: 30)
    Self.press(app, [.key(.character("r")), .key(.character("4"))] + TestLedger.keys("+9d"))
    #expect(terminal.screen.text.contains("+9d"))
    let lines = try String(contentsOfFile: path, encoding: .utf8)
    try (lines + "not a ledger line\n" + lines).write(toFile: path, atomically: false, encoding: .utf8)
    let before = try String(contentsOfFile: path, encoding: .utf8)
    Self.press(app, [.key(.enter)])
    #expect(terminal.screen.text.contains("not JSON"), "the refusal says why")
    #expect(terminal.screen.text.contains("New by when  +9d"), "the form is back, as typed")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
  }

  @Test func anOverduePromiseDoneLateMaySayWhyAndOneDueTodayIsNotOffered() throws {
    let (path, _) = try Self.anasDay()
    let (app, terminal) = try Self.checkin(path)
    app.step(nil)
    #expect(terminal.screen.text.contains("w done late: say why"), "\(terminal.screen.text)")
    Self.press(app, [.key(.character("w"))])
    #expect(terminal.screen.text.contains("P1 done late"))
    Self.press(app, [.key(.character("4"))] + TestLedger.keys("Globex moved the date") + [.key(.enter)])
    let ledger = try FileLedger(path: path)
    #expect(try ledger.state.promise(named: "P1").state == .delivered, "done, and ben accepts it")
    #expect(ledger.state.reasons.misses.map(\.reason) == ["priorities"])
    // P2 is a delivery to ana, P3 due today: neither has come late.
    for label in ["P2", "P3"] {
      if !terminal.screen.text.contains("─ \(label) ─") { Self.press(app, [.key(.character("s"))]) }
      #expect(terminal.screen.text.contains("─ \(label) ─"), "\(terminal.screen.text)")
      #expect(!terminal.screen.text.contains("done late"), "\(label): nothing to explain")
    }
    let before = try String(contentsOfFile: path, encoding: .utf8)
    Self.press(app, [.key(.character("w"))])
    #expect(terminal.screen.text.contains("w: P3 is not late (due 2026-11-26): k reports it done"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before, "nothing written")
  }

  @Test func rejectAndRevokeAskWhyAndAnEmptyAnswerWritesNothing() throws {
    let (path, _) = try Self.anasDay()
    let (app, terminal) = try Self.checkin(path)
    let before = try String(contentsOfFile: path, encoding: .utf8)
    Self.press(app, [.key(.character("v")), .key(.enter)])
    #expect(terminal.screen.text.contains("say why you withdraw it"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    Self.press(app, TestLedger.keys("The client left") + [.key(.enter)])
    #expect(try Self.state(of: "P1", in: path) == .revoked)
    Self.press(app, [.key(.character("x"))])
    #expect(terminal.screen.text.contains("Reject P2"))
    Self.press(app, TestLedger.keys("No speaker notes") + [.key(.enter), .key(.enter)])
    #expect(try Self.state(of: "P2", in: path) == .open, "rejected: open again for ben")
    #expect(try FileLedger(path: path).state.reasons.misses.isEmpty, "a rejection without a reason is no miss")
    #expect(terminal.screen.text.contains("─ P3 ─"))
  }

  @Test func quittingKeepsWhatWasAnsweredAndNothingElse() throws {
    let (path, _) = try Self.anasDay()
    let (app, _) = try Self.checkin(path)
    Self.press(app, [.key(.character("s")), .key(.character("k"))])
    #expect(!app.step(.key(.character("q"))))
    let ledger = try FileLedger(path: path).state
    #expect(ledger.promises.readEach().map(\.state) == [.open, .kept, .open, .open, .open, .open])
    #expect(app.state.skipped.count == 1)
  }

  @Test func eachAnswerShowsThatUUndoesItAndUTakesItBack() throws {
    let (path, _) = try Self.anasDay()
    let (app, terminal) = try Self.checkin(path)
    app.step(nil)
    Self.press(app, [.key(.character("s")), .key(.character("k"))])
    #expect(try Self.state(of: "P2", in: path) == .kept)
    #expect(terminal.screen.text.contains("P2 accepted: kept · u undoes it"))
    #expect(terminal.screen.text.contains("u undo your last answer"))
    Self.press(app, [.key(.character("u"))])
    #expect(try Self.state(of: "P2", in: path) == .delivered, "a compensating event: the delivery waits again")
    #expect(terminal.screen.text.contains("─ P2 ─"), "back on the item it answered")
    #expect(app.state.recorded.isEmpty)
    Self.press(app, [.key(.character("u"))])
    #expect(terminal.screen.text.contains("nothing of this check-in to undo"))
  }

  @Test func helpListsTheKeysFromTheActionTable() throws {
    let (path, _) = try Self.anasDay()
    let (app, terminal) = try Self.checkin(path)
    app.step(.key(.character("?")))
    #expect(terminal.screen.text.contains("j/k or ↓/↑ scroll"), "more keys than rows at 80×24: it says how to see the rest")
    // Scrolled to the end, every key of the table has been on screen.
    var seen = terminal.screen.text
    for _ in CheckinState.actions.all {
      app.step(.key(.character("j")))
      seen += terminal.screen.text
    }
    for action in CheckinState.actions.all { #expect(seen.contains(action.help.prefix(30))) }
    #expect(terminal.screen.text.contains("Help: keys"), "scrolling keeps the help open")
    app.step(.key(.escape))
    #expect(!terminal.screen.text.contains("Help: keys"))
  }

  @Test func withNothingOwedItSaysSoAndOffersANewPromise() throws {
    let path = TestLedger.path()
    let ledger = try FileLedger(path: path)
    try TestLedger.promise("Ben's report", in: ledger, from: "ben", to: "cy", dueInDays: -1)
    let (app, terminal) = try Self.checkin(path)
    app.step(nil)
    #expect(terminal.screen.text.contains("Nothing to account for, ana"))
    #expect(terminal.screen.text.contains("n make a new promise"))
    BoardHarness.expectScreen(terminal.screen, matches: "checkin-empty-80x24")
    app.step(.key(.character("k")))
    #expect(terminal.screen.text.contains("no promise here: n makes a new one"))
  }
}
