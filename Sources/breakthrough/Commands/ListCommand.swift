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

  func run() throws {
    let session = try common.openSession()
    let person = try person.map { try Handle($0) }
    if requests || waitingOnMe { return try listRequests(session, person: person) }
    let selection = self.selection
    let now = session.localNow
    let state = session.state
    let promises = state.promises
    // Fields are read in place: handing each whole promise to a call would copy it, and this
    // looks at every promise in the ledger.
    var selected = promises.indices.filter { index in
      // Most promises of a long ledger are closed: told apart without building them.
      if selection != .all && promises.isClosed(at: index) { return false }
      guard person == nil || promises[index].terms.performer == person || promises[index].terms.customer == person else { return false }
      switch selection {
      case .open: return !promises[index].state.isClosed
      case .overdue: return promises[index].state == .open && promises[index].terms.by.isPast(at: now)
      case .delivered: return promises[index].state == .delivered
      case .all: return true
      }
    }
    if selection != .all {
      // By keys read once each, not two promises read for every comparison.
      selected = selected.map { (promises[$0].terms.by, promises[$0].terms.number, $0) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }
    let records = selected.map { PromiseRecord(promise: promises[$0], state: state, now: now, zone: session.zone) }
    switch format {
    case .json:
      print(JSONWriter.prettyText(.array(records.map { $0.json(zone: session.zone) })))
    case .csv:
      var out = CSVWriter(guardsFormulas: !raw)
      PromiseRecord.csvHeader.forEach { out.plain($0) }
      out.endRow()
      records.forEach { $0.writeCSV(to: &out, zone: session.zone) }
      FileHandle.standardOutput.write(Data(out.text.utf8))
    case .tsv:
      var out = TSVWriter()
      PromiseRecord.tsvHeader.forEach { out.field($0) }
      out.endLine()
      records.forEach { $0.writeTSV(to: &out) }
      out.flush()
    case .table:
      guard !records.isEmpty else {
        print(
          session.state.promises.isEmpty
            ? "No promises yet. Make one: breakthrough promise \"WHAT\" --to HANDLE --by DATE"
            : "No \(selection == .all ? "" : selection.rawValue + " ")promises\(person.map { " for \($0)" } ?? "").")
        return
      }
      var table = TextTable(headers: ["NUM", "STATE", "WHO", "BY", "WHAT"])
      table.rows = records.map(\.tableFields)
      print(table.text, terminator: "")
    }
  }

  func listRequests(_ session: Session, person: Handle?) throws {
    let now = session.localNow
    let me = waitingOnMe ? try session.context().actor : nil
    let state = session.state
    let chosen = state.conversations.requests.filter { request in
      guard person == nil || request.customer == person || request.performer == person else { return false }
      guard me == nil || request.waitsOn == me else { return false }
      switch selection {
      case .open: return request.state.isOpen
      case .overdue: return request.isAnswerOverdue(at: now)
      case .all: return true
      case .delivered: return false
      }
    }
    guard selection != .delivered else {
      throw ValidationError("requests are not delivered; use --requests with --all, --overdue or nothing")
    }
    let records = chosen.map { RequestRecord(request: $0, state: state, now: now) }
    switch format {
    case .json: print(JSONWriter.prettyText(.array(records.map { $0.json() })))
    case .tsv:
      var out = TSVWriter()
      RequestRecord.tsvHeader.forEach { out.field($0) }
      out.endLine()
      records.forEach { $0.writeTSV(to: &out) }
      out.flush()
    case .csv: throw ValidationError("--requests writes table, tsv or json")
    case .table:
      guard !records.isEmpty else {
        print(me != nil ? "No requests wait for your answer." : "No \(selection == .all ? "" : "unanswered ")requests.")
        return
      }
      var table = TextTable(headers: ["NUM", "STATE", "WHO", "BY", "WHAT"])
      table.rows = records.map(\.tableFields)
      print(table.text, terminator: "")
    }
  }
}
