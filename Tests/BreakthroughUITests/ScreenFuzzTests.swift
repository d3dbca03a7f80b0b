import BreakthroughCore
import Foundation
import TerminalKit
import Testing

@testable import BreakthroughUI

/// A million random events (keys, resizes from 1×1 to 300×100, ticks, ledgers changing under
/// the screen) through `handle` and `render` of every screen, seeded: no crash, the selection
/// always on a real promise or on nothing, nothing drawn outside the grid, no raw control
/// character in any cell. Rendering is what costs in a debug build, so every 1024th event and
/// one resize in 64 are drawn and checked; `EverySizeTests` covers the sizes one by one.
@Suite struct ScreenFuzzTests {
  /// One frame in this many events is drawn and checked (FUZZ_RENDER_EVERY overrides).
  static let renderEvery = Int(ProcessInfo.processInfo.environment["FUZZ_RENDER_EVERY"] ?? "") ?? 1024

  static let keys: [Key] =
    Array("jkgGhlpnadxrvsmey123uD?/q @.-_abc日\u{1B}\u{7}").map(Key.character)
    + [
      .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .enter, .escape, .tab, .backTab, .backspace, .delete,
      .control("c"), .control("u"), .control("d"), .function(1),
    ]

  /// The demo ledger, its first half, an empty one, and one whose text is full of control characters.
  static let ledgers: [LedgerState] = {
    let events = DemoLedger.events(now: BoardHarness.now, zone: BoardHarness.zone)
    var full = LedgerState()
    var half = LedgerState()
    for event in events { full.apply(event) }
    for event in events.prefix(events.count / 2) { half.apply(event) }
    return [full, half, LedgerState(), ControlCharacterLedger.state]
  }()

  struct Fuzzer {
    var generator: SeededGenerator
    var ledger: LedgerState
    var now = BoardHarness.now
    var rendered = 0, performed = 0, refused = 0

    init(seed: UInt64) {
      generator = SeededGenerator(seed: seed)
      ledger = ScreenFuzzTests.ledgers[0]
    }

    /// Runs `count` events through `screen`, calling `check` after each.
    mutating func run<S: Screen>(_ screen: inout S, count: Int, check: (S) -> Void) {
      for index in 0..<count {
        var mustRender = index % ScreenFuzzTests.renderEvery == 0
        switch Int.random(in: 0..<100, using: &generator) {
        case 0..<72:
          let key = ScreenFuzzTests.keys.randomElement(using: &generator) ?? .enter
          for effect in screen.take(key) { if case .perform(let request) = effect { perform(request, on: &screen) } }
        case 72..<76:
          screen.resize(width: Int.random(in: 1...300, using: &generator), height: Int.random(in: 1...100, using: &generator))
          mustRender = Int.random(in: 0..<64, using: &generator) == 0
        case 76..<96:
          let dayJump = Int.random(in: 0..<10, using: &generator) == 0
          now = now.addingTimeInterval(Double.random(in: 0...(dayJump ? 86_400 : 90), using: &generator))
          screen.tick(now)
        default:
          ledger = ScreenFuzzTests.ledgers.randomElement(using: &generator) ?? LedgerState()
          screen.replaceLedger(ledger)
        }
        check(screen)
        if mustRender {
          let grid = screen.drawn()
          ScreenFuzzTests.expectSound(grid)
          rendered += 1
        }
      }
    }

    private mutating func perform<S: Screen>(_ move: Move, on screen: inout S) {
      let actor = (try? Handle(["ana", "ben", "李娜"].randomElement(using: &generator) ?? "ana")) ?? BoardHarness.ana
      let context = MoveContext(actor: actor, now: now, zone: BoardHarness.zone)
      do {
        let outcome = try ledger.outcome(of: move, context: context)
        for event in outcome.events { ledger.apply(event) }
        screen.replaceLedger(ledger)
        screen.recorded(move, outcome: outcome)
        performed += 1
      } catch {
        screen.report(error.message, isError: true)
        refused += 1
      }
    }
  }

  /// The grid is its size, every row takes exactly its width, and no cell holds a control character.
  static func expectSound(_ grid: Grid) {
    var cells = 0
    for cell in grid.cells {
      cells += 1
      if cell.grapheme.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
        Issue.record("a raw control character reached a cell")
        return
      }
    }
    if cells != grid.width * grid.height { Issue.record("the grid has \(cells) cells") }
    for row in 0..<grid.height {
      let width = (0..<grid.width).reduce(0) { $0 + grid[row, $1].width }
      if width != grid.width {
        Issue.record("row \(row) takes \(width) cells in a grid \(grid.width) wide")
        return
      }
    }
  }

  @Test func theBoard() {
    var fuzzer = Fuzzer(seed: 11)
    var board = BoardHarness.board(fuzzer.ledger, width: 120, height: 40)
    // Plain checks in the loop: an #expect per event would cost more than the event.
    fuzzer.run(&board, count: 400_000) { board in
      for pane in Pane.allCases {
        guard let list = board.lists[pane] else { continue }
        if let id = list.selectedID, board.ledger.promise(id: id) == nil, !list.rows.isEmpty {
          Issue.record("the \(pane) pane selects a promise the ledger does not have")
        }
        if !list.rows.isEmpty && !(0..<list.rows.count).contains(list.cursor) { Issue.record("the \(pane) cursor is off its list") }
      }
    }
    print("board fuzz: 400,000 events, \(fuzzer.rendered) frames checked, \(fuzzer.performed) moves made, \(fuzzer.refused) refused")
    #expect(fuzzer.performed > 100 && fuzzer.refused > 100)
  }

  @Test func theCheckin() {
    var fuzzer = Fuzzer(seed: 12)
    var checkin = CheckinState(
      ledger: fuzzer.ledger, now: BoardHarness.now, zone: BoardHarness.zone, actor: BoardHarness.ana,
      width: 80, height: 24, isUnicode: true)
    fuzzer.run(&checkin, count: 300_000) { checkin in
      if !(0...checkin.agenda.items.count).contains(checkin.position) { Issue.record("the check-in is past its last item") }
    }
    print("check-in fuzz: 300,000 events, \(fuzzer.rendered) frames checked, \(fuzzer.performed) moves made")
  }

  @Test func theMeeting() {
    var fuzzer = Fuzzer(seed: 13)
    var meeting = MeetingState(
      ledger: fuzzer.ledger, now: BoardHarness.now, zone: BoardHarness.zone, options: .init(interval: 30),
      width: 160, height: 48, isUnicode: true)
    fuzzer.run(&meeting, count: 300_000) { meeting in
      if !(0..<meeting.pages.count).contains(meeting.pageIndex) { Issue.record("the meeting is on a page it does not have") }
    }
    print("meeting fuzz: 300,000 events, \(fuzzer.rendered) frames checked")
  }
}

/// A ledger whose every text field carries control characters and escape sequences.
enum ControlCharacterLedger {
  static let nasty = "\u{1B}[2J\u{1B}]0;owned\u{7}\u{8}\r\u{9B}31m\u{0}tab\there"

  static let state: LedgerState = {
    var state = LedgerState()
    let zone = BoardHarness.zone
    let ana = BoardHarness.ana
    var now = BoardHarness.now.addingTimeInterval(-5 * 86_400)
    func run(_ move: (LedgerState, MoveContext) throws(Refusal) -> MoveOutcome) {
      let context = MoveContext(actor: ana, now: now, zone: zone)
      guard let outcome = try? move(state, context) else { return }
      for event in outcome.events { state.apply(event) }
      now = now.addingTimeInterval(3600)
    }
    let today = LocalMoment(BoardHarness.now, in: zone).day
    run { (state, context) throws(Refusal) in
      try state.declare(statement: "Launch " + nasty, by: ByWhen(day: today.adding(days: 90)), measure: nasty, why: nasty, context: context)
    }
    for offset in [-3, 0, 2] {
      run { (state, context) throws(Refusal) in
        try state.makePromise(what: "Promise \(offset) " + nasty, to: ana, by: ByWhen(day: today.adding(days: offset)), context: context)
      }
    }
    run { (state, context) throws(Refusal) in
      try state.accountNotKept(
        try state.promise(named: "P1"), note: nasty, then: Move.Replacement(what: "Again " + nasty, by: ByWhen(day: today.adding(days: 4))),
        context: context)
    }
    return state
  }()
}
