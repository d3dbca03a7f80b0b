import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit

/// The options every command takes: which ledger, and who is acting.
struct CommonOptions: ParsableArguments {
  @Option(
    name: .customLong("store"),
    help: ArgumentHelp(
      "The ledger file, or a team ledger's postgres:// URL (else $BREAKTHROUGH_STORE, else store = \"URL or path\" in the config file, "
        + "else ~/.local/share/breakthrough/ledger.jsonl).", valueName: "path|url"))
  var store: String?

  @Option(
    name: .customLong("as"),
    help: ArgumentHelp(
      "Act as this person (else $BREAKTHROUGH_USER, else $USER). On a team ledger you are who your login is, and this may only name you.",
      valueName: "handle"), completion: .handles)
  var actor: String?

  /// The ledger and the person these options choose.
  var choice: LedgerChoice { LedgerChoice(store: store, actor: actor) }

  /// Opens the store and names the actor (`LedgerChoice.openSession`).
  func openSession(reportingWarnings: Bool = true, listening: Bool = false, forWriting: Bool = false) throws -> Session {
    try choice.openSession(reportingWarnings: reportingWarnings, listening: listening, forWriting: forWriting)
  }
}

/// Which ledger, and who is acting: `--store` and `--as` as given (nil: from the environment).
struct LedgerChoice: Equatable {
  var store: String?
  var actor: String?

  /// Opens the store and names the actor. What the store warns about is printed, unless a
  /// screen will show it (printed first, it would be wiped by the screen); a screen also
  /// listens for others' appends. A command that is about to write a move says so
  /// (`forWriting`): a team ledger it has read before is opened by the write itself, in the same
  /// round trip.
  func openSession(reportingWarnings: Bool = true, listening: Bool = false, forWriting: Bool = false) throws -> Session {
    // Foundation reads and parses this machine's zone on first use, 2–3 ms that the open's
    // first, one-core step leaves another core free for.
    let machineZone = OnItsOwnThread { TimeZone.current }
    let environment = ProcessInfo.processInfo.environment
    let configured = ConfigFile.value("store", environment: environment)
    let location = StoreLocation.store(option: store, environment: environment, configured: configured)
    let progress = ReadingProgress.onTerminal()
    let ledger: LedgerStore
    do {
      // Taken away before anything else is said, warnings or the open's refusal.
      defer { progress?.finish() }
      ledger = try StoreLocation.open(
        location, environment: environment, listening: listening, forWriting: forWriting, progress: progress?.report(read:of:),
        snapshotsAside: true)
    }
    let zone = Self.zone(of: ledger.state, configured: ConfigFile.value("zone", environment: environment))
    (ledger as? TeamLedger)?.zoneWhenUnnamed = zone.zone
    let actor: String?
    do { actor = try actorName(on: ledger, environment: environment) } catch {
      ledger.close()
      throw error
    }
    let session = Session(ledger: ledger, actorName: actor, now: Date(), zone: zone.zone ?? machineZone.take())
    if reportingWarnings { session.reportWarnings() }
    if let problem = zone.problem { session.warn(problem) }
    Session.open.append(session)
    return session
  }

  /// The zone days are worked out in: the one the ledger names (the team's clock, the same on
  /// every machine), else `zone = "…"` in the config file, else nil (the machine's).
  static func zone(of state: LedgerState, configured: String?) -> (zone: TimeZone?, problem: String?) {
    if let zone = state.zone { return (zone, nil) }
    if let name = state.zoneName {
      return (nil, "the ledger's time zone \(name) is not known on this machine: dates are worked out in this machine's")
    }
    guard let configured else { return (nil, nil) }
    guard let zone = TeamZone.named(configured) else {
      return (
        nil,
        "zone = \"\(configured)\" in the config file is not a time zone: name one from the time zone database (Europe/Berlin); "
          + "dates are worked out in this machine's"
      )
    }
    return (zone, nil)
  }

  /// Who acts: on a team ledger the handle the server maps the login to (`--as` and
  /// `BREAKTHROUGH_USER` may only name it, and `$USER` is not asked); else as the person says.
  private func actorName(on ledger: LedgerStore, environment: [String: String]) throws -> String? {
    guard let team = ledger as? TeamLedger else { return StoreLocation.actorName(option: actor, environment: environment) }
    let asked = StoreLocation.actorName(option: actor, environment: environment, consultingLogin: false)
    guard let identity = team.identity else { return asked }
    if let asked, asked != identity.text {
      throw CommandFailure(
        "you are \(identity) on the team ledger at \(team.location.place) (the server knows you by your login), so you cannot act "
          + "as \(Escaping.forDisplay(asked)): each person records as themself; drop --as and BREAKTHROUGH_USER, or set them to "
          + "\(identity); nothing was recorded")
    }
    return identity.text
  }
}

/// A message for the person and a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}
