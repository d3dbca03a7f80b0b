import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughInterchange

@Suite("iCalendar export")
struct ICalendarTests {
  /// Reads the file with python3-icalendar and prints each component's fields as JSON.
  static let reader = """
    import sys, json, icalendar
    calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
    out = {'version': str(calendar['VERSION']), 'items': []}
    for component in calendar.walk():
        if component.name not in ('VTODO', 'VEVENT'):
            continue
        item = {'kind': component.name}
        for key in ('UID', 'SUMMARY', 'DESCRIPTION', 'STATUS', 'RELATED-TO', 'X-BREAKTHROUGH-NUMBER', 'X-BREAKTHROUGH-REPLACED-BY', 'TRANSP'):
            if key in component:
                item[key] = str(component[key])
        for key in ('DUE', 'DTSTART', 'DTEND', 'COMPLETED', 'DTSTAMP'):
            if key in component:
                item[key] = component.decoded(key).isoformat()
        if 'CATEGORIES' in component:
            item['CATEGORIES'] = [str(c) for c in component['CATEGORIES'].cats]
        out['items'].append(item)
    print(json.dumps(out))
    """

  func read(_ text: String) throws -> (version: String, items: [[String: Any]]) {
    let parsed = try #require(
      try IndependentReader.pythonJSON(Self.reader, input: Data(text.utf8), reader: .iCalendarReader) as? [String: Any])
    return (parsed["version"] as? String ?? "", parsed["items"] as? [[String: Any]] ?? [])
  }

  @Test("a real iCalendar reader gets back every promise with its text, due date, state and parent", .needs(.iCalendarReader))
  func readBack() throws {
    let ledger = try SampleLedger.week()
    let calendar = PromiseCalendar(state: ledger.state, zone: ledger.zone, selection: .init())
    let (version, items) = try read(calendar.text)
    #expect(version == "2.0")
    let todos = items.filter { $0["kind"] as? String == "VTODO" }
    let breakthrough = try #require(ledger.state.currentBreakthrough)
    #expect(todos.count == ledger.state.promises.count + 1)
    #expect(todos.first?["UID"] as? String == breakthrough.id)
    #expect(todos.first?["SUMMARY"] as? String == "Breakthrough: \(breakthrough.terms.statement)")
    let status: [PromiseState: String] = [
      .open: "NEEDS-ACTION", .delivered: "IN-PROCESS", .kept: "COMPLETED", .notKept: "CANCELLED", .renegotiated: "CANCELLED",
      .revoked: "CANCELLED",
    ]
    for promise in ledger.state.promises.readEach() {
      let item = try #require(todos.first { $0["UID"] as? String == promise.id }, "no VTODO for \(promise.label)")
      // Control characters arrive as their visible escapes, everything else as written.
      #expect(
        item["SUMMARY"] as? String == "\(promise.label) \(Escaping.forDisplay(promise.what).replacingOccurrences(of: "\\n", with: "\n"))")
      #expect(item["STATUS"] as? String == status[promise.state])
      #expect(item["RELATED-TO"] as? String == breakthrough.id)
      #expect(item["X-BREAKTHROUGH-NUMBER"] as? String == promise.label)
      #expect(item["CATEGORIES"] as? [String] == [promise.performer.text, promise.customer.text])
      let due = try #require(item["DUE"] as? String)
      if let minute = promise.by.minuteOfDay {
        #expect(due == "\(promise.by.day.iso)T\(String(format: "%02d:%02d", minute / 60, minute % 60)):00+00:00")
      } else {
        #expect(due == promise.by.day.iso)
      }
      #expect((item["COMPLETED"] != nil) == (promise.state == .kept))
    }
    let notKept = try #require(ledger.state.promises.readEach().first { $0.state == .notKept })
    let replacement = try #require(notKept.replacedBy.flatMap(ledger.state.promise(id:)))
    #expect(todos.first { $0["UID"] as? String == notKept.id }?["X-BREAKTHROUGH-REPLACED-BY"] as? String == replacement.label)
  }

  @Test("lines end in CRLF and are folded at 75 octets, never inside a character")
  func lineRules() throws {
    let text = PromiseCalendar(state: try SampleLedger.week().state, zone: TimeZone(identifier: "UTC")!, selection: .init()).text
    let bytes = Array(text.utf8)
    #expect(bytes.suffix(2) == [13, 10])
    var lines: [[UInt8]] = []
    var start = 0
    for index in bytes.indices where index > 0 && bytes[index] == 10 {
      #expect(bytes[index - 1] == 13, "a line ends in LF without CR")
      lines.append(Array(bytes[start..<(index - 1)]))
      start = index + 1
    }
    #expect(!lines.isEmpty)
    var folded = 0
    for line in lines {
      #expect(line.count <= 75, "a line of \(line.count) octets")
      #expect(String(validatingUTF8: line.map { CChar(bitPattern: $0) } + [0]) != nil, "a line splits a character")
      #expect(!line.contains(27), "a raw escape character")
      if line.first == 32 { folded += 1 }
    }
    #expect(folded > 0, "the sample has lines long enough to fold")
  }

  @Test("the same ledger gives the same bytes, and matches the golden file")
  func deterministic() throws {
    let first = PromiseCalendar(state: try SampleLedger.week().state, zone: TimeZone(identifier: "UTC")!, selection: .init()).text
    let second = PromiseCalendar(state: try SampleLedger.week().state, zone: TimeZone(identifier: "UTC")!, selection: .init()).text
    #expect(first == second)
    Golden.check(first, named: "week.ics", in: SampleLedger.goldenFolder)
  }

  @Test("--events writes open promises as all-day events, transparent, ending the next day", .needs(.iCalendarReader))
  func events() throws {
    let ledger = try SampleLedger.week()
    let calendar = PromiseCalendar(state: ledger.state, zone: ledger.zone, selection: .init(asEvents: true))
    let items = try read(calendar.text).items
    #expect(items.allSatisfy { $0["kind"] as? String == "VEVENT" })
    let open = ledger.state.promises.readEach().filter { !$0.state.isClosed }
    #expect(items.count == open.count + 1)
    for promise in open {
      let item = try #require(items.first { $0["UID"] as? String == "\(promise.id)-due" })
      #expect(item["DTSTART"] as? String == promise.by.day.iso)
      #expect(item["DTEND"] as? String == promise.by.day.adding(days: 1).iso)
      #expect(item["TRANSP"] as? String == "TRANSPARENT")
    }
  }

  @Test("--person and --open choose the promises")
  func selection() throws {
    let ledger = try SampleLedger.week()
    let ben = handle("ben")
    let chosen = PromiseCalendar(state: ledger.state, zone: ledger.zone, selection: .init(person: ben, openOnly: true)).promises
    let expected = ledger.state.promises.readEach().filter { !$0.state.isClosed && ($0.performer == ben || $0.customer == ben) }
    #expect(!expected.isEmpty)
    #expect(chosen.map(\.id) == expected.map(\.id))
  }
}
