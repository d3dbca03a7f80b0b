import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// The team's zone: set by a move through the rule book, folded by every reader, kept by the
/// snapshot, said in words; a name that is no zone is refused and, forged, left out.
@Suite struct TeamZoneTests {
  @Test func theZoneIsSetByAMoveAndFolded() throws {
    var fixture = LedgerFixture()
    #expect(fixture.state.zoneName == nil && fixture.state.zone == nil)
    let outcome = try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.setZone("Europe/Berlin", note: "where most of us are", context: context)
    }
    #expect(outcome.summary == "the team's time zone is now Europe/Berlin")
    #expect(fixture.state.zoneName == "Europe/Berlin")
    #expect(fixture.state.zone?.identifier == "Europe/Berlin")
    #expect(fixture.lines.last?.contains("\"kind\":\"ledger.zone-set\"") == true)
    #expect(fixture.lines.last?.contains("\"zone\":\"Europe/Berlin\"") == true)
    let again = try SnapshotTests.roundTrip(fixture.state)
    #expect(again.zoneName == "Europe/Berlin", "the snapshot keeps the zone")
    #expect(throws: Refusal("the team's time zone is already Europe/Berlin; nothing changed")) {
      try fixture.state.setZone("Europe/Berlin", note: nil, context: fixture.context("ben"))
    }
  }

  @Test(arguments: ["Mars/Olympus_Mons", "", "europe/berlin", "../../etc/passwd", "/etc/localtime", "Europe/Berlin\u{202E}", "UTC\n"])
  func aNameThatIsNoZoneIsRefusedAndForgedLeftOut(name: String) throws {
    var fixture = LedgerFixture()
    #expect(throws: Refusal.self) { try fixture.state.setZone(name, note: nil, context: fixture.context("ana")) }
    let forged = Event(id: "forged", at: fixture.now, actor: try Handle("ana"), body: .zoneSet(zone: name, note: nil))
    fixture.state.apply(forged)
    #expect(fixture.state.zoneName == nil)
    #expect(fixture.state.leftOut.last?.reason.contains("is not a time zone: name one from the time zone database") == true)
  }

  @Test func theLogSaysItInWords() throws {
    var fixture = LedgerFixture()
    try fixture.perform("ana") { (state, context) throws(Refusal) in try state.setZone("Asia/Tokyo", note: nil, context: context) }
    let line = try #require(fixture.lines.last)
    guard case .event(let decoded) = try EventCoding.decode(line) else {
      Issue.record("the line does not read back as an event")
      return
    }
    #expect(EventWording(state: fixture.state).phrase(decoded).action == "set the team's time zone to Asia/Tokyo")
  }

  @Test func aScreenSaysTheTeamsZoneOnlyWhereItIsNotTheMachines() throws {
    let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
    let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
    #expect(TeamZone.note(for: berlin, machine: tokyo) == "times in Europe/Berlin")
    #expect(TeamZone.note(for: berlin, machine: berlin) == nil)
  }
}
