import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import Foundation

/// Appends promises as fast as the ledger takes them, printing each number once it is synced:
/// what a fault test counts as acknowledged.
struct AppendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "append",
    abstract: "Make COUNT promises in a row, printing each number (P12) as soon as it is on disk.")

  @Option(help: "The ledger file, or a team ledger's postgres:// URL.") var store: String
  @Option(help: "How many promises to make (0: until killed).") var count = 100
  @Option(name: .customLong("as"), help: "Who makes them (on a team ledger: who the login is).") var actor = "ana"
  @Option(help: "To whom.") var to = "ben"

  func run() throws {
    let ledger = try StoreLocation.open(store, environment: ProcessInfo.processInfo.environment)
    let performer = try ledger.identity ?? Handle(actor)
    let customer = try Handle(to)
    var made = 0
    while count == 0 || made < count {
      let context = MoveContext(actor: performer, now: Date(), zone: .current)
      let by = ByWhen(day: context.localNow.day.adding(days: 3))
      let outcome = try ledger.append(.make(what: "Stress promise \(made + 1) by \(performer)", to: customer, by: by), context: context)
      // Unbuffered: a number printed is a number the test may count on.
      FileHandle.standardOutput.write(Data((outcome.summary + "\n").utf8))
      made += 1
    }
  }
}
