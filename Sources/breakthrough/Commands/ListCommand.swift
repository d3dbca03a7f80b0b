import ArgumentParser
import BreakthroughCore
import BreakthroughInterchange
import Foundation

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List promises (open ones by default, soonest by-when first), or with --requests the requests and offers.")

  enum Selection: String, EnumerableFlag {
    case open, overdue, delivered, all

    static func help(for value: Selection) -> ArgumentHelp? {
      switch value {
      case .open: return "Open and delivered promises (the default)."
      case .overdue: return "Open promises past their by-when: accountings owed."
      case .delivered: return "Deliveries waiting for the customer to accept."
      case .all: return "Every promise, in the order made."
      }
    }
  }

  @Flag var selection: Selection = .open
  @Flag(help: "Requests and offers instead: those waiting for an answer (--all: every one; --overdue: answers overdue).")
  var requests = false
  @Flag(help: "With --requests: only those waiting for your answer.") var waitingOnMe = false
  @Option(help: ArgumentHelp("Only promises this person makes or receives.", valueName: "handle"), completion: .handles) var person: String?
  @Option(help: "table, tsv, json or csv.") var format: OutputFormat = .table
  @Flag(help: "In CSV, write text that starts with = + - @ as it is (else it gets a leading ' so that a spreadsheet does not run it).")
  var raw = false
  @OptionGroup var common: CommonOptions

  /// What was asked, apart from how it was typed.
  var request: ListRequest {
    ListRequest(
      selection: selection, requests: requests, waitingOnMe: waitingOnMe, person: person, format: format, raw: raw, ledger: common.choice)
  }

  func run() throws {
    try request.run()
  }
}
