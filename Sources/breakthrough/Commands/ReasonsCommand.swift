import ArgumentParser
import BreakthroughCore

struct ReasonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reasons",
    abstract: "The team's reasons for a miss: list them, add one, retire one.",
    discussion: """
      not-kept and a renegotiation after the by-when name one with --reason KEY; a late delivery (done) and a rejection may. \
      The list is kept in the ledger; while a breakthrough is in force, whoever declared it changes the list.
      """,
    subcommands: [ListReasonsCommand.self, AddReasonCommand.self, RetireReasonCommand.self],
    defaultSubcommand: ListReasonsCommand.self)
}

struct ListReasonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "The reasons a miss may give, with their words.")

  @Flag(help: "Retired reasons too.") var all = false
  @Option(help: "table or json.") var format: OutputFormat = .table
  @OptionGroup var common: CommonOptions

  func run() throws {
    let book = try common.openSession().state.reasons
    let shown = all ? book.reasons : book.active
    switch format {
    case .json:
      print(
        JSONOutput.text(
          .array(
            shown.map { reason in
              .object([
                ("reason", .string(reason.key)), ("words", .string(reason.words)),
                ("addedBy", reason.addedBy.map { .string($0.text) } ?? .null), ("retired", .bool(reason.isRetired)),
              ])
            })))
    case .table:
      var table = TextTable(headers: ["#", "REASON", "WHAT IT MEANS"] + (all ? ["STATE"] : []))
      table.rows = shown.enumerated().map { index, reason in
        ["\(index + 1)", reason.key, reason.words] + (all ? [reason.isRetired ? "retired" : "on the list"] : [])
      }
      (table.lines() + ["", "Give one with --reason KEY (not-kept, renegotiate after the by-when; optional on done and reject)."])
        .map(Escaping.forDisplay).forEach { print($0) }
    case .tsv, .csv:
      throw ValidationError("reasons writes table or json")
    }
  }
}

struct AddReasonCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a reason to the team's list.")

  @Argument(help: "Its key: a lowercase letter, then up to 23 lowercase letters, digits or hyphens (e.g. tooling).") var key: String
  @Argument(help: "What it means, in a few words.") var words: String
  @OptionGroup var common: CommonOptions

  func run() throws {
    try common.openSession(forWriting: true).perform(.addReason(key: key, words: words))
  }
}

struct RetireReasonCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retire", abstract: "Retire a reason: no miss gives it from now on; those that gave it keep it.")

  @Argument(help: "Its key.") var key: String
  @Option(help: "Why, for the record.") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    try common.openSession(forWriting: true).perform(.retireReason(key: key, note: note))
  }
}
