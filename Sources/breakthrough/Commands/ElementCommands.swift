import ArgumentParser
import BreakthroughCore

struct ElementCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "element",
    abstract: "What the breakthrough will take: add, revise, meet and drop its elements (E2).",
    subcommands: [AddElementCommand.self, ReviseElementCommand.self, MeetElementCommand.self, DropElementCommand.self])
}

struct AddElementCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an element; prints its number (E2).")

  @Argument(help: "One specific, discrete thing the breakthrough will take.") var what: String
  @Option(help: ArgumentHelp("By when it is needed.", valueName: "date")) var by: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    try session.perform(.addElement(what: what, by: try by.map { try session.date($0) }))
  }
}

struct ReviseElementCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "revise", abstract: "Say an element anew, or give it a new by-when.")

  @Argument(help: "The element, e.g. E2.", completion: .openElements) var element: String
  @Option(help: "What it is now.") var what: String?
  @Option(help: ArgumentHelp("By when it is needed now.", valueName: "date")) var by: String?
  @Option(help: "A note for the record.") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    let id = try session.named { try $0.element(named: element).id }
    try session.perform(.reviseElement(element: id, what: what, by: try by.map { try session.date($0) }, note: note))
  }
}

struct MeetElementCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "met", abstract: "Mark an element met.")

  @Argument(help: "The element, e.g. E2.", completion: .openElements) var element: String
  @Option(help: "A note for the record.") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    try session.perform(.meetElement(element: try session.named { try $0.element(named: element).id }, note: note))
  }
}

struct DropElementCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drop", abstract: "Drop an element the breakthrough no longer needs, saying why.")

  @Argument(help: "The element, e.g. E2.", completion: .openElements) var element: String
  @Option(help: "Why it is no longer needed.") var note: String
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    try session.perform(.dropElement(element: try session.named { try $0.element(named: element).id }, note: note))
  }
}

struct ElementsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "elements", abstract: "What the breakthrough will take, with the promises that cover each; uncovered first.")

  @Option(help: "table, tsv or json.") var format: OutputFormat = .table
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    let state = session.state
    let records = state.elementsByNeed(at: session.localNow).map { ElementRecord(element: $0.element, coverage: $0.coverage, state: state) }
    switch format {
    case .json: print(JSONOutput.text(.array(records.map { $0.json() })))
    case .tsv:
      var out = TSVWriter()
      ElementRecord.tsvHeader.forEach { out.field($0) }
      out.endLine()
      records.forEach { $0.writeTSV(to: &out) }
      out.flush()
    case .csv: throw ValidationError("elements writes table, tsv or json")
    case .table:
      guard !records.isEmpty else {
        print("No elements yet. Say what the breakthrough will take: breakthrough element add \"WHAT\" [--by DATE]")
        return
      }
      var lines = [state.elementsSummary(at: session.localNow) ?? "", ""]
      var table = TextTable(headers: ["NUM", "COVERAGE", "BY", "WHAT", "PROMISES"])
      table.rows = records.map { record in
        let promises = record.promises.filter { !$0.state.isClosed }.map { "\($0.label) \($0.performer)" }
        let coverage = record.coverage == .nothingPromised ? "NOTHING PROMISED YET" : record.coverage.words
        return [
          record.element.label, coverage, record.element.terms.by?.description ?? "", record.element.what, promises.joined(separator: ", "),
        ]
      }
      lines += table.lines()
      lines.map(Escaping.forDisplay).forEach { print($0) }
    }
  }
}
