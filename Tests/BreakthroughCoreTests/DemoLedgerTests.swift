import BreakthroughCore
import Foundation
import Testing

@Suite struct DemoLedgerTests {
  static let now = Timestamp.parse("2026-11-26T12:00:00.000Z") ?? Date()
  static let zone = TimeZone(identifier: "UTC") ?? .current

  static func ledger() -> LedgerState {
    var state = LedgerState()
    for event in DemoLedger.events(now: now, zone: zone) { state.apply(event) }
    return state
  }

  @Test func aTeamOfFiveWithPromisesInEveryState() {
    let state = Self.ledger()
    #expect(state.people.count == 5)
    #expect(state.people.contains { DisplayWidth.of($0.text) > $0.text.count }, "a name with wide characters")
    #expect((40...60).contains(state.promises.count))
    let states = Set(state.promises.readEach().map(\.state))
    for wanted: PromiseState in [.open, .delivered, .kept, .notKept, .renegotiated, .revoked, .released] {
      #expect(states.contains(wanted), "no \(wanted) promise")
    }
    let now = LocalMoment(Self.now, in: Self.zone)
    #expect(state.promises.readEach().contains { $0.isOverdue(at: now) })
    #expect(state.currentBreakthrough != nil)
    #expect(state.leftOut.isEmpty)
  }

  @Test func historyRunsForwardAndNothingHappensInTheFuture() {
    for promise in Self.ledger().promises.readEach() {
      let times = promise.history.map(\.at)
      #expect(times == times.sorted(), "\(promise.label) has history out of order")
      #expect(times.allSatisfy { $0 <= Self.now }, "\(promise.label) has history in the future")
      #expect(promise.by.day >= LocalMoment(promise.madeAt, in: Self.zone).day, "\(promise.label) was due before it was made")
    }
  }
}
