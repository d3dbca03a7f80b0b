import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughInterchange

/// The daily digest: what waits on one person, in the order they read it.
@Suite struct DigestTests {
  static let ana = handle("ana")

  /// A ledger where something waits on ana in every section, and things that must not show.
  static func everySection() throws -> SampleLedger {
    var ledger = SampleLedger()
    let today = ledger.today
    try ledger.promise("Week's slides", from: "ana", to: "cy", dueIn: 5)
    try ledger.promise("Today's call", from: "ana", to: "ben", dueIn: 0, minute: 17 * 60)
    try ledger.promise("Older report", from: "ana", to: "ben", dueIn: -3)
    try ledger.promise("Newer report", from: "ana", to: "cy", dueIn: -1)
    try ledger.promise("Next month's plan", from: "ana", to: "cy", dueIn: 20)
    let delivered = try ledger.promise("The budget", from: "ben", to: "ana", dueIn: 3)
    try ledger.move("ben", .deliver(promise: delivered, accepted: false))
    let kept = try ledger.promise("Kept already", from: "ana", to: "ben", dueIn: -1)
    try ledger.move("ana", .deliver(promise: kept, accepted: true))
    try ledger.move("ben", .request(what: "Lunch on Friday", of: ana, by: ByWhen(day: today.adding(days: 3))))
    try ledger.move(
      "cy",
      .request(
        what: "Review <script>alert(1)</script>\n\u{1B}[31m", of: ana, by: ByWhen(day: today.adding(days: 4)),
        replyBy: ByWhen(day: today.adding(days: -2))))
    try ledger.promise("Owed to ana, late", from: "cy", to: "ana", dueIn: -4)
    try ledger.promise("Owed to ana, not yet due", from: "cy", to: "ana", dueIn: 2)
    try ledger.promise("Ben's own", from: "ben", to: "cy", dueIn: -1)
    return ledger
  }

  func digest(_ ledger: SampleLedger, for person: String) -> DailyDigest {
    DailyDigest(ledger.state, person: handle(person), now: LocalMoment(ledger.now, in: ledger.zone))
  }

  @Test("every section in order, oldest by-when first, each line with its number")
  func everySectionInText() throws {
    let ledger = try Self.everySection()
    let text = DigestWriter(digest(ledger, for: "ana"), zone: ledger.zone).text
    #expect(
      text == """
        What waits on ana, Tue 2026-12-01

        You owe, overdue: account for it
          P3 to ben, due 2026-11-28, 3 days overdue: Older report
          P4 to cy, due 2026-11-30, 1 day overdue: Newer report

        You owe, due today
          P2 to ben, due today by 17:00: Today's call

        You owe, due in the next 7 days
          P1 to cy, due Sun 2026-12-06: Week's slides

        Delivered to you: accept or reject
          P6 from ben, delivered 2026-12-01: The budget

        Asked of you: answer it
          R2 cy asks ana, answer by 2026-11-29 (2 days overdue), by 2026-12-05: Review <script>alert(1)</script> \\e[31m
          R1 ben asks ana, by 2026-12-04: Lunch on Friday

        Owed to you, overdue
          P8 from cy, due 2026-11-27, 4 days overdue: Owed to ana, late

        """)
  }

  @Test("nothing waits: the text says so, and the digest is empty")
  func nothingWaits() throws {
    let ledger = try Self.everySection()
    let empty = digest(ledger, for: "dan")
    #expect(empty.isEmpty)
    #expect(DigestWriter(empty, zone: ledger.zone).text == "What waits on dan, Tue 2026-12-01\nNothing waits on you.\n")
    #expect(!digest(ledger, for: "ana").isEmpty)
  }

  @Test("Markdown is read back by a CommonMark parser as the same words; JSON by Python's json", .needs(.commonMarkReader))
  func markdownAndJSON() throws {
    let ledger = try Self.everySection()
    let writer = DigestWriter(digest(ledger, for: "ana"), zone: ledger.zone)
    let reader = """
      import sys, json
      from markdown_it import MarkdownIt
      tokens = MarkdownIt('commonmark').parse(open(sys.argv[1], encoding='utf-8').read())
      print(json.dumps({'headings': [t.content for i, t in enumerate(tokens) if i > 0 and tokens[i-1].type == 'heading_open'],
        'items': [''.join(c.content for c in t.children if c.type == 'text') for t in tokens if t.type == 'inline' and t.level == 3],
        'html': [t.type for t in tokens if 'html' in t.type] + [c.type for t in tokens for c in (t.children or []) if 'html' in c.type]}))
      """
    let read = try #require(
      try IndependentReader.pythonJSON(reader, input: Data(writer.markdown.utf8), reader: .commonMarkReader) as? [String: [String]])
    #expect(read["headings"]?.first == "What waits on ana, Tue 2026-12-01")
    #expect(read["headings"]?.count == 7)
    #expect(read["html"] == [])
    let items = read["items"] ?? []
    #expect(items.count == 8)
    #expect(items.first == "P3 to ben, due 2026-11-28, 3 days overdue: Older report")
    #expect(items[5] == "R2 cy asks ana, answer by 2026-11-29 (2 days overdue), by 2026-12-05: Review <script>alert(1)</script> \\e[31m")

    let json = try #require(try JSONSerialization.jsonObject(with: Data(writer.output(.json).utf8)) as? [String: Any])
    #expect(json["person"] as? String == "ana" && json["empty"] as? Bool == false)
    let overdue = try #require(json["overdue"] as? [[String: Any]])
    #expect(overdue.map { $0["number"] as? String } == ["P3", "P4"])
    #expect(overdue.first?["daysOverdue"] as? Int == 3)
    let requests = try #require(json["requests"] as? [[String: Any]])
    #expect(requests.first?["what"] as? String == "Review <script>alert(1)</script>\n\u{1B}[31m")
    #expect(requests.first?["answerOverdue"] as? Bool == true)
    #expect((json["owedToYou"] as? [[String: Any]])?.map { $0["number"] as? String } == ["P8"])
    for section in DailyDigest.Section.allCases { #expect(json[section.rawValue] is [Any], "\(section)") }
  }
}
