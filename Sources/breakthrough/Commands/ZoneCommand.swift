import ArgumentParser
import BreakthroughCore
import Foundation
import TerminalKit

/// `breakthrough zone`: the team's time zone, which decides every end of day, week and date.
struct ZoneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "zone",
    abstract: "The time zone days are worked out in: the ledger's (one team clock), else the config file's, else this machine's.",
    discussion: """
      A by-when without a time ends at midnight in this zone; overdue, "due in 7 days", the weeks of `stats --weekly` and \
      every date shown follow it. Change it with `breakthrough zone set Europe/Berlin` (recorded in the ledger, so every \
      machine on the ledger uses it); a ledger that names none uses zone = "…" in the config file, else this machine's.
      """,
    subcommands: [ZoneShowCommand.self, ZoneSetCommand.self], defaultSubcommand: ZoneShowCommand.self)
}

struct ZoneShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "show", abstract: "Say which zone is used, and where it comes from.")

  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    let source =
      session.state.zone != nil
      ? "set in the ledger"
      : ConfigFile.value("zone", environment: ProcessInfo.processInfo.environment) != nil
        ? "from the config file" : "this machine's: the ledger names none; `breakthrough zone set ZONE` sets one"
    let machine =
      TeamZone.note(for: session.zone, machine: .current).map { _ in "; this machine is in \(TimeZone.current.identifier)" } ?? ""
    print(Escaping.forDisplay("\(session.zone.identifier) (\(source))\(machine)"))
  }
}

struct ZoneSetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set", abstract: "Record the team's time zone in the ledger: every machine on it works days out in it from now on.")

  @Argument(help: "A zone from the time zone database, e.g. Europe/Berlin.") var zone: String
  @Option(help: "Why, for the record.") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    let context = try session.context()
    let outcome = try session.ledger.append { (state) throws(Refusal) in try state.setZone(zone, note: note, context: context) }
    print(Escaping.forDisplay(outcome.summary))
  }
}
