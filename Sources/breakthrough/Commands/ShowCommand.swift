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
      members.append(("leftOut", .array(state.leftOut(naming: promise.label).map { .string($0.reason) })))
      print(JSONWriter.prettyText(.object(members)))
      return
    }
    func local(_ date: Date) -> String {
      let moment = LocalMoment(date, in: session.zone)
      return "\(moment.day.iso) \(moment.clock)"
    }
    var lines = [
      "\(promise.label)  \(record.stateWords)",
      "what       \(promise.what)",
      "who        \(promise.performer) promised \(promise.customer)",
      "by         \(promise.by.description) (\(promise.byWords(at: session.localNow)))",
      "made       \(local(promise.madeAt))",
      "forwards   \(breakthroughLine(promise, state))",
    ]
    if let request = promise.terms.request.flatMap(state.conversations.request(id:)) {
      lines.append(
        "answers    \(request.label): \(request.customer) \(request.terms.isOffer ? "accepted \(request.performer)'s offer" : "asked \(request.performer)")"
      )
    }
    if let element = promise.terms.element.flatMap(state.conversations.element(id:)) {
      lines.append("for        \(element.label) \(element.what)")
    }
    if chain.count > 1 {
      lines.append(
        "chain      "
          + chain.map { $0.id == promise.id ? "[\($0.label)]" : "\($0.label) \($0.state.word)" }.joined(separator: " \(Arrow.text) "))
    }
    lines.append("history")
    for entry in promise.history {
      lines.append("  \(local(entry.at))  \(entry.actor)  \(entry.summary)" + (entry.note.map { ": \($0)" } ?? ""))
    }
    let attempts = state.leftOut(naming: promise.label)
    if !attempts.isEmpty {
      lines.append("left out   (kept in the ledger, counted for nothing)")
      for attempt in attempts { lines.append("  \(attempt.at.map(local) ?? "?")  \(attempt.reason)") }
    }
    lines.map(Escaping.forDisplay).forEach { print($0) }
  }

  func breakthroughLine(_ promise: Promise, _ state: LedgerState) -> String {
    guard let id = promise.terms.breakthrough, let breakthrough = state.breakthroughs.last(where: { $0.id == id }) else {
      return "unlinked"
    }
    return "\"\(breakthrough.terms.statement)\""
  }
}
