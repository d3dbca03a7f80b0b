import ArgumentParser
import BreakthroughCore

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List promises: open ones by default, soonest by-when first.")

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
  @Option(help: ArgumentHelp("Only promises this person makes or receives.", valueName: "handle")) var person: String?
  @Option(help: "table, tsv or json.") var format: OutputFormat = .table
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    let person = try person.map { try Handle($0) }
    let now = session.localNow
    var promises = session.state.promises.filter { promise in
      guard person == nil || promise.performer == person || promise.customer == person else { return false }
      switch selection {
      case .open: return !promise.state.isClosed
      case .overdue: return promise.isOverdue(at: now)
      case .delivered: return promise.state == .delivered
      case .all: return true
      }
    }
    if selection != .all { promises.sort { ($0.by, $0.number) < ($1.by, $1.number) } }
    let records = promises.map { PromiseRecord(promise: $0, state: session.state, now: now) }
    switch format {
    case .json:
      print(JSONWriter.prettyText(.array(records.map { $0.json(zone: session.zone) })))
    case .tsv:
      printTSV([PromiseRecord.tsvHeader] + records.map(\.tsvFields))
    case .table:
      guard !records.isEmpty else {
        print(session.state.promises.isEmpty
          ? "No promises yet. Make one: breakthrough promise \"WHAT\" --to HANDLE --by DATE"
          : "No \(selection == .all ? "" : selection.rawValue + " ")promises\(person.map { " for \($0)" } ?? "").")
        return
      }
      var table = TextTable(headers: ["NUM", "STATE", "WHO", "BY", "WHAT"])
      table.rows = records.map(\.tableFields)
      table.lines().forEach { print($0) }
    }
  }
}
