import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit

/// The board's loop.
public typealias BoardApp = ScreenApp<BoardState>

extension ScreenApp where State == BoardState {
  /// A board for `actor` on the terminal's whole screen.
  public convenience init(store: LedgerStore, terminal: Terminal, actor: Handle, zone: TimeZone, clock: @escaping () -> Date = Date.init) {
    self.init(store: store, terminal: terminal, actor: actor, zone: zone, clock: clock) { ledger, now, terminal in
      BoardState(ledger: ledger, now: now, zone: zone, actor: actor,
                 width: terminal.size.width, height: terminal.size.height, isUnicode: terminal.isUnicode)
    }
  }
}

extension BoardState: Screen {
  /// A new promise is selected; the move can be taken back with `u`.
  public mutating func recorded(_ request: MoveRequest, outcome: MoveOutcome) {
    if case .made(let terms)? = outcome.events.first?.body { select(promiseID: terms.id) }
    if !request.isUndo, let event = outcome.events.last, let promise = event.body.promiseID {
      undoable.append((event.id, promise, outcome.summary))
    }
    report(outcome.summary + (request.isMake ? " made" : ""), isError: false)
  }

  /// Puts the cursor of the open pane on a promise, and focuses that pane.
  mutating func select(promiseID: String) {
    guard let index = lists[.open]?.rows.firstIndex(where: { $0.promiseIndex.map { ledger.promises[$0].id } == promiseID }) else { return }
    focus = .open
    lists[.open]?.cursor = index
    lists[.open]?.selectedID = promiseID
  }
}
