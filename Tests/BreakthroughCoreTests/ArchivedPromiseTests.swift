import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughCore

/// A ledger opened from a snapshot keeps its closed promises as their records: they read,
/// count, move and are saved again exactly as built ones.
@Suite struct ArchivedPromiseTests {
  static func demo() -> (state: LedgerState, now: Date, zone: TimeZone) {
    let zone = TimeZone(identifier: "Europe/Berlin") ?? .current
    let now = Timestamp.parse("2026-11-26T12:00:00.000Z") ?? Date()
    var state = LedgerState()
    for event in DemoLedger.events(now: now, zone: zone) { state.apply(event) }
    return (state, now, zone)
  }

  @Test func closedPromisesOpenAsTheirRecordsAndReadAsBuilt() throws {
    for folded in [try SnapshotTests.richFixture().state, Self.demo().state] {
      let restored = try SnapshotTests.roundTrip(folded)
      #expect(restored.promises.count == folded.promises.count)
      var archived = 0
      for position in folded.promises.indices {
        let built = folded.promises[position]
        // Closed ones stay records; running ones are built.
        #expect((restored.promises.archivedRecord(at: position) != nil) == built.state.isClosed)
        if restored.promises.archivedRecord(at: position) != nil { archived += 1 }
        #expect(restored.promises.state(at: position) == built.state)
        #expect(restored.promises.isClosed(at: position) == built.state.isClosed)
        #expect(restored.promises.number(at: position) == built.number)
        #expect(restored.promises.closedAt(at: position) == built.closedAt)
        #expect(restored.promises.id(at: position) == built.id)
        #expect(restored.promises.hasElement(at: position) == (built.terms.element != nil))
        let facts = restored.promises.facts(at: position)
        let expected = PromiseFacts(built)
        #expect(
          facts.performer == expected.performer && facts.breakthrough == expected.breakthrough && facts.madeAt == expected.madeAt
            && facts.state == expected.state && facts.by == expected.by && facts.deliveredAt == expected.deliveredAt
            && facts.closedAt == expected.closedAt)
        #expect(restored.promise(id: built.id)?.number == built.number)
      }
      #expect(archived > 0, "the ledger has closed promises to keep as records")
      #expect(SnapshotTests.fingerprint(restored) == SnapshotTests.fingerprint(folded))
    }
  }

  @Test func measuresCountArchivedPromisesAsBuiltOnes() throws {
    let (folded, now, zone) = Self.demo()
    let restored = try SnapshotTests.roundTrip(folded)
    for day in [-30, 0, 3, 40] {
      let at = now.addingTimeInterval(Double(day) * 86_400)
      let fresh = Measures(folded, now: at, zone: zone)
      let read = Measures(restored, now: at, zone: zone)
      #expect(read.team == fresh.team)
      #expect(read.people.map(\.person) == fresh.people.map(\.person))
      #expect(read.people.map(\.figures) == fresh.people.map(\.figures))
      #expect(read.breakthrough?.linked == fresh.breakthrough?.linked)
      #expect(read.breakthrough?.linkedPromises == fresh.breakthrough?.linkedPromises)
    }
  }

  @Test func undoingTheLastMoveOfAnArchivedPromiseBuildsItForGood() throws {
    var fixture = try SnapshotTests.richFixture()
    var restored = fixture
    restored.state = try SnapshotTests.roundTrip(fixture.state)
    let position = try #require(restored.state.position(ofID: fixture.promise(1).id))
    #expect(restored.state.promises.archivedRecord(at: position) != nil)
    // P1 was delivered, then accepted: the acceptance is taken back on both.
    try fixture.undo(1, fixture.promise(1).lastEventID)
    try restored.undo(1, restored.promise(1).lastEventID)
    #expect(restored.promise(1).state == .delivered)
    #expect(restored.state.promises.archivedRecord(at: position) == nil)
    #expect(SnapshotTests.fingerprint(restored.state) == SnapshotTests.fingerprint(fixture.state))
    // Saved again, the records still archived (P2, P4, P5 and P6) are copied as they are beside the rebuilt one.
    let again = try SnapshotTests.roundTrip(restored.state)
    #expect(SnapshotTests.fingerprint(again) == SnapshotTests.fingerprint(fixture.state))
    let closed = again.promises.indices.filter { again.promises.isClosed(at: $0) }
    #expect(closed.count == 4 && closed.allSatisfy { again.promises.archivedRecord(at: $0) != nil })
  }
}

extension ArchivedPromiseTests {
  @Test func movesOnAnOpenedLedgerWhileEarlierStatesAreHeld() throws {
    var fixture = LedgerFixture()
    for number in 1...300 { try fixture.promise("Promise \(number)", dueIn: number % 5) }
    for number in stride(from: 1, through: 300, by: 2) {
      try fixture.move(number, as: "ana") { (state, promise, context) throws(Refusal) in
        try state.deliver(promise, accepted: false, note: nil, context: context)
      }
      try fixture.move(number, as: "ben") { (state, promise, context) throws(Refusal) in
        try state.accept(promise, note: nil, context: context)
      }
    }
    fixture.state = try SnapshotTests.roundTrip(fixture.state)
    var held: [LedgerState] = []
    for round in 0..<200 {
      held.append(fixture.state)
      let made = try fixture.promise("Round \(round)", dueIn: 3)
      held.append(fixture.state)
      try fixture.undo(made, fixture.promise(made).lastEventID)
      #expect(fixture.promise(made).state == .withdrawn)
      if round % 10 == 0 { try fixture.undo(1 + 2 * round / 10, fixture.promise(1 + 2 * round / 10).lastEventID) }
    }
    #expect(held.count == 400)
  }
}
