import CNcursesw

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real terminal, through ncursesw. The only type that touches the C library.
public final class NcursesTerminal: Terminal {
  public let isUnicode: Bool
  private let palette: [Role: (pair: Int32, style: RoleStyle)]
  private var previous: Grid?
  private var needsFullRepaint = true
  private var isRunning = true
  /// Keys read while looking for a paste's start marker that turned out to be keys.
  private var pending: [TerminalEvent] = []

  /// Starts curses with `theme`'s colours (none when `useColour` is false). Signal handlers that
  /// only set a flag are installed first, so a SIGTERM or SIGHUP ends the loop, which restores.
  public init(theme: Theme, useColour: Bool, useMouse: Bool = true) throws(TerminalError) {
    isUnicode = CNcursesw_setup_locale() != 0
    CNcursesw_install_signal_flags()
    let plain = "`breakthrough list` and `breakthrough checkin --plain` work anywhere"
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    switch CNcursesw_start(useMouse ? 1 : 0) {
    case 0: break
    case -2:
      throw TerminalError(
        "this terminal (TERM=\(term)) cannot move the cursor, so the board cannot be drawn here; \(plain), "
          + "or run it in a terminal such as xterm (TERM=xterm-256color)")
    default:
      throw TerminalError(
        "the terminal type \"\(term)\" is unknown to ncurses, so the board cannot be drawn; \(plain), or set TERM=xterm-256color")
    }
    let colours = useColour ? Int(CNcursesw_colors()) : 0
    var palette: [Role: (Int32, RoleStyle)] = [:]
    for role in Role.allCases {
      let style = theme.style(for: role)
      let foreground = style.foreground?.index(forTerminalWith: colours) ?? -1
      let background = style.background?.index(forTerminalWith: colours) ?? -1
      let pair = colours > 0 ? CNcursesw_pair(Int32(foreground), Int32(background)) : 0
      palette[role] = (pair, style)
    }
    self.palette = palette
  }

  public var size: (width: Int, height: Int) {
    (Int(CNcursesw_columns()), Int(CNcursesw_rows()))
  }

  public func draw(_ grid: Grid) {
    let repaint = needsFullRepaint || previous?.width != grid.width || previous?.height != grid.height
    for row in 0..<grid.height {
      var column = 0
      while column < grid.width {
        let cell = grid[row, column]
        defer { column += max(1, cell.width) }
        if !repaint, let previous, previous[row, column] == cell, cell.width < 2 || previous[row, column + 1] == grid[row, column + 1] {
          continue
        }
        guard cell.width > 0 else { continue }
        let (pair, style) = palette[cell.role] ?? (0, RoleStyle())
        var wide = cell.grapheme.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        if wide.isEmpty { wide = [wchar_t(32)] }
        CNcursesw_draw(
          Int32(row), Int32(column), wide, Int32(wide.count), pair,
          style.isBold ? 1 : 0, style.isDim ? 1 : 0, style.isUnderlined ? 1 : 0, style.isReversed ? 1 : 0)
      }
    }
    CNcursesw_present(repaint ? 1 : 0)
    previous = grid
    needsFullRepaint = false
  }

  public func nextEvent(timeoutMilliseconds: Int, watching descriptor: Int32?) -> TerminalEvent? {
    guard let descriptor, descriptor >= 0 else { return readKey(timeoutMilliseconds: timeoutMilliseconds) }
    // Keys curses has already read from the terminal come first; then both are waited on at once.
    if let event = readKey(timeoutMilliseconds: 0) { return event }
    var watched = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
    let ready = poll(&watched, 2, Int32(timeoutMilliseconds))
    if ready > 0, watched[0].revents == 0, watched[1].revents != 0 { return .descriptorReady }
    // A key, a resize or a signal (which interrupts the wait): curses reads what it was.
    return readKey(timeoutMilliseconds: ready > 0 ? 10 : 0)
  }

  private func readKey(timeoutMilliseconds: Int) -> TerminalEvent? {
    if let ending = Self.takeSignal() { return ending }
    if !pending.isEmpty { return pending.removeFirst() }
    var code: Int32 = 0
    switch CNcursesw_read_key(Int32(timeoutMilliseconds), &code) {
    case Int32(CNcursesw_KEY_CHARACTER.rawValue):
      if let ending = Self.takeSignal() { return ending }
      if code == 27 { return escapeOrPaste() }
      return Self.characterKey(code).map(TerminalEvent.key)
    case Int32(CNcursesw_KEY_FUNCTION.rawValue):
      if code == CNcursesw_key_mouse() {
        var row: Int32 = 0
        var column: Int32 = 0
        let kinds: [Int32: MouseEvent.Kind] = [1: .press, 4: .wheelUp, 5: .wheelDown]
        guard let kind = kinds[CNcursesw_mouse(&row, &column)] else { return nil }
        return .mouse(MouseEvent(kind, row: Int(row), column: Int(column)))
      }
      if code == CNcursesw_key_resize() {
        needsFullRepaint = true
        return .resize(width: size.width, height: size.height)
      }
      return functionKey(code).map(TerminalEvent.key)
    default:
      return Self.takeSignal()
    }
  }

  /// After Esc: the start of a bracketed paste (`ESC [200~`), read whole up to its end marker;
  /// else the Escape key, with whatever followed it kept as the next keys.
  private func escapeOrPaste() -> TerminalEvent {
    let start: [Int32] = Array("[200~".unicodeScalars.map { Int32($0.value) })
    var seen: [Int32] = []
    while seen.count < start.count, let code = nextCharacter(timeoutMilliseconds: 30) {
      seen.append(code)
      if code != start[seen.count - 1] { break }
    }
    guard seen == start else {
      pending += seen.compactMap { Self.characterKey($0).map(TerminalEvent.key) }
      return .key(.escape)
    }
    let end: [Int32] = Array("\u{1B}[201~".unicodeScalars.map { Int32($0.value) })
    var text: [Int32] = []
    // A paste that never ends (a terminal gone away) stops after a pause or a megabyte.
    while text.count < 1 << 20, let code = nextCharacter(timeoutMilliseconds: 200) {
      text.append(code)
      if text.count >= end.count, Array(text.suffix(end.count)) == end {
        text.removeLast(end.count)
        break
      }
    }
    return .paste(String(String.UnicodeScalarView(text.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) })))
  }

  private func nextCharacter(timeoutMilliseconds: Int) -> Int32? {
    var code: Int32 = 0
    switch CNcursesw_read_key(Int32(timeoutMilliseconds), &code) {
    case Int32(CNcursesw_KEY_CHARACTER.rawValue): return code
    case Int32(CNcursesw_KEY_FUNCTION.rawValue):
      if let key = functionKey(code) { pending.append(.key(key)) }
      return nil
    default: return nil
    }
  }

  /// A signal that asked the program to end, taken once.
  private static func takeSignal() -> TerminalEvent? {
    let signal = CNcursesw_take_signal()
    return signal != 0 ? .terminate(signal: Int(signal)) : nil
  }

  public func suspend() {
    guard isRunning else { return }
    CNcursesw_suspend()
    needsFullRepaint = true
  }

  public func repaintWhole() {
    needsFullRepaint = true
  }

  public func restore() {
    guard isRunning else { return }
    isRunning = false
    CNcursesw_end()
  }

  deinit { restore() }

  static func characterKey(_ code: Int32) -> Key? {
    switch code {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 96)))
    default:
      guard code >= 32, let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
      return .character(Character(scalar))
    }
  }

  func functionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_ENTER: return .enter
    case KEY_BTAB: return .backTab
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    default:
      for number in 1...12 where code == CNcursesw_key_code_function(Int32(number)) { return .function(number) }
      return nil
    }
  }
}

/// The terminal could not be used, and why.
public struct TerminalError: Error, CustomStringConvertible {
  public let description: String

  public init(_ description: String) {
    self.description = description
  }
}
