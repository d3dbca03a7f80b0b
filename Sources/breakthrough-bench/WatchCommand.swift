import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import Foundation

/// Keeps refreshing one open ledger while others write, then compares what it built up with a
/// fresh fold of the file: the two must be the same.
struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Refresh a ledger until it holds PROMISES promises, then check it against a fresh fold.")

  @Option(help: "The ledger file, or a team ledger's postgres:// URL.") var store: String
  @Option(help: "Stop once this many promises are in the ledger.") var promises: Int
  @Option(help: "Give up after this many seconds.") var seconds = 60.0

  func run() throws {
    let deadline = Date().addingTimeInterval(seconds)
    let environment = ProcessInfo.processInfo.environment
    let ledger = try StoreLocation.open(store, environment: environment, listening: true)
    var refreshes = 0
    while ledger.state.promises.count < promises && Date() < deadline {
      try ledger.refresh()
      refreshes += 1
    }
    let watched = Self.digest(ledger.state)
    // A fresh fold: of the file, or of the whole team ledger into a mirror of its own.
    var freshEnvironment = environment
    let freshCache = NSTemporaryDirectory() + "breakthrough-watch-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: freshCache) }
    freshEnvironment["XDG_CACHE_HOME"] = freshCache
    let fresh = Self.digest(try StoreLocation.open(store, environment: freshEnvironment).state)
    let numbers = ledger.state.promises.readEach().map(\.number)
    print("promises \(numbers.count)")
    print("distinct numbers \(Set(numbers).count)")
    print("refreshes \(refreshes)")
    print(watched == fresh ? "same as a fresh fold" : "DIFFERENT from a fresh fold")
    for warning in ledger.takeWarnings() { print("warning: \(warning)") }
    if watched != fresh || numbers.count < promises { throw ExitCode(1) }
  }

  /// Everything the fold says about each promise, one line each.
  static func digest(_ state: LedgerState) -> [String] {
    state.promises.readEach().map { "\($0.id) \($0.label) \($0.state.word) \($0.performer) \($0.customer) \($0.by.ledgerText) \($0.what)" }
  }
}
