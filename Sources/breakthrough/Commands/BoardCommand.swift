import ArgumentParser
import BreakthroughCore
import BreakthroughUI
import Foundation

struct BoardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "board",
    abstract: "The dashboard: the breakthrough, open promises and overdue accountings (the default).")

  @OptionGroup var common: CommonOptions
  @OptionGroup var screen: ScreenOptions

  func run() throws {
    ensureNonInteractiveBacktraces()
    let session = try common.openSession(reportingWarnings: false, listening: true)
    let actor = try session.context().actor
    let terminal = try screen.openTerminal()
    let app = BoardApp(store: session.ledger, terminal: terminal, actor: actor, zone: session.zone)
    app.showZone(machine: .current)
    app.run()
    try exitLikeTheSignal(app.endingSignal)
  }
}
