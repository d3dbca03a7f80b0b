import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import Foundation

struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "The ledger, readable: every event, oldest first; an event the rule book left out says so, and why.")

  @Flag(name: .customLong("left-out"), help: "Only the events the rule book left out, each with why.")
  var onlyLeftOut = false
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    let describer = EventDescriber(state: session.state, zone: session.zone)
    for line in describer.lines(for: try session.ledger.entries(), onlyLeftOut: onlyLeftOut) {
      print(Escaping.forDisplay(line))
    }
    if onlyLeftOut, session.state.leftOut.isEmpty { print("Nothing was left out: every event in the ledger keeps the rule book.") }
  }
}

/// The ledger's entries in words, one line each, and under an event the rule book left out
/// a line that says why.
struct EventDescriber {
  let state: LedgerState
  let zone: TimeZone

  func lines(for entries: [LedgerLine], onlyLeftOut: Bool) -> [String] {
    let wording = EventWording(state: state, arrow: Arrow.text)
    // The fold counts the lines read as events; a left-out event is known by its place among them.
    let leftOut = Dictionary(
      state.leftOut.compactMap { event in event.ordinal.map { ($0, event) } }, uniquingKeysWith: { first, _ in first })
    var ordinal = 0
    var lines: [String] = []
    for entry in entries {
      switch entry.content {
      case .unreadable(let reason):
        lines.append("\(entry.number)  (unreadable: \(reason); left out)")
      case .unknownKind(let kind):
        if !onlyLeftOut { lines.append("\(entry.number)  (event of a newer kind: \(kind))") }
      case .event(let event):
        ordinal += 1
        let excluded = leftOut[ordinal]
        guard !onlyLeftOut || excluded != nil else { continue }
        let moment = LocalMoment(event.at, in: zone)
        lines.append("\(moment.day.iso) \(moment.clock)  \(event.actor)  \(wording.phrase(event).text)")
        if let excluded { lines.append("    left out: \(excluded.reason)") }
      }
    }
    return lines
  }
}
