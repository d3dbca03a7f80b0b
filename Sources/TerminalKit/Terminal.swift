/// A place to draw grids and read keys: the real terminal, or a headless one in tests.
public protocol Terminal: AnyObject {
  /// Columns and rows.
  var size: (width: Int, height: Int) { get }
  /// Whether line-drawing and other non-ASCII glyphs can be shown.
  var isUnicode: Bool { get }
  /// Shows `grid`, sending only what changed since the last one.
  func draw(_ grid: Grid)
  /// The next event, or nil when none came within `timeoutMilliseconds`. While waiting it also
  /// watches `descriptor`, if given, and returns `.descriptorReady` when that can be read.
  func nextEvent(timeoutMilliseconds: Int, watching descriptor: Int32?) -> TerminalEvent?
  /// Gives the terminal back as it was. Called once, whatever happened.
  func restore()
  /// Ctrl-Z: gives the terminal back and stops, as a shell's job control expects; returns
  /// once continued (`fg`), and the next draw repaints everything.
  func suspend()
  /// Ctrl-L: the next draw clears the terminal and sends every cell again, whatever another
  /// program or a stray message wrote over it.
  func repaintWhole()
}
