import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughInterchange

@Suite("Meeting minutes")
struct MeetingMinutesTests {
  func minutes(_ ledger: SampleLedger, events: [Event]? = nil) -> String {
    MeetingMinutes(state: ledger.state, events: events ?? ledger.events, since: "the start", now: ledger.now, zone: ledger.zone).markdown
  }

  @Test("each kind of accounting has its section, with what happened and what replaces it")
  func sections() throws {
    let ledger = try SampleLedger.week()
    let text = minutes(ledger)
    let sections = text.components(separatedBy: "\n## ").dropFirst().map { $0.components(separatedBy: "\n")[0] }
    #expect(
      sections == [
        "Breakthrough", "Kept", "Not kept", "Why they were not kept", "Renegotiated", "Revoked or released", "Newly promised",
        "Still owed (overdue accountings)",
        "Awaiting acceptance",
      ])
    func section(_ title: String) -> [String] {
      let body = text.components(separatedBy: "\n## \(title)\n\n").dropFirst().first ?? ""
      return body.components(separatedBy: "\n\n")[0].components(separatedBy: "\n").filter { $0.hasPrefix("- ") }
    }
    #expect(section("Kept") == ["- P1 ana → ben: Draft the plan, with numbers — delivered on time"])
    #expect(
      section("Not kept") == [
        "- P3 李娜 → ana: Book the venue — reason: external (client, vendor or outside event) — what happened: the venue, was; full; "
          + "P8 replaces it, by 2026-12-05"
      ])
    #expect(section("Why they were not kept") == ["- external (client, vendor or outside event): 1"])
    #expect(
      section("Renegotiated").first?.hasPrefix(
        "- P4 ana → 李娜: Write the tests — before its by-when, honored with notice: waiting on the API; P9") == true)
    #expect(section("Revoked or released") == ["- P5 ben → ben: Order shirts — revoked by ben: not needed after all"])
    #expect(section("Newly promised").count == 7)
    #expect(section("Still owed (overdue accountings)") == ["- P7 ben → ana: Fix the printer — due 2026-12-02, 1 day late"])
    #expect(section("Awaiting acceptance") == ["- P6 李娜 → ben: Send the invitations — delivered 2026-12-02, awaiting ben"])
    Golden.check(text, named: "week-minutes.md", in: SampleLedger.goldenFolder)
  }

  @Test("a period with nothing in it says so, and still lists what is owed")
  func quietPeriod() throws {
    var ledger = SampleLedger()
    try ledger.promise("Quiet one", from: "ana", to: "ben", dueIn: 3)
    #expect(minutes(ledger, events: []).contains("Nothing was accounted for or promised in this period"))
    ledger.advance(hours: 24 * 5)
    let late = minutes(ledger, events: [])
    #expect(late.contains("## Still owed (overdue accountings)\n\n- P1 ana → ben: Quiet one — due 2026-12-04, 2 days late"))
  }

  @Test("a move taken back by undo is not in the minutes")
  func undone() throws {
    var ledger = SampleLedger()
    let id = try ledger.promise("Undone delivery", from: "ana", to: "ben", dueIn: 3)
    try ledger.move("ana", .deliver(promise: id, accepted: true))
    let event = try #require(ledger.events.last)
    try ledger.move("ana", .undo(event: event.id, promise: id, summary: "delivery"))
    #expect(!minutes(ledger).contains("## Kept"))
  }

  /// Renders the Markdown with markdown-it (CommonMark) and prints each list item's text.
  static let renderer = """
    import sys, json
    from markdown_it import MarkdownIt
    tokens = MarkdownIt('commonmark').parse(open(sys.argv[1], encoding='utf-8').read())
    items, inside = [], False
    for token in tokens:
        if token.type == 'list_item_open': inside = True
        elif token.type == 'list_item_close': inside = False
        elif inside and token.type == 'inline':
            kinds = [child.type for child in token.children]
            items.append({'text': ''.join(child.content for child in token.children if child.type == 'text'), 'kinds': sorted(set(kinds))})
    print(json.dumps(items))
    """

  @Test("people's text reads back as the same words through a CommonMark parser, never as markup", .needs(.commonMarkReader))
  func escapingRoundTrip() throws {
    var ledger = SampleLedger()
    try ledger.promise(SampleLedger.awkward, from: "ana", to: "ben", dueIn: 3)
    let text = minutes(ledger)
    let items = try #require(
      try IndependentReader.pythonJSON(Self.renderer, input: Data(text.utf8), reader: .commonMarkReader) as? [[String: Any]])
    let item = try #require(items.first)
    let expected =
      "P1 ana → ben: " + Escaping.forDisplay(SampleLedger.awkward.replacingOccurrences(of: "\n", with: " ")) + ", by 2026-12-04"
    #expect(item["text"] as? String == expected)
    #expect(item["kinds"] as? [String] == ["text"], "markup found: \(item["kinds"] ?? "")")
  }
}
