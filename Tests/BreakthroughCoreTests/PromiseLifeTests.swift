import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// Every state × every move: allowed moves give the right next state; refused ones change nothing.
@Suite struct PromiseLifeTests {
  /// The person whose move `kind` is on P1, which ana made to ben.
  static func actor(of kind: Move.Kind) -> String {
    kind.rule?.party == .customer ? "ben" : "ana"
  }

  /// Makes a move of `kind` on P1 as its party, through `outcome(of:)` as the product does.
  static func make(_ kind: Move.Kind, in fixture: inout LedgerFixture) throws(Refusal) {
    let move = Move.sample(kind: kind, on: fixture.promise(1), by: ByWhen(day: fixture.today.adding(days: 10)))
    try fixture.perform(move, as: actor(of: kind))
  }

  /// A fixture holding P1 in `state`, reached through the moves people make.
  static func fixture(in state: PromiseState) throws -> LedgerFixture {
    var fixture = LedgerFixture()
    let by = ByWhen(day: fixture.today.adding(days: 3))
    let made = try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.makePromise(what: "Ship it", to: handle("ben"), by: by, context: context)
    }
    let steps: [Move.Kind]
    switch state {
    case .withdrawn:
      steps = []
      let madeID = made.events.first?.id ?? ""
      try fixture.move(1, as: "ana") { (state, promise, context) throws(Refusal) in
        try state.undo(eventID: madeID, on: promise, what: "P1", context: context)
      }
    case .open: steps = []
    case .delivered: steps = [.deliver]
    case .kept: steps = [.deliver, .accept]
    case .notKept: steps = [.notKept]
    case .renegotiated: steps = [.renegotiate]
    case .revoked: steps = [.revoke]
    case .released: steps = [.release]
    }
    for step in steps { try make(step, in: &fixture) }
    #expect(fixture.promise(1).state == state)
    return fixture
  }

  static let allowed: [PromiseState: [Move.Kind: PromiseState]] = [
    .open: [
      .deliver: .delivered, .notKept: .notKept, .renegotiate: .renegotiated, .revoke: .revoked,
      .release: .released, .confidence: .open,
    ],
    .delivered: [.accept: .kept, .reject: .open, .release: .released],
  ]

  @Test(arguments: PromiseState.allCases, Move.Kind.onPromise)
  func move(from state: PromiseState, _ move: Move.Kind) throws {
    var fixture = try Self.fixture(in: state)
    let before = fixture.state
    let expected = Self.allowed[state]?[move]
    do {
      try Self.make(move, in: &fixture)
      #expect(expected != nil, "\(move) from \(state) should have been refused")
      #expect(fixture.promise(1).state == expected)
    } catch {
      #expect(expected == nil, "\(move) from \(state) was refused: \(error.message)")
      #expect(error.message.contains("P1 is"))
      #expect(error.message.hasSuffix("nothing changed"))
      #expect(fixture.state.eventCount == before.eventCount)
      #expect(fixture.promise(1).state == state)
      #expect(fixture.state.promises.count == before.promises.count)
    }
  }

  @Test func refusalOfAKeptPromiseSaysWhoAcceptedItAndWhen() throws {
    var fixture = try Self.fixture(in: .kept)
    let p1 = fixture.promise(1)
    #expect(throws: Refusal.self) {
      try fixture.perform("ben") { (state, context) throws(Refusal) in try state.accept(p1, note: nil, context: context) }
    }
    do {
      _ = try fixture.state.accept(p1, note: nil, context: fixture.context("ben"))
    } catch {
      #expect(error.message.hasPrefix("P1 is already kept (accepted by ben on 2026-11-26)"))
    }
  }

  @Test func onlyThePerformerReportsDoneAndOnlyTheCustomerAccepts() throws {
    var fixture = LedgerFixture()
    try fixture.promise()
    let p1 = fixture.promise(1)
    #expect(throws: Refusal("only ana, who made P1, can report it done; you are acting as ben; nothing changed")) {
      try fixture.perform("ben") { (state, context) throws(Refusal) in try state.deliver(p1, accepted: false, note: nil, context: context) }
    }
    try fixture.perform("ana") { (state, context) throws(Refusal) in try state.deliver(p1, accepted: false, note: nil, context: context) }
    let delivered = fixture.promise(1)
    #expect(throws: Refusal.self) {
      try fixture.perform("ana") { (state, context) throws(Refusal) in try state.accept(delivered, note: nil, context: context) }
    }
    #expect(fixture.promise(1).state == .delivered)
  }

  @Test func doneIsKeptAtOnceWhenAcceptedOrWhenPerformerIsCustomer() throws {
    var fixture = LedgerFixture()
    try fixture.promise(to: "ben")
    try fixture.promise(to: "ana")
    let p1 = fixture.promise(1)
    let p2 = fixture.promise(2)
    try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.deliver(p1, accepted: true, note: "in the meeting", context: context)
    }
    try fixture.perform("ana") { (state, context) throws(Refusal) in try state.deliver(p2, accepted: false, note: nil, context: context) }
    #expect(fixture.promise(1).state == .kept)
    #expect(fixture.promise(2).state == .kept)
  }

  @Test func rejectionReopensAndNeedsANote() throws {
    var fixture = try Self.fixture(in: .delivered)
    let p1 = fixture.promise(1)
    #expect(throws: Refusal.self) {
      try fixture.perform("ben") { (state, context) throws(Refusal) in try state.reject(p1, note: "  ", context: context) }
    }
    try fixture.perform("ben") { (state, context) throws(Refusal) in try state.reject(p1, note: "no totals", context: context) }
    #expect(fixture.promise(1).state == .open)
    #expect(fixture.promise(1).deliveredAt == nil)
    #expect(fixture.promise(1).history.last?.note == "no totals")
  }

  @Test func renegotiationBeforeTheByWhenLinksANewPromiseBothWays() throws {
    var fixture = LedgerFixture()
    try fixture.promise(dueIn: 2)
    let p1 = fixture.promise(1)
    let newBy = ByWhen(day: fixture.today.adding(days: 9))
    let outcome = try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.renegotiate(p1, by: newBy, what: nil, note: "scope grew", context: context)
    }
    #expect(outcome.summary.contains("renegotiated with notice; P2 replaces it"))
    let old = fixture.promise(1)
    let new = fixture.promise(2)
    #expect(old.state == .renegotiated)
    #expect(new.state == .open)
    #expect(new.what == old.what)
    #expect(old.replacedBy == new.id)
    #expect(new.replaces == old.id)
    #expect(fixture.state.chain(of: old).map(\.number) == [1, 2])
    #expect(fixture.state.chain(of: new).map(\.number) == [1, 2])
    var clock = LocalClock(fixture.zone)
    #expect(old.wasClosedWithNotice(on: &clock))
  }

  @Test func renegotiationAfterTheByWhenIsRecordedAsNotKeptPlusTheReplacement() throws {
    var fixture = LedgerFixture()
    try fixture.promise(dueIn: 1)
    fixture.advance(days: 3)
    let p1 = fixture.promise(1)
    let newBy = ByWhen(day: fixture.today.adding(days: 4))
    let outcome = try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.renegotiate(p1, by: newBy, what: "Ship half of it", note: nil, reason: "underestimated", context: context)
    }
    #expect(outcome.summary.contains("so it is recorded as not kept; P2 replaces it"))
    #expect(fixture.promise(1).state == .notKept)
    #expect(fixture.promise(1).wasRenegotiatedLate)
    #expect(fixture.promise(2).what == "Ship half of it")
    #expect(fixture.promise(2).replaces == fixture.promise(1).id)
  }

  @Test func notKeptWithAReplacementChainsThreeDeep() throws {
    var fixture = LedgerFixture()
    try fixture.promise()
    for number in 1...2 {
      let promise = fixture.promise(number)
      let newBy = ByWhen(day: fixture.today.adding(days: 5))
      try fixture.perform("ana") { (state, context) throws(Refusal) in
        try state.accountNotKept(
          promise, note: "blocked", then: Move.Replacement(what: "Try again", by: newBy), reason: "prerequisite", context: context)
      }
    }
    #expect(fixture.state.chain(of: fixture.promise(2)).map(\.number) == [1, 2, 3])
    #expect(fixture.promise(3).state == .open)
    #expect(fixture.promise(3).performer.text == "ana")
    #expect(fixture.promise(3).customer.text == "ben")
  }

  @Test func unknownNumbersAreRefusedWithTheRange() throws {
    var fixture = LedgerFixture()
    try fixture.promise()
    #expect(throws: Refusal("there is no promise P7: numbers go from P1 to P1; see `breakthrough list --all`")) {
      _ = try fixture.state.promise(named: "P7")
    }
    #expect(throws: Refusal.self) { _ = try fixture.state.promise(named: "seven") }
    #expect(try fixture.state.promise(named: "p1").number == 1)
    #expect(try fixture.state.promise(named: "1").number == 1)
  }

  @Test func emptyTextIsRefused() throws {
    var fixture = LedgerFixture()
    #expect(throws: Refusal("the what is empty: say it in one sentence")) { try fixture.promise("   ") }
    #expect(fixture.state.eventCount == 0)
  }

  @Test func atRiskCloseToTheByWhenPromptsARenegotiation() throws {
    var fixture = LedgerFixture()
    try fixture.promise(dueIn: 2)
    try fixture.promise(dueIn: 5)
    let soon = fixture.promise(1)
    let later = fixture.promise(2)
    let near = try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.stateConfidence(soon, .offTrack, note: nil, context: context)
    }
    let far = try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.stateConfidence(later, .atRisk, note: nil, context: context)
    }
    #expect(near.summary.contains("renegotiate now, while you still can"))
    #expect(!far.summary.contains("renegotiate"))
    #expect(fixture.promise(1).confidence == .offTrack)
  }

  @Test func atRiskPastTheByWhenSaysARenegotiationIsRecordedAsNotKept() throws {
    var fixture = LedgerFixture()
    try fixture.promise(dueIn: 1)
    fixture.advance(days: 3)
    let late = fixture.promise(1)
    let stated = try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.stateConfidence(late, .atRisk, note: nil, context: context)
    }
    #expect(!stated.summary.contains("while you still can"))
    #expect(stated.summary.contains("renegotiating now records it as not kept"))
  }

  @Test func aClosedPromiseIsNotCountedLateAfterItClosed() throws {
    // Every state, looked at long after the by-when: only an open promise is still late.
    for state in PromiseState.allCases {
      var fixture = try Self.fixture(in: state)
      fixture.advance(days: 40)
      let words = fixture.promise(1).byWords(at: LocalMoment(fixture.now, in: fixture.zone))
      #expect(words.contains("late") == (state == .open), "\(state): \(words)")
    }
  }
}
