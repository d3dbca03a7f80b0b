import ArgumentParser
import BreakthroughCore
import BreakthroughInterchange
import Foundation

struct PageExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "html",
    abstract: "The breakthrough as one self-contained web page, for the people it is promised to.",
    discussion: """
      Its countdown, the measures, what it will take, who is in, the overdue accountings and the open promises. Inline \
      style, no script, nothing fetched from anywhere: put the file on any web server or wiki, or print it. The page says \
      the moment it was written; the same ledger at the same moment writes the same bytes.
      """)

  @OptionGroup var output: OutputDestination
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    try output.write(BreakthroughPage(state: session.state, now: session.now, zone: session.zone).html)
  }
}
