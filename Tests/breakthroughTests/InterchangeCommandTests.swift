import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// The commands that take promises in and out, run as a person would, their output read by
/// other programs.
@Suite struct InterchangeCommandTests {
  static let awkward = "Wide 李娜 🎉, \"quoted\"; semi\\colon\nsecond line \u{1B}[31mred"

  /// A ledger with a kept, an open awkward and a formula-looking promise.
  func sample() throws -> BinaryRunner {
    let cli = BinaryRunner()
    try cli.run("declare", "Ship it", "--by", "+30d")
    try cli.run("promise", "Draft, the plan", "--to", "ben", "--by", "+2d")
    try cli.run("done", "P1", "--accepted")
    try cli.run("promise", Self.awkward, "--to", "ana", "--by", "+3d 16:30", as: "ben")
    try cli.run("promise", "=HYPERLINK(\"x\")", "--to", "ben", "--by", "+4d")
    return cli
  }

  @Test("list --format csv is read back by Python's csv module, guarded against formulas unless --raw", .needs(.python))
  func csv() throws {
    let cli = try sample()
    let reader = "import sys, csv, json\nprint(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))"
    let listed = try cli.run("list", "--all", "--format", "csv")
    #expect(listed.status == 0)
    #expect(listed.output.contains("\r\n"))
    let rows = try #require(try IndependentReader.pythonJSON(reader, input: listed.rawOutput) as? [[String]])
    #expect(rows.first?.prefix(6) == ["number", "id", "state", "performer", "customer", "what"])
    #expect(rows.count == 4)
    let what = rows.map { $0[5] }
    #expect(what[1] == "Draft, the plan")
    #expect(what[2] == "Wide 李娜 🎉, \"quoted\"; semi\\colon\nsecond line \\e[31mred")
    #expect(what[3] == "'=HYPERLINK(\"x\")")
    #expect(rows[1][2] == "kept" && rows[1][10] == "kept" && rows[1][11] == "yes")
    let raw = try #require(
      try IndependentReader.pythonJSON(reader, input: try cli.run("list", "--all", "--format", "csv", "--raw").rawOutput) as? [[String]])
    #expect(raw[3][5] == "=HYPERLINK(\"x\")")
    #expect(rows.first?.suffix(4) == ["element", "replaces", "replaced_by", "request"])
    #expect(rows.allSatisfy { $0.count == 18 })
    try cli.run("element", "add", "A pilot")
    try cli.run("request", "Review it", "--of", "ben", "--by", "+3d", "--for", "E1")
    try cli.run("promise", "R1", as: "ben")
    let linked = try #require(
      try IndependentReader.pythonJSON(reader, input: try cli.run("list", "--all", "--format", "csv").rawOutput) as? [[String]])
    #expect(linked.last.map { [$0[0], $0[14], $0[17]] } == ["P4", "E1", "R1"])
  }

  @Test("export ics -o writes a file a calendar reads; into a missing folder it writes nothing and says why", .needs(.iCalendarReader))
  func ics() throws {
    let cli = try sample()
    let path = Scratch.directory + "export-\(UUID().uuidString).ics"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let written = try cli.run("export", "ics", "-o", path)
    #expect(written.status == 0 && written.output.isEmpty)
    let file = try #require(FileManager.default.contents(atPath: path))
    let reader = "import sys, icalendar\nprint(len(icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read()).walk('VTODO')))"
    #expect(try IndependentReader.python(reader, input: file, reader: .iCalendarReader) == "4\n")
    let stdout = try cli.run("export", "ics", "--open", "--events")
    #expect(stdout.rawOutput.count > 0 && stdout.output.components(separatedBy: "BEGIN:VEVENT").count == 4)
    let missing = try cli.run("export", "ics", "-o", "/nonexistent-folder/x.ics")
    #expect(missing.status != 0)
    #expect(missing.errors.contains("the folder /nonexistent-folder does not exist"))
    let unknown = try cli.run("export", "vcard")
    #expect(unknown.status != 0)
  }

  @Test("minutes --record appends the meeting, and the next minutes start there")
  func minutes() throws {
    let cli = try sample()
    let first = try cli.run("minutes", "--record")
    #expect(first.status == 0)
    #expect(first.output.contains("Since 24 hours ago"))
    #expect(first.output.contains("## Kept\n\n- P1 ana → ben: Draft, the plan — delivered on time"))
    #expect(first.output.contains("second line \\\\e\\[31mred"), "Markdown escapes and no raw escape: \(first.output)")
    #expect(!first.output.contains("\u{1B}"))
    #expect(first.errors.contains("meeting recorded as held"))
    #expect(String(decoding: cli.ledgerBytes, as: UTF8.self).contains("\"kind\":\"meeting.held\""))
    try cli.run("revoke", "P3", "--note", "not needed")
    let second = try cli.run("minutes")
    #expect(second.output.contains("Since the meeting recorded"))
    #expect(!second.output.contains("## Kept"))
    #expect(second.output.contains("## Revoked or released\n\n- P3 ana → ben: =HYPERLINK(\"x\") — revoked by ana: not needed"))
    #expect(try cli.run("log").output.contains("recorded the standing meeting as held"))
    let before = cli.ledgerBytes
    let future = try cli.run("minutes", "--since", "yesterday", "--record", "-o", "/nonexistent-folder/m.md")
    #expect(future.status != 0 && cli.ledgerBytes == before, "a failed write records no meeting")
    #expect(try cli.run("minutes", "--since", "someday").errors.contains("yesterday, a weekday (mon…sun, the last one)"))
  }

  @Test("import taskwarrior: a dry run writes nothing, --yes writes once, and again adds nothing", .needs(.taskwarrior))
  func taskwarrior() throws {
    let taskwarrior = try Taskwarrior()
    try taskwarrior.fillWithEveryKind()
    let export = Scratch.directory + "tasks-\(UUID().uuidString).json"
    try taskwarrior.export().write(to: URL(fileURLWithPath: export))
    defer { try? FileManager.default.removeItem(atPath: export) }
    let cli = BinaryRunner()
    let dry = try cli.run("import", "taskwarrior", export, "--to", "ben")
    #expect(dry.status == 0)
    #expect(dry.output.contains("9 tasks."))
    #expect(dry.output.contains("Would import 4, made by ana to ben:"))
    #expect(dry.output.contains("Left out: 2 completed"))
    #expect(dry.output.contains("Nothing was written: run again with --yes"))
    #expect(cli.ledgerBytes.isEmpty)
    let wet = try cli.run("import", "taskwarrior", export, "--to", "ben", "--yes")
    #expect(wet.status == 0)
    #expect(wet.output.contains("imported 4 promises as P1–P4"))
    let written = cli.ledgerBytes
    #expect(String(decoding: written, as: UTF8.self).split(separator: "\n").count == 4)
    let again = try cli.run("import", "taskwarrior", export, "--to", "ben", "--yes", "--include-done")
    #expect(again.output.contains("Left out: 4 already in the ledger"))
    #expect(again.output.hasSuffix("imported 2 promises as P5–P6\n"))
    let third = try cli.run("import", "taskwarrior", export, "--to", "ben", "--yes", "--include-done")
    #expect(third.status == 0)
    #expect(third.output.contains("Nothing to import: left out 6 already in the ledger"))
    let afterThird = cli.ledgerBytes
    let piped = try cli.shell("$BT import taskwarrior - --to ben --yes --include-done < '\(export)'").wait()
    #expect(piped.status == 0 && String(decoding: piped.output, as: UTF8.self).contains("Nothing to import"))
    #expect(cli.ledgerBytes == afterThird)
    #expect(try cli.run("list", "--all").output.contains("Ship v2 ☃ 李娜 🎉"))
  }

  @Test("a file that is not a Taskwarrior export is named with what was wrong, and nothing is written")
  func notAnExport() throws {
    let cli = BinaryRunner()
    let path = Scratch.directory + "not-tasks-\(UUID().uuidString).json"
    try Data("{\"tasks\": []}".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let refused = try cli.run("import", "taskwarrior", path, "--to", "ben", "--yes")
    #expect(refused.status != 0)
    #expect(refused.errors.contains("\(path) is not a Taskwarrior export: it is JSON but not an array of tasks"))
    let missing = try cli.run("import", "taskwarrior", path + ".missing", "--to", "ben", "--yes")
    #expect(missing.status != 0 && missing.errors.contains("there is no such file"))
    #expect(cli.ledgerBytes.isEmpty)
  }

  @Test("stats --format json and tsv give the figures for scripts; show --format csv says what to use")
  func statsForScripts() throws {
    let cli = try sample()
    let json = try JSONParser.parse(try cli.run("stats", "--format", "json").output)
    #expect(json["team"]?["keptOnTime"] == .number(1))
    #expect(json["team"]?["open"] == .number(2))
    #expect(json["breakthrough"]?["linkedPromises"] == .number(3))
    guard case .array(let people)? = json["people"] else {
      Issue.record("no people")
      return
    }
    #expect(people.compactMap { $0["person"]?.stringValue } == ["ana", "ben"])
    let tsv = try cli.run("stats", "--format", "tsv").output.split(separator: "\n").map {
      $0.split(separator: "\t", omittingEmptySubsequences: false)
    }
    #expect(tsv.first?.first == "who" && tsv.dropFirst().map { $0[0] } == ["(team)", "ana", "ben"])
    #expect(tsv.allSatisfy { $0.count == 10 })
    let show = try cli.run("show", "P1", "--format", "csv")
    #expect(show.status != 0 && show.errors.contains("show writes table or json"))
  }

  @Test("completion scripts load in bash and complete promise numbers and handles from the ledger")
  func completions() throws {
    let cli = try sample()
    let script = Scratch.directory + "completion-\(UUID().uuidString).bash"
    defer { try? FileManager.default.removeItem(atPath: script) }
    let bash = try cli.run("--generate-completion-script", "bash")
    #expect(bash.status == 0)
    try bash.rawOutput.write(to: URL(fileURLWithPath: script))
    let folder = BinaryRunner.executable.deletingLastPathComponent().path
    func complete(_ words: [String]) throws -> [String] {
      // Bash calls the function with the command, the word being completed and the one before it.
      let line = words.joined(separator: " ")
      let run = try cli.shell(
        """
        bash -n '\(script)' || exit 9
        exec bash -c 'source "\(script)"; complete -p breakthrough || exit 8
        COMP_WORDS=(\(words.map { "\"\($0)\"" }.joined(separator: " "))); COMP_CWORD=\(words.count - 1)
        COMP_LINE="\(line)"; COMP_POINT=${#COMP_LINE}; PATH="\(folder):$PATH"
        _breakthrough breakthrough "\(words[words.count - 1])" "\(words[words.count - 2])"; printf "%s\\n" "${COMPREPLY[@]}"'
        """
      ).wait()
      #expect(run.status == 0, "\(String(decoding: run.errors, as: UTF8.self))")
      return String(decoding: run.output, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("complete ") }
    }
    #expect(try complete(["breakthrough", "done", ""]) == ["P2", "P3"], "open promises only")
    #expect(try complete(["breakthrough", "show", "P"]) == ["P1", "P2", "P3"])
    try cli.run("request", "Review it", "--of", "ben", "--by", "+3d")
    try cli.run("element", "add", "A pilot")
    #expect(try complete(["breakthrough", "counter", ""]) == ["R1"], "requests waiting for an answer")
    #expect(try complete(["breakthrough", "accept", ""]) == ["P2", "P3", "R1"])
    #expect(try complete(["breakthrough", "show", ""]) == ["P1", "P2", "P3", "R1", "E1"])
    #expect(try complete(["breakthrough", "promise", "x", "--for", ""]) == ["E1"])
    let handles = try complete(["breakthrough", "promise", "x", "--to", ""])
    #expect(handles == ["ana", "ben"])
    for shell in ["zsh", "fish"] {
      let generated = try cli.run("--generate-completion-script", shell)
      #expect(generated.status == 0 && generated.output.contains("breakthrough"))
    }
  }

  @Test("the manual generator's input names every command")
  func manualInput() throws {
    let dump = try BinaryRunner().run("--experimental-dump-help")
    #expect(dump.status == 0)
    let text = dump.output
    _ = try JSONParser.parse(text)
    for command in ["minutes", "export", "ics", "import", "taskwarrior", "list", "stats"] {
      #expect(text.contains("\"commandName\" : \"\(command)\""), "no \(command) in the manual's input")
    }
  }
}
