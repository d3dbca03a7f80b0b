import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import BreakthroughUI
import Foundation
import TerminalKit

/// Moves made on an open board through the loop a person's keys go through (key, append,
/// the screen brought up to date, the frame drawn), and appends by another writer folded into it.
struct BoardMoves {
  let app: BoardApp
  let terminal: HeadlessTerminal
  /// Keys that put the cursor back on the promise the moves are made on (a filter on its
  /// number, then the filter cleared), after a new promise took the cursor.
  let reselect: [Key]

  /// A 120×40 board on `store`, acting as the performer of the first open promise, so that
  /// every move below is one that person may make.
  init(store: LedgerStore, zone: TimeZone) throws {
    let probe = BoardState(ledger: store.state, now: Date(), zone: zone, actor: try Handle("ana"), width: 120, height: 40, isUnicode: true)
    guard let promise = probe.selectedPromise else { throw ValidationError("the ledger has no open promise to make moves on") }
    reselect = [Key.character("/")] + promise.label.map(Key.character) + [.enter, .character("/"), .escape]
    terminal = HeadlessTerminal(width: 120, height: 40)
    app = BoardApp(store: store, terminal: terminal, actor: promise.performer, zone: zone)
    app.step(nil)
  }

  /// Milliseconds from the key that makes a move to its frame, for `rounds` rounds of eight
  /// moves: confidence on track, undo, at risk, undo, delivered (the confirmation's `y`),
  /// undo, a new promise (the form's last Enter), undo. Keys that only lead up to a move
  /// (opening the menu or the form, typing) are not timed.
  func moves(rounds: Int) -> [Double] {
    var times: [Double] = []
    func timed(_ key: Key, after leadingKeys: [Key] = []) {
      for key in leadingKeys { app.step(.key(key)) }
      times.append(RunCommand.milliseconds { app.step(.key(key)) })
    }
    let newPromise =
      [Key.character("n")] + "Benchmark move".map(Key.character) + [.enter] + "ben".map(Key.character) + [.enter]
      + "+3d".map(Key.character)
    for _ in 0..<rounds {
      timed(.character("1"))
      timed(.character("u"))
      timed(.character("2"))
      timed(.character("u"))
      timed(.character("y"), after: [.character("a"), .character("d")])
      timed(.character("u"))
      timed(.enter, after: newPromise)
      timed(.character("u"))
      for key in reselect { app.step(.key(key)) }
    }
    return times
  }

  /// Milliseconds from another writer's append being on disk to the board's next frame with
  /// it folded in, `count` times.
  func foldedAppends(path: String, zone: TimeZone, count: Int) throws -> [Double] {
    let other = try FileLedger(path: path)
    let customer = try Handle("ben")
    return try (0..<count).map { index in
      let context = MoveContext(actor: try Handle("cy"), now: Date(), zone: zone)
      _ = try other.append(
        .make(what: "Appended by another writer \(index)", to: customer, by: ByWhen(day: context.localNow.day.adding(days: 2))),
        context: context)
      return RunCommand.milliseconds {
        app.refresh(Date())
        var state = app.state
        terminal.draw(state.drawn())
      }
    }
  }
}
