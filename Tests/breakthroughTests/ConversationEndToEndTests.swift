import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// The conversation before a promise, as two people have it: one on the command line, the
/// other on an open board, then the ledger checked.
@Suite(.serialized) struct ConversationEndToEndTests {
  @Test(.needs(.tmux)) func anaAsksBenCountersOnHisBoardAnaAcceptsAndTheLinksGoBothWays() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("declare", "Three paying teams", "--by", "+90d").status == 0)
    let ben = try TmuxSession(
      command: BinaryRunner.executable.path, width: 120, height: 40,
      environment: [
        "BREAKTHROUGH_STORE": cli.ledger, "BREAKTHROUGH_USER": "ben", "TZ": "UTC", "LANG": "C.UTF-8", "HOME": Scratch.directory,
      ])
    #expect(try ben.waitFor("Open promises") != nil, "ben's board did not appear")
    let asked = try cli.run("request", "Draft the pilot contract", "--of", "ben", "--by", "+5d", "--reply-by", "+1d")
    #expect(asked.status == 0 && asked.output == "R1\n")
    let shown = try ben.waitFor("Requests waiting on you (1)", seconds: 10)
    let screen = try ben.screen()
    #expect(shown?.contains("R1 ana asks ben: Draft the pilot contract") == true, "ben's board shows it within 2 s:\n\(screen)")
    // ben counters from the board: r, Enter, c, a new by-when, the same what, why.
    try ben.send("r")
    #expect(try ben.waitFor("Enter/a answers") != nil)
    try ben.send("Enter")
    #expect(try ben.waitFor("counter: propose another by-when or what") != nil)
    try ben.send("c")
    #expect(try ben.waitFor("Counter R1") != nil)
    try ben.send("C-u")
    try ben.type("+9d")
    try ben.send("Enter", "Enter")
    try ben.type("legal reviews on Fridays")
    try ben.send("Enter")
    let countered = try ben.waitFor("R1 countered; it waits for ana")
    let afterCounter = try ben.screen()
    #expect(countered != nil, "\(afterCounter)")
    let waiting = try cli.run("list", "--requests", "--waiting-on-me").output
    #expect(waiting.contains("offered, waits on ana") && waiting.contains("ben countered"), "\(waiting)")
    let accepted = try cli.run("accept", "R1")
    #expect(accepted.status == 0)
    #expect(accepted.output.contains("R1 accepted: P1, ben promises ana by"))
    let promise = try cli.run("show", "P1").output
    #expect(promise.contains("answers    R1: ana asked ben"))
    let request = try cli.run("show", "R1").output
    #expect(request.contains("R1  promised as P1"))
    #expect(request.contains("promise    P1 open"))
    let json = try JSONParser.parse(try cli.run("list", "--all", "--format", "json").output)
    guard case .array(let items) = json, let first = items.first else {
      Issue.record("no promise")
      return
    }
    let nineDays = LocalMoment(Date().addingTimeInterval(9 * 86_400), in: TimeZone(identifier: "UTC")!).day.iso
    #expect(first["by"] == .string(nineDays), "the promise carries the countered by-when")
    #expect(first["performer"] == .string("ben") && first["customer"] == .string("ana"))
    #expect(try ben.waitFor("P1 ben → ana", seconds: 10) != nil, "ben's board shows the promise made")
    try ben.send("q")
    #expect(ben.exitStatus() == "0")
  }

  @Test func everyNewMoveIsRefusedForTheWrongPersonOrStateWithASentenceAndNothingWritten() throws {
    let cli = BinaryRunner()
    try cli.run("declare", "Three paying teams", "--by", "+90d")
    try cli.run("request", "Draft it", "--of", "ben", "--by", "+5d")
    try cli.run("element", "add", "A pilot customer")
    let before = cli.ledgerBytes
    let cases: [(arguments: [String], as: String, says: String)] = [
      (["promise", "R1"], "ana", "only ben, who must answer it, can promise it as asked; you are acting as ana"),
      (["accept", "R1"], "ana", "R1 waits for ben's answer, so you cannot accept it now"),
      (["decline", "R1", "--note", "no"], "cy", "only ben, who must answer it, can decline it"),
      (["withdraw", "R1"], "ben", "only ana, who proposed it, can withdraw it"),
      (["counter", "R1", "--note", "same"], "ben", "say what you would promise instead"),
      (["promise", "R9"], "ben", "there is no request R9: numbers go from R1 to R1"),
      (["request", "Me", "--of", "ana", "--by", "+2d"], "ana", "a request is between two people"),
      (["enroll"], "ana", "you are already in"),
      (["unenroll", "--note", "x"], "ben", "you are not in, so there is nothing to unenroll from"),
      (["element", "drop", "E1", "--note", " "], "ana", "the note (why it is no longer needed) is empty"),
      (["element", "met", "E7"], "ana", "there is no element E7: numbers go from E1 to E1"),
      (["promise", "X", "--to", "ben", "--by", "+2d", "--for", "E5"], "ana", "there is no element E5"),
    ]
    for (arguments, person, says) in cases {
      let result = try cli.run(arguments, as: person)
      #expect(result.status != 0, "\(arguments) as \(person)")
      #expect(result.errors.contains(says), "\(arguments) as \(person): \(result.errors)")
    }
    #expect(cli.ledgerBytes == before, "nothing was written")
  }

  @Test func theRollElementsAndRequestsForScripts() throws {
    let cli = BinaryRunner()
    try cli.run("declare", "Three paying teams", "--by", "+90d")
    try cli.run("element", "add", "A pilot customer", "--by", "+30d")
    try cli.run("element", "add", "Docs")
    try cli.run("promise", "Call Acme", "--to", "ana", "--by", "+3d", "--for", "E1", as: "ben")
    try cli.run("not-yet", "--note", "an owner for docs", as: "cy")
    try cli.run("request", "Write the docs", "--of", "cy", "--by", "+9d", "--for", "E2")
    let roll = try cli.run("enrollment").output
    #expect(roll.contains("In: 1 of 3 (not yet: ben, cy)"))
    #expect(roll.contains("cy   not yet   an owner for docs"))
    let elements = try cli.run("elements").output
    #expect(elements.contains("What it will take: 2 — 1 promised · 1 nothing promised yet"))
    #expect(elements.contains("E2   NOTHING PROMISED YET"))
    let json = try JSONParser.parse(try cli.run("elements", "--format", "json").output)
    guard case .array(let items) = json else {
      Issue.record("not a list")
      return
    }
    #expect(items.map { $0["coverage"] } == [.string("nothing-promised"), .string("covered")])
    let requests = try cli.run("list", "--requests", "--format", "tsv").output.split(separator: "\n")
    #expect(requests.first?.hasPrefix("number\tstate\tcustomer\tperformer") == true)
    #expect(requests.last?.hasPrefix("R1\tasked\tana\tcy") == true)
    let stats = try JSONParser.parse(try cli.run("stats", "--format", "json").output)
    #expect(stats["coverage"] == .number(0.5))
    #expect(stats["requests"]?["unanswered"] == .number(1))
    let log = try cli.run("log").output
    #expect(log.contains("asked cy for R1"))
    #expect(log.contains("not yet in the breakthrough; it would take: an owner for docs"))
    let plain = try cli.run("checkin", "--plain", as: "cy").output
    #expect(plain.contains("The breakthrough: are you in?"))
    #expect(plain.contains("Asked of you: answer it"))
    #expect(plain.contains("E2 has nothing promised yet"))
  }
}
