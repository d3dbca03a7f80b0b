import BreakthroughCore
import Foundation
import Testing

@Suite struct CommandLineTests {
  @Test func aNewcomersFirstMinute() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("declare", "Three paying teams by spring", "--by", "+120d", "--measure", "3 invoices").status == 0)
    let made = try cli.run("promise", "Draft the onboarding guide", "--to", "ben", "--by", "tomorrow")
    #expect(made.status == 0)
    #expect(made.output == "P1\n")
    let done = try cli.run("done", "P1")
    #expect(done.output.contains("waits for ben to accept"))
    #expect(try cli.run("accept", "P1", as: "ben").output.contains("P1 accepted: kept"))
    let again = try cli.run("accept", "P1", as: "ben")
    #expect(again.status != 0)
    #expect(again.errors.contains("P1 is already kept (accepted by ben on"))
    #expect(again.errors.contains("nothing changed"))

    let json = try cli.run("list", "--all", "--format", "json")
    let parsed = try JSONParser.parse(json.output)
    guard case .array(let items) = parsed, let first = items.first else {
      Issue.record("not a list: \(json.output)")
      return
    }
    for key in ["number", "state", "performer", "customer", "what", "by", "overdue", "confidence", "replaces", "replacedBy"] {
      #expect(first[key] != nil, "JSON lacks \(key)")
    }
    #expect(first["number"] == .string("P1"))
    #expect(first["state"] == .string("kept"))
    #expect(first["overdue"] == .bool(false))
    #expect(first["confidence"] == .null)

    let stats = try cli.run("stats")
    #expect(stats.output.contains("kept on time 100% (1 of 1 that came due)"))
  }

  @Test func theVersionIsAnsweredBeforeAnythingIsRead() throws {
    let cli = BinaryRunner()
    let version = try cli.run("--version")
    #expect(version.status == 0)
    #expect(version.output.split(separator: ".").count == 3)
    #expect(version.errors.isEmpty)
    // Nothing was opened or made: no ledger, no snapshot.
    #expect(!FileManager.default.fileExists(atPath: cli.ledger))
    // Anywhere else the argument parser answers it, in the same words.
    #expect(try cli.run("list", "--version").output == version.output)
  }

  @Test func listReadsTheSameHoweverItIsTyped() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("promise", "Ship the guide", "--to", "ben", "--by", "2020-01-02").status == 0)
    #expect(try cli.run("promise", "Call Acme", "--to", "cleo", "--by", "+3d").status == 0)
    #expect(try cli.run("promise", "Book the venue", "--to", "ana", "--by", "+5d", as: "ben").status == 0)
    // The words scripts type are read without the argument parser; an option typed twice
    // goes to the parser (the last one counts there): the answers must be the same.
    let forms: [([String], [String])] = [
      (["list", "--overdue", "--format", "tsv"], ["list", "--overdue", "--overdue", "--format=tsv"]),
      (["list", "--person", "ben", "--format=json"], ["list", "--person", "cleo", "--person", "ben", "--format", "json"]),
      (["list", "--all"], ["list", "--all", "--format", "json", "--format", "table"]),
      (["--store", cli.ledger, "list", "--as", "ana"], ["list", "--as", "ben", "--as", "ana"]),
    ]
    for (typed, parsed) in forms {
      let (fast, slow) = (try cli.run(typed), try cli.run(parsed))
      #expect(fast.status == 0 && slow.status == 0)
      #expect(fast.output == slow.output && !fast.output.isEmpty, "\(typed) and \(parsed) differ")
    }
    #expect(try cli.run("list", "--all").output.contains("Book the venue"))
    // Mistakes are the argument parser's to answer, with the usage and exit 64.
    for wrong in [["list", "--format", "xml"], ["list", "--bogus"], ["list", "--person"], ["list", "--overdue=yes"]] {
      let result = try cli.run(wrong)
      #expect(result.status == 64, "\(wrong)")
      #expect(result.errors.contains("Usage: breakthrough list"), "\(wrong): \(result.errors)")
    }
    #expect(try cli.run("list", "--help").output.contains("--overdue"))
  }

  @Test func renegotiatingLateSaysItIsRecordedAsNotKeptAndShowFollowsTheChain() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("promise", "Call Acme", "--to", "ben", "--by", "2026-01-05").errors.contains("already past"))
    let unexplained = try cli.run("renegotiate", "P1", "--by", "+7d")
    #expect(unexplained.status != 0 && unexplained.errors.contains("--reason KEY, one of: prerequisite, waiting"))
    let late = try cli.run("renegotiate", "P1", "--by", "+7d", "--reason", "priorities")
    #expect(late.status == 0)
    #expect(late.output.contains("P1 was due 2026-01-05, so it is recorded as not kept; P2 replaces it"))
    let show = try cli.run("show", "P2")
    #expect(show.output.contains("chain      P1 not kept → [P2]"))
    let shown = try JSONParser.parse(try cli.run("show", "P1", "--format", "json").output)
    #expect(shown["state"] == .string("not-kept"))
    #expect(shown["replacedBy"] == .string("P2"))
    #expect(shown["chain"] == .array([.string("P1"), .string("P2")]))
    guard case .array(let history)? = shown["history"] else {
      Issue.record("no history")
      return
    }
    #expect(history.count == 2)
  }

  @Test func badInputGetsAMessageANonZeroExitAndAnUnchangedLedger() throws {
    let cli = BinaryRunner()
    try cli.run("promise", "Call Acme", "--to", "ben", "--by", "fri")
    let before = cli.ledgerBytes
    let cases: [([String], String)] = [
      (["done", "P9"], "there is no promise P9"),
      (["done", "banana"], "is not a promise number"),
      (["promise", "x", "--to", "ben", "--by", "someday"], "unknown date \"someday\""),
      (["promise", "  ", "--to", "ben", "--by", "fri"], "the what is empty"),
      (["promise", "x", "--to", "Ben Smith", "--by", "fri"], "is not a handle"),
      (["accept", "P1"], "too soon to accept it"),
      (["reject", "P1", "--note", "no"], "too soon to reject it"),
      (["confidence", "P1", "maybe"], "is not a confidence"),
      (["not-kept", "P1", "--note", "x", "--then", "y"], "--then and --by go together"),
    ]
    for (arguments, message) in cases {
      let result = try cli.run(arguments)
      #expect(result.status != 0, "\(arguments) exited 0")
      #expect(result.errors.contains(message), "\(arguments) said: \(result.errors)")
      #expect(cli.ledgerBytes == before, "\(arguments) changed the ledger")
    }
  }

  @Test func aDamagedLedgerRefusesWritesByFileAndLine() throws {
    let cli = BinaryRunner()
    try cli.run("promise", "One", "--to", "ben", "--by", "fri")
    try cli.run("promise", "Two", "--to", "ben", "--by", "fri")
    var text = String(decoding: cli.ledgerBytes, as: UTF8.self)
    text = text.replacingOccurrences(
      of: "\"kind\":\"promise.made\"", with: "\"kind\":", options: [], range: text.range(of: "\"kind\":\"promise.made\""))
    try Data(text.utf8).write(to: URL(fileURLWithPath: cli.ledger))
    let damaged = cli.ledgerBytes
    let result = try cli.run("promise", "Three", "--to", "ben", "--by", "fri")
    #expect(result.status != 0)
    #expect(result.errors.contains("ledger.jsonl:1: not JSON"))
    #expect(result.errors.components(separatedBy: "ledger.jsonl:1: not JSON").count == 2, "the damage is named once: \(result.errors)")
    #expect(result.errors.contains("nothing was written"))
    #expect(cli.ledgerBytes == damaged)
    let list = try cli.run("list")
    #expect(list.status == 0, "reading still works")
    #expect(list.output.contains("Two"))
  }

  @Test func controlCharactersReachNoOutputRaw() throws {
    let cli = BinaryRunner()
    let hostile = "Ship \u{1B}[2J\u{1B}]0;pwned\u{07} it\u{9B}31m\ttoday\nnow"
    #expect(try cli.run("declare", hostile, "--by", "+30d").status == 0)
    #expect(try cli.run("promise", hostile, "--to", "ben", "--by", "tomorrow").status == 0)
    try cli.run("done", "P1", "--note", hostile)
    let runs = [
      ["list", "--all"], ["list", "--all", "--format", "tsv"], ["list", "--all", "--format", "json"], ["show", "P1"],
      ["show", "P1", "--format", "json"], ["log"], ["stats"], ["promise", hostile, "--to", "ben", "--by", hostile],
      ["checkin", "--plain", "--as", "ben"], ["checkin", "--plain"], ["reject", "P1", "--note", hostile, "--as", "ben"],
      ["not-kept", "P1", "--note", hostile, "--reason", hostile, "--then", hostile, "--by", "+2d"],
      ["not-kept", "P1", "--note", hostile, "--reason", "other", "--then", hostile, "--by", "+2d"],
      ["reasons", "add", "hostile", hostile], ["reasons", "add", hostile, "words"], ["reasons", "--all"],
      ["reasons", "--format", "json"], ["stats", "--reasons", "--since", hostile], ["stats", "--reasons"], ["minutes"], ["show", "P3"],
      ["promise", hostile, "--to", hostile],
    ]
    for arguments in runs {
      let result = try cli.run(arguments)
      for byte in result.rawOutput + result.rawErrors where byte == 0x1B || byte == 0x07 || byte == 0x9B {
        Issue.record("\(arguments) printed a raw control byte \(byte)")
        break
      }
      let text = result.output + result.errors
      #expect(!text.unicodeScalars.contains { $0.value == 0x9B }, "\(arguments) printed a raw C1 control")
    }
    #expect(try cli.run("list", "--all").output.contains("\\e[2J"))
    let tsv = try cli.run("list", "--all", "--format", "tsv").output.split(separator: "\n")
    #expect(tsv.count == 3, "a header and P1, P2: a newline in the text stays inside its row")
    #expect(tsv.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 10 })
  }

  @Test func twoProcessesMakingPromisesAtOnceGetDistinctNumbers() throws {
    let cli = BinaryRunner()
    let writers = try ["ana", "ben"].map { person in
      try cli.shell("for i in $(seq 150); do \"$BT\" promise \"from \(person) $i\" --to cleo --by +3d --as \(person) || exit 1; done")
    }
    for writer in writers {
      #expect(writer.wait().status == 0)
    }
    let result = try cli.run("list", "--all", "--format", "tsv")
    let rows = result.output.split(separator: "\n").dropFirst()
    #expect(rows.count == 300)
    let numbers = Set(rows.map { $0.split(separator: "\t")[0] })
    #expect(numbers.count == 300)
    #expect(numbers == Set((1...300).map { "P\($0)" }))
    #expect(result.errors.isEmpty)
  }

  @Test func noSubcommandOpensTheBoardWhichNeedsATerminal() throws {
    let result = try BinaryRunner().run([])
    #expect(result.status != 0)
    #expect(result.errors.contains("this screen needs a terminal, and standard input is not one; `breakthrough list`, `checkin --plain`"))
    let help = try BinaryRunner().run(["--help"])
    #expect(help.output.contains("USAGE"))
    #expect(help.output.contains("board (default)"))
  }
}
