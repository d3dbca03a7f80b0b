import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughInterchange

/// The public page, read by a real HTML5 parser: people's text is text, nothing runs, nothing
/// is fetched, and the same ledger at the same moment gives the same bytes.
@Suite struct PageTests {
  static let hostile = "<script>alert('x')</script> \"quoted\" & 'single' \u{1B}[31m\u{7}bell\u{202E}reversed"

  static func ledger() throws -> SampleLedger {
    var ledger = try SampleLedger.week()
    try ledger.promise(hostile, from: "ben", to: "ana", dueIn: -2)
    try ledger.move("ana", .addElement(what: "A pilot <img src=x onerror=alert(1)>"))
    try ledger.move("ben", .notYet(note: "<a href=\"https://example.org\">more</a>"))
    return ledger
  }

  func page(_ ledger: SampleLedger) -> String {
    BreakthroughPage(state: ledger.state, now: ledger.now, zone: ledger.zone).html
  }

  /// What html5lib makes of the page: its parse errors, elements that run or fetch, attributes
  /// that point anywhere, and the text of the body.
  static let reader = """
    import sys, json, html5lib
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder('etree'), namespaceHTMLElements=False)
    document = parser.parse(open(sys.argv[1], 'rb'))
    elements = list(document.iter())
    fetching = [e.tag for e in elements if e.tag in ('script', 'link', 'img', 'iframe', 'object', 'embed', 'audio', 'video', 'source', 'base', 'form')]
    pointing = [(e.tag, k) for e in elements for k in e.attrib if k in ('src', 'href', 'action', 'srcset', 'style') or k.startswith('on')]
    style = ''.join(e.text or '' for e in elements if e.tag == 'style')
    body = document.find('body')
    print(json.dumps({'errors': [str(e) for e in parser.errors], 'fetching': fetching, 'pointing': pointing,
      'styleFetches': 'url(' in style or '@import' in style, 'title': document.find('head/title').text,
      'text': ''.join(body.itertext()), 'items': [''.join(li.itertext()) for li in body.iter('li')],
      'headings': [''.join(h.itertext()) for h in body.iter('h2')]}))
    """

  @Test("html5lib reads it without an error: hostile text is text, no script, nothing that fetches or runs", .needs(.htmlReader))
  func readByHTML5Parser() throws {
    let ledger = try Self.ledger()
    let read = try #require(
      try IndependentReader.pythonJSON(Self.reader, input: Data(page(ledger).utf8), reader: .htmlReader) as? [String: Any])
    #expect((read["errors"] as? [String]) == [])
    #expect((read["fetching"] as? [String]) == [])
    #expect((read["pointing"] as? [Any])?.isEmpty == true)
    #expect(read["styleFetches"] as? Bool == false)
    #expect(read["title"] as? String == "Breakthrough: Ship the first release; with \"everyone\", together")
    let items = read["items"] as? [String] ?? []
    let shown = "<script>alert('x')</script> \"quoted\" & 'single' \\e[31m\\abell\\u{202e}reversed"
    #expect(items.contains { $0 == "P10 \(shown) ben → ana, due 2026-12-01, 2 days overdue" }, "\(items)")
    #expect(items.contains { $0.hasPrefix("E1 A pilot <img src=x onerror=alert(1)>") && $0.hasSuffix("nothing promised yet") })
    #expect(items.contains("ben: not yet, it would take: <a href=\"https://example.org\">more</a>"))
    let text = read["text"] as? String ?? ""
    #expect(!text.contains("\u{1B}") && !text.contains("\u{7}"))
    #expect(
      read["headings"] as? [String] == ["The measures", "What it will take", "Who is in", "Overdue accountings 2", "Open promises 4"])
  }

  @Test("the same ledger at the same moment gives the same bytes; another moment, another countdown")
  func sameBytes() throws {
    let first = page(try Self.ledger())
    #expect(first == page(try Self.ledger()))
    #expect(first.contains("<span class=\"big\">28</span> days left"))
    var later = try Self.ledger()
    later.advance(hours: 24)
    #expect(page(later) != first)
    #expect(page(later).contains("<span class=\"big\">27</span> days left"))
  }

  @Test("an empty ledger still makes a whole page")
  func emptyLedger() throws {
    let empty = SampleLedger()
    let html = page(empty)
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("<h1>No breakthrough declared yet</h1>"))
    #expect(html.contains("No promise is open."))
    #expect(html.hasSuffix("</html>\n"))
  }
}
