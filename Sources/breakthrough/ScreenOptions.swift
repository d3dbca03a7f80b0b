import ArgumentParser
import BreakthroughCore
import Foundation
import TerminalKit

/// Options of the full-screen commands: which theme.
struct ScreenOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A theme name (see `breakthrough themes`) or a path to a .toml file; else $BREAKTHROUGH_THEME.", valueName: "name|path"))
  var theme: String?

  @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal, to select text (also: mouse = false in the config file).")
  var noMouse = false

  /// Loads the chosen theme and opens the terminal, after checking there is one; from here on
  /// the process keeps freed memory for the screen's reuse (`ScreenMemory`).
  func openTerminal(fallbackTheme: String = "default") throws -> NcursesTerminal {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw CommandFailure(
        "this screen needs a terminal, and \(isatty(STDIN_FILENO) == 1 ? "standard output" : "standard input") is not one; "
          + "`breakthrough list`, `checkin --plain`, `show` and `stats` work without one")
    }
    let environment = ProcessInfo.processInfo.environment
    let library = ThemeLibrary(environment: environment)
    let name = ThemeLibrary.chosenTheme(option: theme, environment: environment, fallback: fallbackTheme)
    let chosen = try library.theme(name)
    let mouse = !noMouse && ConfigFile.flag("mouse", environment: environment) != false
    ScreenMemory.keepFreedBlocks()
    return try NcursesTerminal(theme: chosen, useColour: ThemeLibrary.allowsColour(environment: environment), useMouse: mouse)
  }
}

/// A screen ended by a signal exits as a shell expects of one: 128 plus its number.
func exitLikeTheSignal(_ signal: Int?) throws {
  if let signal { throw ExitCode(Int32(128 + signal)) }
}

/// A crash must not leave a person inside Swift's interactive backtracer with the screen in
/// curses mode; the runtime reads this setting at start, so the process starts itself again.
func ensureNonInteractiveBacktraces() {
  guard getenv("SWIFT_BACKTRACE") == nil else { return }
  setenv("SWIFT_BACKTRACE", "interactive=no", 1)
  let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
  execv("/proc/self/exe", arguments)
}
