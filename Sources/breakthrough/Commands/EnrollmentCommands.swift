import ArgumentParser
import BreakthroughCore

struct EnrollCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "enroll", abstract: "Say you are in for the breakthrough.")

  @Option(help: "A note for the record.") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws { try common.openSession(forWriting: true).perform(.enroll(note: note)) }
}

struct NotYetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "not-yet", abstract: "Say you are not in for the breakthrough yet, and what it would take.")

  @Option(help: "What it would take for you to be in.") var note: String
  @OptionGroup var common: CommonOptions

  func run() throws { try common.openSession(forWriting: true).perform(.notYet(note: note)) }
}

struct UnenrollCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "unenroll", abstract: "Say you are no longer in, and why.")

  @Option(help: "Why.") var note: String
  @OptionGroup var common: CommonOptions

  func run() throws { try common.openSession(forWriting: true).perform(.unenroll(note: note)) }
}

struct EnrollmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enrollment", abstract: "Who is in for the breakthrough, and what the others said it would take.")

  @Option(help: "table or json.") var format: OutputFormat = .table
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    let roll = session.state.conversations.roll
    guard let breakthrough = session.state.currentBreakthrough, roll.breakthrough != nil else {
      print("No breakthrough declared yet: breakthrough declare STATEMENT --by DATE")
      return
    }
    func words(_ entry: Roll.Entry) -> (standing: String, said: String?) {
      switch entry.standing {
      case .enrolled: return ("in", nil)
      case .notYet(let said): return (entry.wasInBefore ? "not yet (in for the earlier declaration)" : "not yet", said)
      case .unenrolled(let said): return ("no longer in", said)
      }
    }
    switch format {
    case .json:
      let entries: [JSONValue] = roll.entries.map { entry in
        let (standing, said) = words(entry)
        return .object([
          ("person", .string(entry.person.text)), ("standing", .string(standing)), ("said", said.map(JSONValue.string) ?? .null),
        ])
      }
      print(JSONOutput.text(.object([("breakthrough", .string(breakthrough.terms.statement)), ("roll", .array(entries))])))
    case .tsv, .csv:
      throw ValidationError("enrollment writes table or json")
    case .table:
      var lines = ["\(breakthrough.terms.statement)", roll.summary ?? "In: nobody yet", ""]
      var table = TextTable(headers: ["WHO", "STANDING", "SAID"])
      table.rows = roll.entries.map { entry in
        let (standing, said) = words(entry)
        return [entry.person.text, standing, said ?? ""]
      }
      lines += table.lines()
      lines.map(Escaping.forDisplay).forEach { print($0) }
    }
  }
}
