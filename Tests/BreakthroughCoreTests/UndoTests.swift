import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

@Suite struct UndoTests {
  @Test func undoingADeliveryReopensThePromise() throws {
    var fixture = LedgerFixture()
    try fixture.promise()
    let delivered = try fixture.move(1, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.deliver(promise, accepted: false, note: nil, context: context)
    }
    try fixture.undo(1, delivered.events.first?.id)
    #expect(fixture.promise(1).state == .open)
    #expect(fixture.promise(1).deliveredAt == nil)
    #expect(fixture.promise(1).history.last?.summary.hasPrefix("undone") == true)
  }

  @Test func undoingARenegotiationWithdrawsTheReplacement() throws {
    var fixture = LedgerFixture()
    try fixture.promise(dueIn: 5)
    let newBy = ByWhen(day: fixture.today.adding(days: 9))
    let renegotiation = try fixture.move(1, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.renegotiate(promise, by: newBy, what: nil, note: nil, context: context)
    }
    try fixture.undo(1, renegotiation.events.first?.id)
    #expect(fixture.promise(1).state == .open)
    #expect(fixture.promise(1).replacedBy == nil)
    #expect(fixture.promise(2).state == .withdrawn)
    let measures = Measures(fixture.state, now: fixture.now, zone: fixture.zone)
    #expect(measures.team.open == 1, "a withdrawn promise counts nowhere")
  }

  @Test func undoingAMadePromiseWithdrawsIt() throws {
    var fixture = LedgerFixture()
    let by = ByWhen(day: fixture.today.adding(days: 2))
    let outcome = try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.makePromise(what: "Oops", to: handle("ben"), by: by, context: context)
    }
    try fixture.undo(1, outcome.events.first?.id)
    #expect(fixture.promise(1).state == .withdrawn)
    #expect(fixture.state.nextNumber == 2, "numbers are never reused")
  }

  @Test func aMoveSinceMakesTheUndoRefused() throws {
    var fixture = LedgerFixture()
    try fixture.promise()
    let confidence = try fixture.move(1, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.stateConfidence(promise, .atRisk, note: nil, context: context)
    }
    try fixture.move(1, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.deliver(promise, accepted: false, note: nil, context: context)
    }
    #expect(throws: Refusal.self) { try fixture.undo(1, confidence.events.first?.id) }
    #expect(fixture.promise(1).state == .delivered)
  }

  @Test func anUndoLineRoundTripsThroughTheLedgerFormat() throws {
    let event = Event(id: "e2", at: fixtureDate, actor: handle("ana"), body: .undone(event: "e1", promise: "p1"))
    let line = EventCoding.line(for: event)
    guard case .event(let decoded) = try EventCoding.decode(line), case .undone(let undone, let promise) = decoded.body else {
      Issue.record("did not round-trip: \(line)")
      return
    }
    #expect(undone == "e1")
    #expect(promise == "p1")
  }

  var fixtureDate: Date { LedgerFixture().now }
}
