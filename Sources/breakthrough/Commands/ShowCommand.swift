import ArgumentParser
import BreakthroughCore
import Foundation

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show a promise with its whole history and its chain of replacements; or a request (R3) or an element (E2).")

  @Argument(help: "The promise, e.g. P12; or a request, R3, or an element, E2.", completion: .records) var number: String
  @Option(help: "table or json.") var format: OutputFormat = .table
  @OptionGroup var common: CommonOptions

  func run() throws {
    guard format == .table || format == .json else {
      throw ValidationError("show writes table or json; for \(format.rawValue), use `breakthrough list --all --format \(format.rawValue)`")
    }
    let session = try common.openSession()
    let state = session.state
    switch number.trimmingCharacters(in: .whitespaces).first {
    case "R", "r": return try ConversationView(session: session, json: format == .json).show(try state.request(named: number))
    case "E", "e": return try ConversationView(session: session, json: format == .json).show(try state.element(named: number))
    default: break
    }
    let promise = try state.promise(named: number)
    let record = PromiseRecord(promise: promise, state: state, now: session.localNow, zone: session.zone)
    let chain = state.chain(of: promise)
    if format == .json {
      guard case .object(var members) = record.json(zone: session.zone, withHistory: true) else { return }
      members.append(("chain", .array(chain.map { .string($0.label) })))
      members.append(("request", promise.terms.request.flatMap(state.conversations.request(id:)).map { .string($0.label) } ?? .null))
      members.append(("element", promise.terms.element.flatMap(state.conversations.element(id:)).map { .string($0.label) } ?? .null))
      members.append(("addresses", promise.terms.addresses.map(JSONValue.string) ?? .null))
      let misses = state.reasons.misses.filter { $0.promiseID == promise.id }
      members.append(("reasons", .array(misses.map { .string($0.reason ?? "no reason given") })))
      members.append(("leftOut", .array(state.leftOut(naming: promise.label).map { .string($0.reason) })))
      print(JSONOutput.text(.object(members)))
      return
    }
    let detail = PromiseDetail(promise, in: state, now: session.localNow, zone: session.zone, arrow: Arrow.text)
    let lines =
      ["\(promise.label)  \(record.stateWords)", "what       \(promise.what)"]
      + detail.facts.map { $0.label.padding(toLength: 11, withPad: " ", startingAt: 0) + $0.text } + ["history"]
      + detail.history.map { "  " + $0 }
      + (detail.leftOut.isEmpty ? [] : ["left out   (kept in the ledger, counted for nothing)"] + detail.leftOut.map { "  " + $0 })
    lines.map(Escaping.forDisplay).forEach { print($0) }
  }
}
