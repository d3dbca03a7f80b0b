import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit

/// A full-screen view (board, check-in, meeting) as a value: keys and the clock change it,
/// `render` draws it, and moves it asks for come back to it once the ledger has them.
public protocol Screen: Sendable {
  /// Its size, status line and connection note: what `resize`, `report` and `showConnection` change.
  var frame: ScreenFrame { get set }
  /// Who the moves asked for here are made by; nil for a display that acts for nobody.
  var actingAs: Handle? { get }
  /// The zone that dates and "today" are read in.
  var zone: TimeZone { get }
  /// Takes one key; returns what the loop should do besides.
  mutating func handle(_ key: Key) -> [ScreenEffect]
  /// The terminal has a new size.
  mutating func resize(width: Int, height: Int)
  /// The clock moved on.
  mutating func tick(_ now: Date)
  /// The ledger changed: a move here, or another process's append.
  mutating func replaceLedger(_ ledger: LedgerState)
  /// A line for the person: what happened, or why it was refused.
  mutating func report(_ text: String, isError: Bool)
  /// How the store's connection stands: nil when all is well, else a few words ("offline
  /// since 14:02") that stay on screen until it is well again.
  mutating func showConnection(_ note: String?)
  /// A move this screen asked for is in the ledger.
  mutating func recorded(_ move: Move, outcome: MoveOutcome)
  /// Draws the screen into a fresh grid of its size; mutating, because drawing scrolls the
  /// lists so that their selection stays in view.
  mutating func render() -> Grid
  /// Text pasted in the terminal: into the field being edited, if any; never keys.
  mutating func paste(_ text: String)
  /// A press or a wheel turn; returns what the loop should do besides.
  mutating func mouse(_ event: MouseEvent) -> [ScreenEffect]
}

extension Screen {
  /// A screen without fields takes no paste: nothing happens, rather than keys.
  public mutating func paste(_ text: String) {}

  /// A screen without lists to point at ignores the mouse.
  public mutating func mouse(_ event: MouseEvent) -> [ScreenEffect] { [] }
}

/// A screen one person works in (the board, the check-in), made from the folded ledger, the
/// moment, and the terminal's size.
public protocol PersonalScreen: Screen {
  init(ledger: LedgerState, now: Date, zone: TimeZone, actor: Handle, width: Int, height: Int, isUnicode: Bool)
}

extension ScreenApp where State: PersonalScreen {
  /// The screen for `actor` on the terminal's whole screen.
  public convenience init(store: LedgerStore, terminal: Terminal, actor: Handle, zone: TimeZone, clock: @escaping () -> Date = Date.init) {
    self.init(store: store, terminal: terminal, clock: clock) { ledger, now, terminal in
      State(
        ledger: ledger, now: now, zone: zone, actor: actor,
        width: terminal.size.width, height: terminal.size.height, isUnicode: terminal.isUnicode)
    }
  }
}

/// What `handle` asks the loop to do besides changing the state.
public enum ScreenEffect: Equatable, Sendable {
  case perform(Move)
  case quit
}
