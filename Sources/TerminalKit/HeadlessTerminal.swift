/// A terminal in memory for tests: events are queued in advance, grids are kept.
public final class HeadlessTerminal: Terminal {
  public private(set) var size: (width: Int, height: Int)
  public let isUnicode: Bool
  /// The last grid drawn.
  public private(set) var screen: Grid
  public private(set) var isRestored = false
  private var queue: [TerminalEvent]

  public init(width: Int, height: Int, isUnicode: Bool = true, events: [TerminalEvent] = []) {
    size = (width, height)
    self.isUnicode = isUnicode
    screen = Grid(width: width, height: height)
    queue = events
  }

  /// Queues more events.
  public func send(_ events: [TerminalEvent]) {
    queue += events
  }

  public func draw(_ grid: Grid) {
    screen = grid
  }

  public func nextEvent(timeoutMilliseconds: Int, watching descriptor: Int32? = nil) -> TerminalEvent? {
    guard !queue.isEmpty else { return nil }
    let event = queue.removeFirst()
    if case .resize(let width, let height) = event { size = (width, height) }
    return event
  }

  public func restore() {
    isRestored = true
  }

  /// How many times the program stopped itself (Ctrl-Z).
  public private(set) var suspensions = 0

  public func suspend() {
    suspensions += 1
  }

  /// How many times the whole screen was asked to be sent again (Ctrl-L).
  public private(set) var wholeRepaints = 0

  public func repaintWhole() {
    wholeRepaints += 1
  }
}
