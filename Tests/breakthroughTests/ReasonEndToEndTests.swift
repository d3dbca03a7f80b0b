import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// Reasons for a miss as people give them: on the command line, and with one key on the board,
/// then the ledger checked.
@Suite(.serialized) struct ReasonEndToEndTests {
  /// ana's five promises to ben, all due on 2026-01-05 (long past), and one breakthrough.
  static func pastDue() throws -> BinaryRunner {
    let cli = BinaryRunner()
    #expect(try cli.run("declare", "Three paying teams", "--by", "+90d").status == 0)
    for number in 1...5 { #expect(try cli.run("promise", "Thing \(number)", "--to", "ben", "--by", "2026-01-05").status == 0) }
    return cli
  }

  @Test func notKeptWithoutAReasonIsRefusedWithTheListAndWritesNothing() throws {
    let cli = try Self.pastDue()
    let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger))
    let refused = try cli.run("not-kept", "P1", "--note", "the vendor slipped")
    #expect(refused.status != 0)
    #expect(refused.errors.contains("say why with --reason KEY, one of: prerequisite, waiting, underestimated, priorities, people"))
    let unknown = try cli.run("not-kept", "P1", "--note", "the vendor slipped", "--reason", "bad-luck")
    #expect(unknown.status != 0 && unknown.errors.contains("the team's list has no reason bad-luck; use one of: prerequisite"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger)) == before, "nothing was written")
    let replaced = try cli.run(
      "not-kept", "P1", "--note", "the vendor slipped", "--reason", "external", "--then", "Find a second vendor", "--by", "+5d",
      "--addresses", "external")
    #expect(replaced.status == 0)
    let shown = try JSONParser.parse(try cli.run("show", "P1", "--format", "json").output)
    #expect(shown["reasons"] == .array([.string("external")]))
    #expect(try cli.run("show", "P6").output.contains("addresses  the reason external: client, vendor or outside event"))
  }

  /// Five misses counted by hand: waiting 3, external 1, tooling 1 (a reason the team added).
  @Test func statsReasonsIsTheParetoInEveryFormat() throws {
    let cli = try Self.pastDue()
    #expect(try cli.run("reasons", "add", "tooling", "the tools got in the way").status == 0)
    #expect(try cli.run("reasons", "add", "blame", "someone else", as: "ben").status != 0, "only ana, who declared, keeps the list")
    for (number, reason) in [(1, "waiting"), (2, "external"), (3, "waiting"), (4, "tooling")] {
      #expect(try cli.run("not-kept", "P\(number)", "--note", "it slipped", "--reason", reason).status == 0)
    }
    #expect(try cli.run("renegotiate", "P5", "--by", "+9d", "--reason", "waiting").status == 0)
    let tsv = try cli.run("stats", "--reasons", "--since", "2026-01-01", "--format", "tsv").output
    #expect(
      tsv.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).prefix(5).joined(separator: "|") } == [
        "reason|words|count|share|promises", "waiting|waiting on someone's answer or decision|3|0.6|P1 P3 P5",
        "external|client, vendor or outside event|1|0.2|P2", "tooling|the tools got in the way|1|0.2|P4",
      ])
    let json = try JSONParser.parse(try cli.run("stats", "--reasons", "--format", "json").output)
    #expect(json["misses"] == .number(5))
    guard case .array(let rows)? = json["reasons"] else { throw Refusal("no reasons in the JSON") }
    #expect(rows.first?["reason"] == .string("waiting"))
    let csv = try cli.run("stats", "--reasons", "--format", "csv").output
    #expect(csv.contains("external,\"client, vendor or outside event\",1,0.2,P2,"))
    let table = try cli.run("stats", "--reasons").output
    #expect(table.contains("5 misses, the largest cause first"))
    #expect(!table.split(separator: "\n").contains { $0.hasSuffix(" ") }, "no reason is addressed yet: no line ends in spaces")
    #expect(try cli.run("stats", "--since", "2026-01-01").status != 0, "--since goes with --reasons")
  }

  @Test(.needs(.tmux)) func notKeptFromTheBoardWithOneKeyForTheReason() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("promise", "Call Acme", "--to", "ben", "--by", "2026-01-05").status == 0)
    let tmux = try TmuxSession(
      command: BinaryRunner.executable.path, width: 120, height: 40,
      environment: [
        "BREAKTHROUGH_STORE": cli.ledger, "BREAKTHROUGH_USER": cli.actor, "TZ": "UTC", "LANG": "C.UTF-8",
        "HOME": Scratch.directory,
      ])
    #expect(try tmux.waitFor("Overdue accountings") != nil, "the board did not appear")
    try tmux.send("a")
    #expect(try tmux.waitFor("not kept: why") != nil)
    try tmux.send("x")
    let form = try tmux.waitFor("3 underestimated")
    #expect(form?.contains("1 prerequisite") == true, "the reasons are a numbered list")
    try tmux.send("3")
    try tmux.type("It took twice as long")
    try tmux.send("Enter")
    try tmux.send("Enter")
    #expect(try tmux.waitFor("P1 accounted as not kept") != nil)
    try tmux.send("q")
    let line = try #require(try String(contentsOfFile: cli.ledger, encoding: .utf8).split(separator: "\n").last)
    guard case .event(let event) = try EventCoding.decode(String(line)),
      case .notKept(_, let note, _, _, let reason) = event.body
    else {
      Issue.record("the last line is not a not-kept accounting: \(line)")
      return
    }
    #expect(reason == "underestimated")
    #expect(note == "It took twice as long")
  }
}
