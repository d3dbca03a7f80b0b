import ArgumentParser
import BreakthroughCore
import BreakthroughInterchange
import Foundation

/// What `list` is asked for, however it was typed: the command's options, or the words a
/// script passes, read without the argument parser (`init?(typed:)`).
struct ListRequest: Equatable {
  var selection: ListCommand.Selection = .open
  var requests = false
  var waitingOnMe = false
  var person: String?
  var format: OutputFormat = .table
  var raw = false
  var ledger = LedgerChoice()

  /// The key of a promise that `--all` lists where it stands in the ledger.
  private static let unsorted = ByWhen(day: CalendarDay(daysSinceEpoch: 0))

  func run() throws {
    let session = try ledger.openSession()
    let person = try person.map { try Handle($0) }
    if requests || waitingOnMe { return try listRequests(session, person: person) }
    let selection = self.selection
    let now = session.localNow
    let state = session.state
    let promises = state.promises
    // Each promise read once (a copy of a built one, never a closed one built), with the
    // keys it is sorted by.
    var selected: [(by: ByWhen, number: Int, position: Int)] = []
    for position in promises.indices {
      // Most promises of a long ledger are closed: told apart without building them.
      if selection != .all && promises.isClosed(at: position) { continue }
      if selection == .all && person == nil {
        // The whole ledger in its own order: no promise is read for a key.
        selected.append((Self.unsorted, 0, position))
        continue
      }
      let promise = promises.promise(at: position)
      guard person == nil || promise.terms.performer == person || promise.terms.customer == person else { continue }
      let chosen: Bool
      switch selection {
      case .open: chosen = !promise.state.isClosed
      case .overdue: chosen = promise.state == .open && promise.terms.by.isPast(at: now)
      case .delivered: chosen = promise.state == .delivered
      case .all: chosen = true
      }
      if chosen { selected.append((promise.terms.by, promise.terms.number, position)) }
    }
    if selection != .all { selected.sort { ($0.by, $0.number) < ($1.by, $1.number) } }
    let zone = session.zone
    func record(_ chosen: (by: ByWhen, number: Int, position: Int)) -> PromiseRecord {
      PromiseRecord(promise: promises.promise(at: chosen.position), state: state, now: now, zone: zone)
    }
    switch format {
    case .json:
      print(JSONOutput.text(.array(selected.map { record($0).json(zone: zone) })))
    case .csv:
      var out = CSVWriter(guardsFormulas: !raw)
      PromiseRecord.csvHeader.forEach { out.plain($0) }
      out.endRow()
      // A record at a time, written and let go: not a list of them first.
      for chosen in selected { record(chosen).writeCSV(to: &out, zone: zone) }
      FileHandle.standardOutput.write(Data(out.text.utf8))
    case .tsv:
      var out = TSVWriter()
      PromiseRecord.tsvHeader.forEach { out.field($0) }
      out.endLine()
      for chosen in selected { record(chosen).writeTSV(to: &out) }
      out.flush()
    case .table:
      guard !selected.isEmpty else {
        print(
          session.state.promises.isEmpty
            ? "No promises yet. Make one: breakthrough promise \"WHAT\" --to HANDLE --by DATE"
            : "No \(selection == .all ? "" : selection.rawValue + " ")promises\(person.map { " for \($0)" } ?? "").")
        return
      }
      var table = TextTable(headers: ["NUM", "STATE", "WHO", "BY", "WHAT"])
      table.rows = selected.map { record($0).tableFields }
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
    case .json: print(JSONOutput.text(.array(records.map { $0.json() })))
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

extension ListRequest: TypedRequest {
  /// `list` as scripts type it (`TypedOptions`).
  init?(typed arguments: [String]) {
    let selections = Set(ListCommand.Selection.allCases.map { "--" + $0.rawValue })
    guard
      let typed = TypedOptions(
        arguments, flags: selections.union(["--requests", "--waiting-on-me", "--raw"]),
        valued: ["--person", "--format", "--store", "--as"], oneOf: [selections])
    else { return nil }
    if let selection = ListCommand.Selection.allCases.first(where: { typed.has("--" + $0.rawValue) }) { self.selection = selection }
    requests = typed.has("--requests")
    waitingOnMe = typed.has("--waiting-on-me")
    raw = typed.has("--raw")
    person = typed["--person"]
    if let text = typed["--format"] {
      guard let format = OutputFormat(rawValue: text) else { return nil }
      self.format = format
    }
    ledger = LedgerChoice(store: typed["--store"], actor: typed["--as"])
  }
}
