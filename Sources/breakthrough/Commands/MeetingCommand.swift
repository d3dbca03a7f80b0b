import ArgumentParser
import BreakthroughCore
import BreakthroughUI
import Foundation

struct MeetingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "meeting",
    abstract: "The standing-meeting display for the big screen: read-only, turns its pages by itself.",
    discussion:
      "The breakthrough with a countdown, the team's overdue accountings and figures, then a page per person. Space pauses, ←/→ step, q quits. It shows changes to the ledger within 2 seconds. The high-contrast theme is the default here; --theme still wins."
  )

  @OptionGroup var common: CommonOptions
  @OptionGroup var screen: ScreenOptions

  @Option(help: ArgumentHelp("How long each page stays, in seconds (5 to 3600).", valueName: "seconds"))
  var interval: Int = 60

  @Flag(help: "Show the people's pages in a random order.")
  var shuffle = false

  @Flag(help: "Show per-person rates (kept on time, honored) on the team page.")
  var showRates = false

  func validate() throws {
    guard (5...3600).contains(interval) else {
      throw ValidationError("--interval \(interval) is out of range: give the seconds a page stays, from 5 to 3600 (default 60)")
    }
  }

  func run() throws {
    ensureNonInteractiveBacktraces()
    let session = try common.openSession(reportingWarnings: false, listening: true)
    let terminal = try screen.openTerminal(fallbackTheme: "high-contrast")
    let options = MeetingState.Options(
      interval: TimeInterval(interval), showsRates: showRates,
      shuffleSeed: shuffle ? UInt64.random(in: 1...UInt64.max) : nil)
    let app = MeetingApp(store: session.ledger, terminal: terminal, zone: session.zone, options: options)
    app.showZone(machine: .current)
    app.run()
    try exitLikeTheSignal(app.endingSignal)
  }
}
