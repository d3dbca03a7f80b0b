import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import BreakthroughUI
import Foundation

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Open the board on a fresh sample ledger (a team of five, about 40 promises); your own ledger is not touched.")

  @OptionGroup var screen: ScreenOptions

  func run() throws {
    ensureNonInteractiveBacktraces()
    let path = try DemoCommand.writeSampleLedger()
    let ledger = try FileLedger(path: path)
    let terminal = try screen.openTerminal()
    let team = DemoLedger.team
    let app = BoardApp(store: ledger, terminal: terminal) { ledger, now, terminal in
      var state = BoardState(
        ledger: ledger, now: now, zone: .current, actor: team[0], width: terminal.size.width,
        height: terminal.size.height, isUnicode: terminal.isUnicode)
      state.actingChoices = team
      state.report(
        "Demo: you are \(team[0]), one of a sample team of \(team.count); A acts as the next person. ? shows every key.",
        isError: false)
      return state
    }
    app.run()
    print("You were \(app.state.actor). The demo ledger is at \(path); your own ledger was not touched.")
    try exitLikeTheSignal(app.endingSignal)
  }

  /// Writes the demo events to a new ledger in a fresh temporary folder; returns its path.
  static func writeSampleLedger() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("breakthrough-demo-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let path = folder.appendingPathComponent("ledger.jsonl").path
    let text = DemoLedger.events(now: Date(), zone: .current).map { EventCoding.line(for: $0) + "\n" }.joined()
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
      throw CommandFailure("cannot write the demo ledger at \(path)")
    }
    return path
  }
}
