import ArgumentParser
import BreakthroughCore
import BreakthroughInterchange
import Foundation

extension DigestWriter.Format: ExpressibleByArgument {}

struct DigestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "digest",
    abstract: "What waits on you today, for a mail or a chat once a day.",
    discussion: """
      What you owe (overdue first, then due today, then in the next 7 days), deliveries waiting for your acceptance, \
      requests waiting for your answer (answers overdue first), and what others owe you that is overdue; each line starts \
      with its number. With --quiet a day when nothing waits prints nothing, so cron sends no mail:
        0 7 * * 1-5  breakthrough digest --quiet | mail -E -s "What waits on you" me@example.org
      """)

  @Option(help: "text, markdown or json.") var format: DigestWriter.Format = .text
  @Option(
    name: .customLong("for"), help: ArgumentHelp("Whose digest, on a ledger file (else yours).", valueName: "handle"),
    completion: .handles)
  var person: String?
  @Flag(help: "Print nothing at all when nothing waits on the person.") var quiet = false
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    let handle = try Handle(try person(in: session))
    let digest = DailyDigest(session.state, person: handle, now: session.localNow)
    if quiet && digest.isEmpty { return }
    let written = DigestWriter(digest, zone: session.zone).output(format)
    // JSON reaches a terminal too: its invisible format characters as escapes, like every other output.
    FileHandle.standardOutput.write(Data((format == .json ? JSONOutput.escapingInvisible(written) : written).utf8))
  }

  /// The person asked for: anyone on a file; on a team ledger only the one the server knows
  /// you as, since the digest is what a mail to that person says.
  private func person(in session: Session) throws -> String {
    if let identity = session.ledger.identity, let person, person != identity.text {
      throw CommandFailure(
        "a team ledger's digest is only your own: you are \(identity) there; drop --for \(Escaping.forDisplay(person)), "
          + "or let \(Escaping.forDisplay(person)) run it")
    }
    if let person { return person }
    guard let actor = session.actorName else { throw CommandFailure("whose digest? set --as HANDLE, BREAKTHROUGH_USER or USER") }
    return actor
  }
}
