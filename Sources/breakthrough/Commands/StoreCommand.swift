import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit

/// `breakthrough store …`: setting up a team ledger on a PostgreSQL server, as its owner.
struct StoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store",
    abstract: "Set up and look after a team ledger on a PostgreSQL server (--store postgres://…).",
    discussion: """
      The owner of the database runs these: `store init` once, then `store member add HANDLE` for each person \
      (after `createuser HANDLE`). Each member then sets BREAKTHROUGH_STORE=postgres://HANDLE@HOST/DATABASE.
      """,
    subcommands: [StoreInitCommand.self, StoreMemberCommand.self, StoreImportCommand.self, StoreExportCommand.self, StoreCheckCommand.self]
  )
}

/// The options of the `store` commands: which team ledger.
struct TeamOptions: ParsableArguments {
  @Option(
    name: .customLong("store"),
    help: ArgumentHelp(
      "The team ledger's postgres:// URL (else $BREAKTHROUGH_STORE, else store = \"…\" in the config file).", valueName: "url"))
  var store: String?

  /// The team ledger named, or a failure that says how to name one.
  func administration() throws -> TeamAdministration {
    let environment = ProcessInfo.processInfo.environment
    let store = StoreLocation.store(
      option: store, environment: environment, configured: ConfigFile.value("store", environment: environment))
    guard let location = TeamLocation(store) else {
      throw CommandFailure(
        "\(Escaping.forDisplay(store)) is a ledger file, which needs no setting up: name a team ledger with --store postgres://USER@HOST/DATABASE"
      )
    }
    return try TeamAdministration(location)
  }
}

struct StoreInitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init", abstract: "Create the team ledger's tables and rules, or upgrade them (running it again changes nothing).")

  @Option(help: "The team's time zone, e.g. Europe/Berlin (default: this machine's), recorded as the ledger's first event.")
  var zone: String?
  @Flag(help: "Record no time zone (to import a ledger file next; a member sets it later with `breakthrough zone set`).")
  var noZone = false
  @OptionGroup var team: TeamOptions

  func validate() throws {
    if noZone, zone != nil { throw ValidationError("--zone and --no-zone contradict each other: give one") }
    if let zone, TeamZone.named(zone) == nil {
      throw ValidationError(
        "\(Escaping.forDisplay(zone)) is not a time zone: name one from the time zone database, like Europe/Berlin; nothing was changed")
    }
  }

  func run() throws {
    let administration = try team.administration()
    print(try administration.initialize())
    guard !noZone else { return }
    let name = zone ?? TimeZone.current.identifier
    if let recorded = try administration.recordZone(name, at: Date()) {
      print(recorded)
    } else if zone != nil {
      throw CommandFailure(
        "the team ledger already holds events, so its zone is a member's move: `breakthrough zone set \(name)`; the zone was not changed")
    }
  }
}

struct StoreMemberCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "member", abstract: "Members of the team ledger.", subcommands: [StoreMemberAddCommand.self])
}

struct StoreMemberAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Map a login role (made with `createuser`) to a handle: it reads the ledger and records as that handle.")

  @Argument(help: "The person's handle, e.g. ana.") var handle: String
  @Option(help: ArgumentHelp("The login role (default: the handle).", valueName: "role")) var role: String?
  @OptionGroup var team: TeamOptions

  func run() throws {
    let person = try Handle(handle)
    print(Escaping.forDisplay(try team.administration().addMember(person, role: role ?? handle)))
  }
}

struct StoreImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: "Move a ledger file into an empty team ledger: every number and history kept, all or nothing.")

  @Argument(help: "The ledger file, e.g. ~/.local/share/breakthrough/ledger.jsonl.") var file: String
  @OptionGroup var team: TeamOptions

  func run() throws {
    print(Escaping.forDisplay(try team.administration().importLedger(from: file)))
  }
}

struct StoreExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Write the team ledger as JSON lines, oldest first: what a ledger file holds.")

  @OptionGroup var team: TeamOptions

  func run() throws {
    // JSON escapes every control character, so the lines are printed as they are.
    let lines = try team.administration().exportLines()
    FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
  }
}

struct StoreCheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: "The connection as the server sees it: version, TLS, login, handle, last event, round trip.")

  @OptionGroup var team: TeamOptions

  func run() throws {
    let administration = try team.administration()
    var (rows, isMember) = try administration.check()
    guard isMember else { return Self.show(rows) }
    let (head, broken) = try administration.verifyChain()
    rows.append(
      ("head", head.count == 0 ? "no events yet" : "event \(head.count), hash \(head.short) (compare it aloud: equal heads, equal pasts)"))
    let mirrors = StoreLocation.mirrorFolder(environment: ProcessInfo.processInfo.environment)
    let machine = try administration.machineView(mirrorFolder: mirrors)
    if let machine, machine.verified.count > 0 {
      let verdict = machine.agrees ? "the server still holds it" : "the server no longer holds it: the past was changed"
      rows.append(("this machine", "verified to event \(machine.verified.count), hash \(machine.verified.short); \(verdict)"))
    }
    Self.show(rows)
    if let broken {
      throw CommandFailure(
        "the team ledger's chain is broken at event \(broken): its line was changed at the server after it was written "
          + "(only the owner or a superuser can, around the append-only trigger); every machine that reads it says so")
    }
    if let machine,
      let alarm = machine.alarm
        ?? (machine.agrees ? nil : "the team ledger's past was changed since this machine verified event \(machine.verified.count)")
    {
      throw CommandFailure(alarm)
    }
  }

  /// The lines of the check, a name and a value each.
  private static func show(_ rows: [(name: String, value: String)]) {
    for (name, value) in rows { print(Escaping.forDisplay(name.padding(toLength: 13, withPad: " ", startingAt: 0) + value)) }
  }
}
