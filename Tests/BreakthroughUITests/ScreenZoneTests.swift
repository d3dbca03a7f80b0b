import BreakthroughCore
import BreakthroughTestSupport
import BreakthroughUI
import Foundation
import Testing

/// Someone sets the team's clock while a screen is open: from then on its days are the
/// ledger's, as a screen opened afresh would show them, without a restart.
@Suite struct ScreenZoneTests {
  /// A promise due on Thursday 2026-11-26 (the harness's day): at noon in UTC it is not yet
  /// late; on Kiritimati, 14 hours ahead, that day is over.
  static func ledger() throws -> LedgerState {
    var ledger = LedgerState()
    let context = MoveContext(actor: BoardHarness.ana, now: BoardHarness.now.addingTimeInterval(-86_400), zone: BoardHarness.zone)
    let made = try ledger.makePromise(
      what: "Send the pilot contract", to: handle("ben"), by: ByWhen(day: LocalMoment(BoardHarness.now, in: BoardHarness.zone).day),
      context: context)
    for event in made.events { ledger.apply(event) }
    return ledger
  }

  static func settingZone(_ name: String, on ledger: LedgerState) throws -> LedgerState {
    var ledger = ledger
    let context = MoveContext(actor: BoardHarness.ana, now: BoardHarness.now, zone: BoardHarness.zone)
    for event in try ledger.setZone(name, note: nil, context: context).events { ledger.apply(event) }
    return ledger
  }

  @Test func theBoardFollowsTheTeamsClockSetWhileItIsOpen() throws {
    let before = try Self.ledger()
    var board = BoardHarness.board(before)
    #expect(board.render().text.contains("Overdue accountings (0)"))
    board.replaceLedger(try Self.settingZone("Pacific/Kiritimati", on: before))
    #expect(board.zone.identifier == "Pacific/Kiritimati")
    let screen = board.render().text
    #expect(screen.contains("Overdue accountings (1)"), "\(screen)")
    var fresh = BoardState(
      ledger: board.ledger, now: BoardHarness.now, zone: board.zone, actor: BoardHarness.ana, width: 120, height: 40, isUnicode: true)
    #expect(fresh.render().text == screen, "the same as a board opened now")
  }

  @Test func aZoneThisMachineDoesNotKnowOrOneAlreadyFollowedChangesNothing() throws {
    let set = try Self.settingZone("Pacific/Kiritimati", on: try Self.ledger())
    var board = BoardHarness.board(set)
    #expect(board.zone.identifier == BoardHarness.zone.identifier, "the zone given at opening stands until the ledger changes it")
    var later = set
    let christmasEve = try #require(CalendarDay(year: 2026, month: 12, day: 24))
    let context = MoveContext(actor: BoardHarness.ana, now: BoardHarness.now, zone: BoardHarness.zone)
    later.apply(try later.makePromise(what: "Another", to: handle("ben"), by: ByWhen(day: christmasEve), context: context).events[0])
    board.replaceLedger(later)
    #expect(board.zone.identifier == BoardHarness.zone.identifier, "a zone named before the screen opened is the opener's choice")
    var unknown = later
    unknown.apply(
      Event(id: "zone-unknown", at: BoardHarness.now, actor: BoardHarness.ana, body: .zoneSet(zone: "Atlantis/Capital", note: nil)))
    board.replaceLedger(unknown)
    #expect(board.zone.identifier == BoardHarness.zone.identifier)
  }

  @Test func theCheckinAndTheMeetingFollowItToo() throws {
    let before = try Self.ledger()
    let after = try Self.settingZone("Pacific/Kiritimati", on: before)
    var checkin = CheckinState(
      ledger: before, now: BoardHarness.now, zone: BoardHarness.zone, actor: BoardHarness.ana, width: 120, height: 40, isUnicode: true)
    checkin.replaceLedger(after)
    #expect(checkin.zone.identifier == "Pacific/Kiritimati")
    var meeting = MeetingState(
      ledger: before, now: BoardHarness.now, zone: BoardHarness.zone, options: .init(showsRates: false), width: 120, height: 40,
      isUnicode: true)
    meeting.replaceLedger(after)
    #expect(meeting.zone.identifier == "Pacific/Kiritimati")
  }
}
