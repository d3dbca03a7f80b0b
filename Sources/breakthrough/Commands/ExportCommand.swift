import ArgumentParser
import BreakthroughCore
import BreakthroughInterchange
import Foundation

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the promises in another program's format.",
    subcommands: [ICalendarExportCommand.self, PageExportCommand.self])
}

struct ICalendarExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ics",
    abstract: "The promises as an iCalendar file (RFC 5545): a to-do for each, under the breakthrough.",
    discussion: """
      Each promise is a VTODO with its by-when as DUE and its state as STATUS; the same ledger always writes the same file, \
      and a promise keeps its UID, so importing again updates it. Calendars that ignore to-dos (Google Calendar, Outlook, \
      iOS) take --events: the open promises as all-day events on their by-when.
      """)

  @Option(help: ArgumentHelp("Only promises this person makes or receives.", valueName: "handle"), completion: .handles) var person: String?
  @Flag(help: "Only open and delivered promises.") var open = false
  @Flag(help: "All-day events for the open promises, for calendars that ignore to-dos.") var events = false
  @OptionGroup var output: OutputDestination
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    let selection = PromiseCalendar.Selection(person: try person.map { try Handle($0) }, openOnly: open, asEvents: events)
    try output.write(PromiseCalendar(state: session.state, zone: session.zone, selection: selection).text)
  }
}
