import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// A team ledger's rows come to a new machine, and to one catching up, byte for byte as the
/// server keeps them, whatever they hold (tabs, line breaks between a line's fields, escapes,
/// very long lines, a forged row the owner put in by hand); a row whose hash was changed at the
/// server raises the alarm naming it.
@Suite(.needs(.postgreSQL))
struct TeamFirstReadTests {
  /// A promise's line as the owner writes it by hand, with `spacing` between its first fields.
  static func line(number: Int, what: String, spacing: String = "") throws -> String {
    let terms = PromiseTerms(
      id: "forged-\(number)", number: number, performer: try Handle("ana"), customer: try Handle("cy"), what: what,
      by: StoreUnderTest.due(), breakthrough: nil, replaces: nil)
    let event = Event(
      id: "forged-event-\(number)", at: Date(timeIntervalSince1970: 1_800_000_000), actor: try Handle("ana"), body: .made(terms))
    let line = EventCoding.line(for: event)
    return "{" + spacing + line.dropFirst()
  }

  /// The mirror a faithful read leaves: each of the server's lines, its line breaks made
  /// spaces, ended by a newline. The lines are read back as hex, past any copy's format.
  static func mirrorOfServer(_ database: String) throws -> [UInt8] {
    let hex = try TeamLedgerTests.server().psql(
      "select string_agg(encode(convert_to(line::text, 'UTF8'), 'hex'), ',' order by seq) from events", database: database)
    return try hex.split(separator: ",").flatMap { line -> [UInt8] in
      var bytes: [UInt8] = []
      var digits = line.makeIterator()
      while let high = digits.next(), let low = digits.next() { bytes.append(try #require(UInt8(String([high, low]), radix: 16))) }
      return bytes.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 } + [0x0A]
    }
  }

  @Test func rowsOfEveryShapeArriveAsTheServerKeepsThemAndAChangedHashIsNamed() throws {
    let server = try TeamLedgerTests.server()
    let store = try StoreUnderTest(.team)
    try TeamHostileMemberTests.makeOne(store)
    let location = try #require(TeamLocation(server.url(store.name, user: "cy")))
    let folders = ["earlier", "fresh"].map { Scratch.directory + "mirror-\($0)-\(UUID().uuidString)" }
    let earlier = try TeamLedger(location, mirrorFolder: folders[0])

    // Put in by the owner around the rules: whitespace the JSON keeps, escapes, a long line (as
    // long as one argument to psql may be).
    let forged = [
      try Self.line(number: 2, what: "Tab\there, back\\slash, \"quoted\", new\nline", spacing: "\t\r\n "),
      try Self.line(number: 3, what: "Long " + String(repeating: "é—x", count: 15_000)),
      try Self.line(number: 4, what: "Its hash is changed"),
      try Self.line(number: 5, what: "After it"),
    ]
    var sql = "alter table events disable trigger events_append_check; "
    for (index, line) in forged.enumerated() {
      let seq = index + 2
      sql +=
        "insert into events (seq, id, kind, label, actor, line, hash) select \(seq), 'forged-event-\(seq)', 'promise.made', 'P\(seq)', "
        + "'ana', l, sha256((select hash from events where seq = \(seq - 1)) || convert_to(l::text, 'UTF8')) "
        + "from (select $l$\(line)$l$::json as l) s; "
    }
    sql +=
      "alter table events enable trigger events_append_check; alter table events disable trigger events_append_only; "
      + "update events set hash = sha256('changed'::bytea) where seq = 4; alter table events enable trigger events_append_only"
    try server.psql(sql, database: store.name, user: "owner")
    let expected = try Self.mirrorOfServer(store.name)
    #expect(expected.count > 90_000)
    #expect(expected.contains(0x09) && expected.contains(0x5C), "tabs and backslashes went in")

    let fresh = try TeamLedger(location, mirrorFolder: folders[1])
    let caughtUp = try earlier.refresh()
    #expect(caughtUp)
    for (ledger, folder, how) in [(fresh, folders[1], "a first read"), (earlier, folders[0], "a catch-up")] {
      let mirror = try #require(FileManager.default.contents(atPath: location.mirrorPath(in: folder)))
      #expect([UInt8](mirror) == expected, "\(how): the mirror holds the server's lines")
      let warnings = ledger.takeWarnings()
      #expect(
        warnings.contains { $0.contains("event 4 no longer matches the hash it was written with") }, "\(how): \(warnings)")
      #expect(!warnings.contains { $0.contains("event 5") }, "\(how): only the first changed row is named: \(warnings)")
      #expect(ledger.state.promises.readEach().map(\.what).last == "After it", "\(how)")
    }
  }
}
