import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// Lines written by hand into a ledger file, each against the rule book: every reader leaves
/// them out and says why, no measure counts them, and the honest moves go on.
@Suite struct ForgedLinesTests {
  /// Runs `breakthrough ARGUMENTS` as a person.
  typealias Run = (_ person: String, _ arguments: [String]) throws -> BinaryRunner.Result

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// The honest start, made with the real binary: a breakthrough and E1 by ana, P1 delivered
  /// by ana to ben, P2 ben's to ana, P3 ana's revoked, R1 ben asks cy.
  static func honestLedger(_ run: Run, declaration: () throws -> String) throws -> Forgeries.Ledger {
    func ok(_ person: String, _ arguments: String...) throws {
      let result = try run(person, arguments)
      #expect(result.status == 0, "\(arguments): \(result.errors)")
    }
    try ok("ana", "declare", "Ship it together", "--by", "2099-06-01")
    try ok("ana", "element", "add", "A release checklist")
    try ok("ana", "promise", "Ship it", "--to", "ben", "--by", "2099-01-02")
    try ok("ana", "done", "P1")
    try ok("ben", "promise", "Write the notes", "--to", "ana", "--by", "2099-01-03")
    try ok("ana", "promise", "Book the room", "--to", "ben", "--by", "2099-01-04")
    try ok("ana", "revoke", "P3", "--note", "no room needed")
    try ok("ben", "request", "Review the budget", "--of", "cy", "--by", "2099-01-05")
    func id(_ number: String) throws -> String {
      let shown = try run("ana", ["show", number, "--format", "json"]).output
      guard case .object(let members)? = try? JSONParser.parse(shown), let id = members.first(where: { $0.key == "id" })?.value.stringValue
      else { throw Failure(description: "no id for \(number) in \(shown)") }
      return id
    }
    return Forgeries.Ledger(
      delivered: try id("P1"), bensPromise: try id("P2"), revoked: try id("P3"), request: try id("R1"), breakthrough: try declaration(),
      element: try id("E1"))
  }

  /// What every reader must show once the forgeries are in: nothing changed, each named with its reason.
  static func expectLeftOut(_ forgeries: [(event: Event, reason: String)], _ run: Run) throws {
    let list = try run("ben", ["list", "--all", "--format", "tsv"]).output
    #expect(list.contains("P1\tdelivered"), "P1 still waits for ben: \(list)")
    #expect(list.contains("P2\topen") && list.contains("P3\trevoked"), "\(list)")
    #expect(!list.contains("cy will do my work") && !list.contains("a second P3"), "no forged promise is listed")
    let show = try run("ben", ["show", "P1"]).output
    #expect(show.contains("ana may not accept P1: only ben, to whom P1 was made, can accept it"), "\(show)")
    let stats = try run("ben", ["stats", "--format", "json"]).output
    #expect(stats.contains("\"leftOut\": \(forgeries.count)"), "\(stats)")
    #expect(stats.contains("\"keptOnTime\": 0"), "nothing counts as kept: \(stats)")
    let elements = try run("ben", ["elements"]).output
    #expect(!elements.contains("met"), "E1 is not met: \(elements)")
    let log = try run("ben", ["log"]).output
    let leftOut = try run("ben", ["log", "--left-out"]).output
    for (_, reason) in forgeries {
      #expect(log.contains("    left out: \(reason)"), "log names it in place: \(reason)")
      #expect(leftOut.contains("    left out: \(reason)"), "log --left-out lists it: \(reason)")
    }
    #expect(leftOut.components(separatedBy: "left out:").count - 1 == forgeries.count, "\(leftOut)")
  }

  @Test func everyForgedLineInAFileIsLeftOutNamedAndCountsForNothing() throws {
    let cli = BinaryRunner()
    let run: Run = { person, arguments in try cli.run(arguments, as: person) }
    let ledger = try Self.honestLedger(run) {
      let first = String(decoding: cli.ledgerBytes, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
      guard case .event(let event) = try EventCoding.decode(first), case .declared(let terms) = event.body else {
        throw Failure(description: "the first line is not the declaration: \(first)")
      }
      return terms.id
    }
    let forgeries = Forgeries(nextNumber: 4).events(on: ledger)
    let handle = try #require(FileHandle(forWritingAtPath: cli.ledger))
    handle.seekToEndOfFile()
    handle.write(Data(forgeries.map { EventCoding.line(for: $0.event) + "\n" }.joined().utf8))
    handle.closeFile()
    try Self.expectLeftOut(forgeries, run)
    // The attempts in cy's name took P4 and P5, each the next number when written; a wrong number takes none.
    let made = try cli.run(["promise", "After the forgeries", "--to", "ben", "--by", "2099-02-01"], as: "ana")
    #expect(made.status == 0 && made.output.contains("P6"), "\(made.output) \(made.errors)")
    let absent = try cli.run(["show", "P4"], as: "ben")
    #expect(absent.status != 0 && absent.errors.contains("the event that would have made it was left out"), "\(absent.errors)")
    // A line that takes P7 but cannot be read (its "what" is named with a NUL after it) is said
    // to be left out, by its line, when P7 is asked for; the next promise is P8.
    let lines = String(decoding: cli.ledgerBytes, as: UTF8.self).split(separator: "\n").map(String.init)
    let template = try #require(lines.last { $0.contains("\"promise.made\"") && $0.contains("After the forgeries") })
    let unreadable = template.replacingOccurrences(of: "\"what\":", with: "\"what\\u0000\":")
      .replacingOccurrences(of: "\"number\":6", with: "\"number\":7").replacingOccurrences(of: "\"id\":\"", with: "\"id\":\"x")
    let appending = try #require(FileHandle(forWritingAtPath: cli.ledger))
    appending.seekToEndOfFile()
    appending.write(Data((unreadable + "\n").utf8))
    appending.closeFile()
    let unreadablePromise = try cli.run(["show", "P7"], as: "ben")
    #expect(
      unreadablePromise.status != 0 && unreadablePromise.errors.contains("the event that would have made it was left out")
        && unreadablePromise.errors.contains("line \(lines.count + 1) (promise.made by ana) could not be read"),
      "\(unreadablePromise.errors)")
    let next = try cli.run(["promise", "After the unreadable line", "--to", "ben", "--by", "2099-02-01"], as: "ana")
    #expect(next.status == 0 && next.output.contains("P8"), "\(next.output) \(next.errors)")
    // The real customer's acceptance works.
    let accepted = try cli.run(["accept", "P1"], as: "ben")
    #expect(accepted.status == 0, "\(accepted.errors)")
    #expect(try cli.run(["list", "--all", "--format", "tsv"], as: "ben").output.contains("P1\tkept"))
  }
}

/// The same forgeries through a team ledger: each inserted with `psql` by the member it names,
/// whom the server rightly identifies. Every member's client leaves them out.
@Suite(.needs(.postgreSQL))
struct ForgedRowsTests {
  @Test func everyForgedRowIsLeftOutByEveryMembersClient() throws {
    let team = try TeamSetup()
    let run: ForgedLinesTests.Run = { person, arguments in try team.run(arguments, as: person) }
    let ledger = try ForgedLinesTests.honestLedger(run) {
      let line = try team.server.psql("select line from events where kind = 'breakthrough.declared'", database: team.database)
      guard case .event(let event) = try EventCoding.decode(line), case .declared(let terms) = event.body else {
        throw ForgedLinesTests.Failure(description: "no declaration: \(line)")
      }
      return terms.id
    }
    var forgeries = Forgeries(nextNumber: 4).events(on: ledger)
    for (event, _) in forgeries {
      let label = event.body.assignedLabel.map { "'\($0)'" } ?? "null"
      let line = EventCoding.line(for: event)
      // Members add rows only through the server's function, which checks who they are and
      // that each number is the next (labelled as its line gives it out); what they say is the
      // rule book's to judge.
      let sql = """
        select breakthrough_append((select coalesce(max(seq), 0) from events), array['\(event.id)'],
          array['\(event.body.kind.name)'], array[\(label)]::text[], array['\(event.actor)'], array[$forged$\(line)$forged$])
        """
      guard event.body.assignedLabel == "P3" else {
        try team.server.psql(sql, database: team.database, user: event.actor.text)
        continue
      }
      // A second P3 never reaches the ledger: the server gives out each number once.
      #expect(throws: (any Error).self) { try team.server.psql(sql, database: team.database, user: event.actor.text) }
    }
    forgeries.removeAll { $0.event.body.assignedLabel == "P3" }
    try ForgedLinesTests.expectLeftOut(forgeries, run)
    let made = try team.run(["promise", "After the forgeries", "--to", "ben", "--by", "2099-02-01"], as: "ana")
    #expect(made.status == 0 && made.output.contains("P6"), "\(made.output) \(made.errors)")
    let accepted = try team.run(["accept", "P1"], as: "ben")
    #expect(accepted.status == 0, "\(accepted.errors)")
    #expect(try team.run(["list", "--all", "--format", "tsv"], as: "cy").output.contains("P1\tkept"))
  }
}
