import BreakthroughTestSupport
import Foundation
import Testing

/// `stats --weekly` as scripts and people use it: every format, people's rates only when asked,
/// and hostile counts refused with the fix.
@Suite struct WeeklyStatsCommandTests {
  @Test func everyFormatSaysTheSameWeeks() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("promise", "Draft the guide", "--to", "ben", "--by", "today").status == 0)
    #expect(try cli.run("done", "P1", "--accepted").status == 0)
    let table = try cli.run("stats", "--weekly", "--weeks", "3")
    #expect(table.status == 0)
    let lines = table.output.split(separator: "\n")
    #expect(lines.count == 5, "a title, the header and three weeks: \(table.output)")
    #expect(lines[2].contains("nothing due") && lines[3].contains("nothing due"))
    #expect(!lines[2].contains("0%"), "nothing due is not 0%")
    #expect(!table.output.contains("PERSON"), "people's rates only with --show-rates")
    let json = try cli.run("stats", "--weekly", "--weeks", "3", "--format", "json").output
    #expect(json.contains("\"keptOnTimeRate\": null") && json.contains("\"zone\": "))
    #expect(!json.contains("\"people\""))
    let rated = try cli.run("stats", "--weekly", "--weeks", "3", "--format", "csv", "--show-rates").output
    let rows = rated.components(separatedBy: "\r\n").filter { !$0.isEmpty }  // RFC 4180 lines
    #expect(rows.first == "who,weekOf,cameDue,keptOnTime,honored,notKept,late,keptOnTimeRate,honoredRate")
    #expect(rows.count == 1 + 3 + 3, "the team's three weeks, then ana's: \(rated)")
    #expect(rows.filter { $0.hasPrefix("ana,") }.count == 3)
    let tsv = try cli.run("stats", "--weekly", "--weeks", "3", "--format", "tsv").output
    #expect(tsv.split(separator: "\n").count == 4)
  }

  @Test(arguments: [["--weeks", "0"], ["--weeks", "-1"], ["--weeks", "521"], ["--weeks", "99999999999999999999"], ["--weeks", "x"]])
  func aCountOutOfRangeIsRefused(arguments: [String]) throws {
    let refused = try BinaryRunner().run(["stats", "--weekly"] + arguments)
    #expect(refused.status != 0)
    #expect(!refused.errors.isEmpty)
  }

  @Test func weeklyOptionsWithoutWeeklyAreRefusedWithTheFix() throws {
    let refused = try BinaryRunner().run("stats", "--weeks", "4")
    #expect(refused.status != 0)
    #expect(refused.errors.contains("go with --weekly"), "\(refused.errors)")
  }
}
