import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughCore

/// The team's reasons for a miss: the list, who changes it, what a miss must say, and the Pareto
/// counted on ledgers small enough to count by hand.
@Suite struct ReasonTests {
  /// A ledger where ana declared the breakthrough and made `count` promises to ben, due in two days.
  static func ledger(promises count: Int) throws -> LedgerFixture {
    var fixture = LedgerFixture()
    try fixture.perform(.declare(statement: "Three paying teams", by: ByWhen(day: fixture.today.adding(days: 90))), as: "ana")
    for number in 1...count { try fixture.promise("Promise \(number)", dueIn: 2) }
    return fixture
  }

  static func notKept(_ fixture: inout LedgerFixture, _ number: Int, _ reason: String?, note: String = "it slipped") throws {
    let id = fixture.promise(number).id
    try fixture.perform(.notKept(promise: id, note: note, reason: reason), as: "ana")
  }

  @Test func theDefaultListIsThePractices() {
    #expect(
      LedgerState().reasons.active.map(\.key)
        == ["prerequisite", "waiting", "underestimated", "priorities", "people", "external", "unclear", "other"])
  }

  @Test func notKeptWithoutAReasonOrWithAnUnknownOneIsRefusedWithTheList() throws {
    var fixture = try Self.ledger(promises: 1)
    let list = "prerequisite, waiting, underestimated, priorities, people, external, unclear, other"
    #expect(throws: Refusal("say why with --reason KEY, one of: \(list) (`breakthrough reasons` says what each means)")) {
      try Self.notKept(&fixture, 1, nil)
    }
    #expect(
      throws: Refusal(
        "--reason lazy: the team's list has no reason lazy; use one of: \(list) (`breakthrough reasons` says what each means)")
    ) { try Self.notKept(&fixture, 1, "lazy") }
    fixture.advance(days: 3)
    #expect(throws: Refusal("the reason other needs words: say what happened with --note")) {
      try fixture.perform(
        .renegotiate(promise: fixture.promise(1).id, by: ByWhen(day: fixture.today.adding(days: 9)), reason: "other"), as: "ana")
    }
    #expect(fixture.promise(1).state == .open, "nothing was recorded")
    try Self.notKept(&fixture, 1, "Waiting")
    #expect(fixture.state.reasons.misses.map(\.reason) == ["waiting"], "a key is read in any case")
  }

  @Test func aRenegotiationAfterTheByWhenNeedsAReasonAndOneBeforeItTakesNone() throws {
    var fixture = try Self.ledger(promises: 2)
    let later = ByWhen(day: fixture.today.adding(days: 9))
    #expect(throws: Refusal.self) {
      try fixture.perform(.renegotiate(promise: fixture.promise(1).id, by: later, reason: "waiting"), as: "ana")
    }
    try fixture.perform(.renegotiate(promise: fixture.promise(1).id, by: later), as: "ana")
    fixture.advance(days: 3)
    #expect(throws: Refusal.self) { try fixture.perform(.renegotiate(promise: fixture.promise(2).id, by: later), as: "ana") }
    try fixture.perform(.renegotiate(promise: fixture.promise(2).id, by: later, reason: "waiting", addresses: "waiting"), as: "ana")
    #expect(fixture.state.reasons.misses.map(\.kind) == [.lateRenegotiation])
    #expect(fixture.promise(4).terms.addresses == "waiting")
  }

  @Test func aReasonIsForALateDeliveryAndOptionalOnARejection() throws {
    var fixture = try Self.ledger(promises: 2)
    #expect(throws: Refusal("P1 is on time: a reason is for a late delivery; leave out --reason")) {
      try fixture.perform(.deliver(promise: fixture.promise(1).id, accepted: false, reason: "waiting"), as: "ana")
    }
    fixture.advance(days: 3)
    try fixture.perform(.deliver(promise: fixture.promise(1).id, accepted: false, reason: "waiting"), as: "ana")
    try fixture.perform(.reject(promise: fixture.promise(1).id, note: "the totals are missing", reason: "unclear"), as: "ben")
    try fixture.perform(.deliver(promise: fixture.promise(2).id, accepted: false), as: "ana")
    try fixture.perform(.reject(promise: fixture.promise(2).id, note: "the totals are missing"), as: "ben")
    #expect(fixture.state.reasons.misses.map(\.kind) == [.lateDelivery, .rejection], "only the ones that gave a reason")
    #expect(fixture.promise(1).history.map(\.summary).suffix(2) == ["delivered (reason: waiting)", "rejected (reason: unclear)"])
  }

  /// Ten misses, counted by hand: waiting 4, underestimated 3, external 2, no reason given 1.
  @Test func theParetoIsLargestFirstWithItsSharesAndPromises() throws {
    var fixture = try Self.ledger(promises: 10)
    fixture.advance(days: 3)
    let given: [String?] = ["waiting", "external", "underestimated", "waiting", "underestimated", "waiting", "external", "underestimated"]
    for (index, reason) in given.enumerated() { try Self.notKept(&fixture, index + 1, reason) }
    try Self.notKept(&fixture, 9, "waiting")
    // An old accounting, written before reasons: no reason given.
    let old = Event(
      id: "old", at: fixture.now, actor: handle("ana"),
      body: .notKept(promise: fixture.promise(10).id, note: "before reasons", replacement: nil, lateRenegotiation: false))
    fixture.state.apply(old)
    let report = SlipReport(fixture.state, since: nil)
    #expect(report.total == 10)
    #expect(report.rows.map(\.key) == ["waiting", "underestimated", "external", nil])
    #expect(report.rows.map(\.count) == [4, 3, 2, 1])
    #expect(report.rows.map(\.share) == [0.4, 0.3, 0.2, 0.1])
    #expect(report.rows[0].promises == ["P1", "P4", "P6", "P9"])
    #expect(report.rows[3].words == "no reason given")
    #expect(report.rows[2].words == "client, vendor or outside event")
    // A window leaves out what slipped before it.
    #expect(SlipReport(fixture.state, since: fixture.now.addingTimeInterval(1)).total == 0)
  }

  @Test func tiesFollowTheListAndUndoTakesTheMissBack() throws {
    var fixture = try Self.ledger(promises: 2)
    fixture.advance(days: 3)
    try Self.notKept(&fixture, 1, "external")
    try Self.notKept(&fixture, 2, "prerequisite")
    #expect(SlipReport(fixture.state, since: nil).rows.map(\.key) == ["prerequisite", "external"])
    try fixture.undo(2, fixture.promise(2).lastEventID)
    #expect(SlipReport(fixture.state, since: nil).rows.map(\.key) == ["external"])
    // Undoing a move that recorded no miss takes none back; after a snapshot, undo still finds
    // the one its event recorded.
    try fixture.perform(.confidence(promise: fixture.promise(2).id, level: .atRisk), as: "ana")
    try fixture.undo(2, fixture.promise(2).lastEventID)
    #expect(fixture.state.reasons.misses.count == 1)
    fixture.state = try SnapshotTests.roundTrip(fixture.state)
    try fixture.undo(1, fixture.promise(1).lastEventID)
    #expect(fixture.state.reasons.misses.isEmpty)
  }

  @Test func theDeclarerKeepsTheListAndKeysHaveOneForm() throws {
    var fixture = try Self.ledger(promises: 1)
    #expect(throws: Refusal.self) { try fixture.perform(.addReason(key: "tooling", words: "the tools"), as: "ben") }
    for bad in ["Tooling", "1st", "two words", "", String(repeating: "a", count: 25), "tool\u{200B}ing"] {
      #expect(throws: Refusal.self, "\(bad)") { try fixture.perform(.addReason(key: bad, words: "the tools"), as: "ana") }
    }
    #expect(throws: Refusal.self) { try fixture.perform(.addReason(key: "waiting", words: "again"), as: "ana") }
    #expect(throws: Refusal.self) { try fixture.perform(.addReason(key: "tooling", words: "  "), as: "ana") }
    try fixture.perform(.addReason(key: "tooling", words: "the tools got in the way"), as: "ana")
    #expect(throws: Refusal.self) { try fixture.perform(.retireReason(key: "other"), as: "ana") }
    #expect(throws: Refusal.self) { try fixture.perform(.retireReason(key: "people"), as: "ben") }
    try fixture.perform(.retireReason(key: "people"), as: "ana")
    #expect(throws: Refusal.self) { try fixture.perform(.retireReason(key: "people"), as: "ana") }
    #expect(fixture.state.reasons.active.map(\.key).contains("tooling"))
    #expect(!fixture.state.reasons.active.map(\.key).contains("people"))
    fixture.advance(days: 3)
    #expect(throws: Refusal.self) { try Self.notKept(&fixture, 1, "people") }
    try Self.notKept(&fixture, 1, "tooling")
  }

  /// Lines written by hand, as an editor or another program would: each the rule book refuses
  /// is left out with its sentence, and counts for nothing.
  @Test func forgedLinesAreLeftOut() throws {
    var fixture = try Self.ledger(promises: 3)
    try fixture.perform(.retireReason(key: "people"), as: "ana")
    fixture.advance(days: 3)
    let at = Timestamp.text(fixture.now)
    func line(_ id: String, _ actor: String, _ kind: String, _ fields: String) -> String {
      #"{"v":1,"id":"\#(id)","at":"\#(at)","actor":"\#(actor)","kind":"\#(kind)",\#(fields)}"#
    }
    let p1 = fixture.promise(1).id
    let p2 = fixture.promise(2).id
    let forged = [
      line("f1", "ana", "promise.not-kept", #""promise":"\#(p1)","note":"x","then":null,"lateRenegotiation":false,"reason":"lazy""#),
      line("f2", "ana", "promise.not-kept", #""promise":"\#(p2)","note":"x","then":null,"lateRenegotiation":false,"reason":"people""#),
      line("f3", "ben", "reason.added", #""reason":"blame","words":"someone else's fault""#),
      line("f4", "ben", "reason.retired", #""reason":"waiting","note":null"#),
      line("f5", "ana", "reason.added", #""reason":"Bad Key","words":"x""#),
      line("f6", "ana", "reason.retired", #""reason":"other","note":null"#),
    ]
    let before = SnapshotTests.fingerprint(fixture.state).dropFirst(2)
    for text in forged {
      guard case .event(let event) = try EventCoding.decode(text) else {
        Issue.record("not read: \(text)")
        continue
      }
      fixture.state.apply(event)
    }
    #expect(SnapshotTests.fingerprint(fixture.state).dropFirst(2) == before, "nothing changed")
    #expect(
      fixture.state.leftOut.map(\.reason) == [
        "ana may not account P1 as not kept: the team's list has no reason lazy",
        "ana may not account P2 as not kept: the reason people was retired",
        "ben may not add the reason blame: only ana, who declared the breakthrough in force, can change the team's reasons",
        "ben may not retire the reason waiting: only ana, who declared the breakthrough in force, can change the team's reasons",
        "ana may not add the reason Bad Key: a reason's key is a lowercase letter, then up to 23 lowercase letters, digits or hyphens",
        "ana may not retire the reason other: other stays on the list: it is what a miss gives when no other reason fits",
      ])
  }

  @Test func aLedgerWithoutReasonsReadsAsBefore() throws {
    let line =
      #"{"v":1,"id":"e1","at":"2026-11-26T12:00:00.000Z","actor":"ana","kind":"promise.delivered","promise":"p","accepted":false,"note":null}"#
    guard case .event(let event) = try EventCoding.decode(line) else {
      Issue.record("not read")
      return
    }
    #expect(EventCoding.line(for: event) == line, "no reason field is written where none was given")
  }
}
