import BreakthroughCore
import BreakthroughTestSupport
import TerminalKit
import Testing

@testable import BreakthroughUI

/// `docs/KEYS.md` is made from the screens' own action tables and the account menu, the same
/// ones that bind the keys and write the help: this test fails when the file is stale.
@Suite struct KeysDocumentTests {
  /// One table of keys and what they do, as Markdown.
  static func table(_ title: String, _ rows: [(keys: [String], help: String)]) -> [String] {
    let cells = rows.map { row in
      "| " + row.keys.map { $0 == "`" ? "`` ` ``" : "`\($0)`" }.joined(separator: " ").replacing("|", with: "\\|") + " | "
        + row.help.replacing("|", with: "\\|") + " |"
    }
    return ["## \(title)", "", "| keys | what |", "|---|---|"] + cells + [""]
  }

  static func rows<State>(_ table: ActionTable<State>) -> [(keys: [String], help: String)] {
    table.all.map { ($0.keys.map(\.label), $0.help) }
  }

  /// The account menu's lines for a promise ana made to ben, every kind of move allowed, seen
  /// after its by-when (so the late delivery's line is there too).
  static func accountMenuRows() throws -> [(keys: [String], help: String)] {
    var ledger = LedgerState()
    let context = MoveContext(actor: BoardHarness.ana, now: BoardHarness.now, zone: BoardHarness.zone)
    let by = ByWhen(day: LocalMoment(BoardHarness.now, in: BoardHarness.zone).day.adding(days: 3))
    for event in try ledger.outcome(of: .make(what: "Send the deck", to: try Handle("ben"), by: by), context: context).events {
      ledger.apply(event)
    }
    let promise = try #require(ledger.promise(number: 1))
    let menu = try #require(
      AccountMenu(
        for: promise, allowed: Move.Kind.allCases, reasons: ledger.reasons.active,
        now: LocalMoment(BoardHarness.now.addingTimeInterval(5 * 86_400), in: BoardHarness.zone)))
    return menu.items.map { ([String($0.key)], $0.label) }
  }

  static func document() throws -> String {
    let lines =
      [
        "# Keys", "",
        "Every key of every screen, made from the tables that bind the keys and write each screen's help",
        "(`?`), so this file says what the program does. `swift test` fails when it is stale; bring it",
        "up to date with `BREAKTHROUGH_RECORD_GOLDEN=1 swift test --filter KeysDocumentTests`.", "",
      ]
      + table("The board: `breakthrough`, `breakthrough demo`", rows(BoardState.actions))
      + table("The daily check-in: `breakthrough checkin`", rows(CheckinState.actions))
      + table("The meeting display: `breakthrough meeting`", rows(MeetingState.actions))
      + table(
        "The account menu: `a` on a promise (here P1, ana's to ben, past its by-when; each person sees only the moves theirs to make)",
        try accountMenuRows())
    return lines.joined(separator: "\n")
  }

  @Test func theKeysDocumentIsMadeFromTheActionTables() throws {
    let difference = GeneratedFile.difference("docs/KEYS.md", from: try Self.document())
    #expect(difference == nil, "\(difference ?? "")")
  }
}
