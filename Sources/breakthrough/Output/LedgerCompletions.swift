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
    numbers(words, prefix) { !$0.isClosed }
  }

  /// Every promise, for `show`.
  static func promiseNumbers(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    numbers(words, prefix) { $0 != .withdrawn }
  }

  /// The requests waiting for an answer: what counter, decline, withdraw (and promise, accept) take.
  static func openRequestNumbers(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    guard let state = state(words) else { return [] }
    return state.conversations.unanswered.map(\.label).filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
  }

  /// Open promises and requests waiting for an answer: what `accept` takes.
  static func openPromiseAndRequestNumbers(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    openPromiseNumbers(words, index, prefix) + openRequestNumbers(words, index, prefix)
  }

  /// Every promise, request and element: what `show` takes.
  static func recordNumbers(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    guard let state = state(words) else { return [] }
    let labels = state.conversations.requests.map(\.label) + state.conversations.elements.map(\.label)
    return promiseNumbers(words, index, prefix) + labels.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
  }

  /// Open elements: what `--for` and `element met|drop|revise` take.
  static func openElementNumbers(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    guard let state = state(words) else { return [] }
    return state.conversations.elements.filter { $0.state == .open }.map(\.label).filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
  }

  static func handles(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    (state(words)?.people ?? []).map(\.text).filter { $0.hasPrefix(prefix.lowercased()) }
  }

  private static func numbers(_ words: [String], _ prefix: String, where included: (PromiseState) -> Bool) -> [String] {
    guard let state = state(words) else { return [] }
    // By state and number alone: a Tab does not build every closed promise of a long ledger.
    let promises = state.promises
    return promises.indices.filter { included(promises.state(at: $0)) }.map { "P\(promises.number(at: $0))" }
      .filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
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
  static var openRequests: CompletionKind { .custom(LedgerCompletions.openRequestNumbers) }
  static var openPromisesAndRequests: CompletionKind { .custom(LedgerCompletions.openPromiseAndRequestNumbers) }
  static var records: CompletionKind { .custom(LedgerCompletions.recordNumbers) }
  static var openElements: CompletionKind { .custom(LedgerCompletions.openElementNumbers) }
}
