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
  /// Takes one key the help does not; returns what the loop should do besides (`take`).
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
  /// A move this screen asked for was not recorded: why, with the form it was typed in open
  /// again as typed (`ScreenFrame.unrecordedForm`).
  mutating func notRecorded(_ text: String)
  /// The smallest terminal the screen is drawn on; on a smaller one `drawn()` asks for more.
  static var minimumWidth: Int { get }
  static var minimumHeight: Int { get }
  /// The lines and marks it is drawn with: Unicode, or ASCII where the terminal has no more.
  var glyphs: Glyphs { get }
  /// The help's title and rows: the screen's keys, from its action table.
  static var helpTitle: String { get }
  static var helpRows: [(keys: String, help: String)] { get }
  /// Draws the screen into a fresh grid of its size, which is at least its minimum (`drawn()`
  /// checks); mutating, because drawing scrolls the lists so that their selection stays in view.
  mutating func render() -> Grid
  /// Text pasted in the terminal: into the field being edited, if any; never keys.
  mutating func paste(_ text: String)
  /// A press or a wheel turn; returns what the loop should do besides.
  mutating func mouse(_ event: MouseEvent) -> [ScreenEffect]
}

extension Screen {
  /// A title, a few lines and the keys: what the check-in and the meeting display need.
  public static var minimumWidth: Int { 60 }
  public static var minimumHeight: Int { 16 }

  /// What the terminal shows: the screen as `render` draws it, with the help over it when it
  /// is shown, or, on a terminal smaller than the screen's minimum, how small is enough. The
  /// one check of the size, for every screen.
  public mutating func drawn() -> Grid {
    guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
      var grid = Grid(width: width, height: height, isUnicode: glyphs.isUnicode)
      grid.drawTooSmall(minimumWidth: Self.minimumWidth, minimumHeight: Self.minimumHeight)
      return grid
    }
    var grid = render()
    if let scroll = frame.helpScroll { grid.drawHelp(Self.helpRows, title: Self.helpTitle, borders: glyphs.borders, scroll: scroll) }
    return grid
  }

  /// Whether the help is shown over the screen.
  public var isShowingHelp: Bool { frame.helpScroll != nil }

  /// Shows the help over the screen, from its first row.
  mutating func showHelp() { frame.helpScroll = 0 }

  /// Takes one key as the loop gives it: the help, while shown, takes every key (to scroll,
  /// or to close on Esc, q or ?); any other key goes to the screen's `handle`.
  public mutating func take(_ key: Key) -> [ScreenEffect] {
    guard let scroll = frame.helpScroll else { return handle(key) }
    frame.helpScroll = HelpScroll.after(key, scroll: scroll, rows: Self.helpRows.count)
    return key == .control("c") ? [.quit] : []
  }

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
