import ArgumentParser
import BreakthroughCore
import Foundation

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "The measures: kept on time, honored, unaccounted and load, for the team and each person.",
    discussion: """
      Over the current breakthrough: promises made since it was declared (all promises when none is).       With --reasons: why promises slipped, each reason with its count and share, largest first, and the promises behind it.
      """)

  @Option(help: "table, tsv or json (and csv with --reasons or --weekly).") var format: OutputFormat = .table
  @Flag(help: "Why promises slipped: the reasons of the misses, largest first.") var reasons = false
  @Option(help: ArgumentHelp("With --reasons: the misses from this date on (else since the breakthrough was declared).", valueName: "date"))
  var since: String?
  @Flag(help: "Week by week: for each week (Monday first) the promises that came due, kept on time, honored, not kept, late.")
  var weekly = false
  @Option(help: "With --weekly, how many weeks up to this one (default 12).") var weeks: Int?
  @Flag(help: "With --weekly, each person's kept-on-time rate per week too.") var showRates = false
  @Flag(help: "In CSV, write text that starts with = + - @ as it is.") var raw = false
  @OptionGroup var common: CommonOptions

  /// What was asked, apart from how it was typed.
  var request: StatsRequest {
    StatsRequest(
      format: format, reasons: reasons, since: since, weekly: weekly, weeks: weeks, showRates: showRates, raw: raw, ledger: common.choice)
  }

  func validate() throws {
    if let problem = request.problem { throw ValidationError(problem) }
  }

  func run() throws {
    try request.run()
  }
}
