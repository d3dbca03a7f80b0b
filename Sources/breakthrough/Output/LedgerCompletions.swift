import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit

/// What the shell completes from the ledger: promise numbers and people's handles. The shell
/// runs the program to ask; a team ledger is read from this machine's mirror of it, so that a
/// Tab never waits on a server.
enum LedgerCompletions {
  /// The open and delivered promises: what a move can be made on.
  static func openPromiseNumbers(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    numbers(words, prefix) { !$0.state.isClosed }
  }

  /// Every promise, for `show`.
  static func promiseNumbers(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    numbers(words, prefix) { $0.state != .withdrawn }
  }

  static func handles(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    (state(words)?.people ?? []).map(\.text).filter { $0.hasPrefix(prefix.lowercased()) }
  }

  private static func numbers(_ words: [String], _ prefix: String, where included: (Promise) -> Bool) -> [String] {
    guard let state = state(words) else { return [] }
    return state.promises.filter(included).map(\.label).filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
  }

  /// The ledger the command line names (its --store, else the usual places), read without writing.
  private static func state(_ words: [String]) -> LedgerState? {
    let environment = ProcessInfo.processInfo.environment
    var option: String?
    if let flag = words.firstIndex(of: "--store"), flag + 1 < words.count {
      option = NSString(string: words[flag + 1]).expandingTildeInPath
    }
    let store = StoreLocation.store(
      option: option, environment: environment, configured: ConfigFile.value("store", environment: environment))
    let path = TeamLocation(store).map { $0.mirrorPath(in: StoreLocation.mirrorFolder(environment: environment)) } ?? store
    return try? FileLedger(path: path).state
  }
}

extension CompletionKind {
  static var openPromises: CompletionKind { .custom(LedgerCompletions.openPromiseNumbers) }
  static var promises: CompletionKind { .custom(LedgerCompletions.promiseNumbers) }
  static var handles: CompletionKind { .custom(LedgerCompletions.handles) }
}
