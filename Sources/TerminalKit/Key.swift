/// A key press, named the way people name keys.
public enum Key: Hashable, Sendable {
  case character(Character)
  case up, down, left, right, pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace, delete
  case function(Int)
  /// Ctrl with a letter (`.control("c")`).
  case control(Character)

  /// How the help and the hint bar write the key.
  public var label: String {
    switch self {
    case .character(" "): return "Space"
    case .character(let character): return String(character)
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .backspace: return "Backspace"
    case .delete: return "Del"
    case .function(let number): return "F\(number)"
    case .control(let letter): return "Ctrl-\(letter.uppercased())"
    }
  }
}

/// What the terminal tells the program.
public enum TerminalEvent: Equatable, Sendable {
  case key(Key)
  /// The terminal has a new size (columns, rows).
  case resize(width: Int, height: Int)
  /// A signal asked the program to end (SIGTERM, SIGHUP, SIGINT), named by its number.
  case terminate(signal: Int)
  /// The other descriptor the wait watched became readable (a server's notification).
  case descriptorReady
  /// Text pasted in the terminal (bracketed paste): text for a field, never keys.
  case paste(String)
  case mouse(MouseEvent)
}

/// A press or a wheel turn at a cell of the screen.
public struct MouseEvent: Equatable, Sendable {
  public enum Kind: Sendable {
    case press, wheelUp, wheelDown
  }

  public let kind: Kind
  public let row: Int
  public let column: Int

  public init(_ kind: Kind, row: Int, column: Int) {
    self.kind = kind
    self.row = row
    self.column = column
  }
}
