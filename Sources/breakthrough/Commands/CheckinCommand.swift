import ArgumentParser
import BreakthroughCore
import BreakthroughUI
import Foundation

struct CheckinCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "checkin",
    abstract: "Your daily check-in: what you owe, one item at a time, each answered with one key.",
    discussion:
      "Overdue accountings first, then deliveries awaiting your acceptance, promises due today, and confidence on the rest. With --plain it prints the list and exits, for a login script."
  )

  @OptionGroup var common: CommonOptions
  @OptionGroup var screen: ScreenOptions

  @Flag(help: "Print what you owe, without the screen, and exit.")
  var plain = false

  func run() throws {
    if !plain { ensureNonInteractiveBacktraces() }
    let session = try common.openSession(reportingWarnings: plain, listening: !plain)
    let actor = try session.context().actor
    if plain {
      for line in CheckinCommand.plainLines(session.state, person: actor, now: session.localNow) { print(Escaping.forDisplay(line)) }
      session.reportWarnings()
      return
    }
    let terminal = try screen.openTerminal()
    let app = CheckinApp(store: session.ledger, terminal: terminal, actor: actor, zone: session.zone)
    app.showZone(machine: .current)
    app.run()
    let state = app.state
    print("Check-in: \(state.recorded.count) recorded, \(state.skipped.count) skipped.")
    for line in state.recorded { print("  " + Escaping.forDisplay(line)) }
    try exitLikeTheSignal(app.endingSignal)
  }

  /// The check-in as text: each stage's promises, then the closing question.
  static func plainLines(_ state: LedgerState, person: Handle, now: LocalMoment) -> [String] {
    let agenda = CheckinAgenda(state, person: person, now: now)
    var lines = ["Check-in for \(person), \(now.day.weekdayName) \(now.day.iso): \(agenda.items.count) to answer"]
    if agenda.isEmpty {
      lines.append("Nothing to account for: nothing overdue, nothing awaiting your acceptance, nothing due today.")
    }
    for stage in CheckinAgenda.Stage.allCases {
      let items = agenda.items.filter { $0.stage == stage }
      guard !items.isEmpty else { continue }
      var table = TextTable(headers: ["", "", "", ""])
      for item in items {
        if let promise = item.promiseID.flatMap(state.promise(id:)) {
          let when = promise.state == .delivered ? "delivered" : promise.by.words(at: now)
          table.rows.append([promise.label, "\(promise.performer) \(Arrow.text) \(promise.customer)", when, promise.what])
        } else if let request = state.conversations.request(id: item.id) {
          let when = request.isAnswerOverdue(at: now) ? "answer overdue" : request.by.words(at: now)
          table.rows.append([request.label, "\(request.customer) \(Arrow.text) \(request.performer)", when, request.what])
        } else if let breakthrough = state.currentBreakthrough {
          table.rows.append(["", breakthrough.terms.statement, "", "breakthrough enroll | not-yet --note \"what it would take\""])
        }
      }
      lines.append("")
      lines.append(stage.title)
      lines += table.lines().dropFirst().map { "  " + $0 }
    }
    lines.append("")
    lines.append(
      "Anything to promise or ask today? breakthrough promise \"WHAT\" --to HANDLE --by DATE, or request \"WHAT\" --of HANDLE --by DATE")
    for item in state.elementsByNeed(at: now) where item.coverage == .nothingPromised {
      lines.append("  \(item.element.label) has nothing promised yet: \(item.element.what) (--for \(item.element.label))")
    }
    lines.append("Answer them with one key each: breakthrough checkin")
    return lines
  }
}
