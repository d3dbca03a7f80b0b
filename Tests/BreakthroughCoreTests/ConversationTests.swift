import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// Requests and offers, the roll, and what the breakthrough will take: every transition, who may
/// make it, and that none of it touches the measures of promises.
@Suite struct ConversationTests {
  typealias Kind = BreakthroughCore.Move.Kind

  /// A fixture with a breakthrough declared by ana.
  static func declared() throws -> LedgerFixture {
    var fixture = LedgerFixture()
    try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.outcome(of: .declare(statement: "Three teams", by: ByWhen(day: context.localNow.day.adding(days: 90))), context: context)
    }
    return fixture
  }

  @discardableResult
  static func make(_ fixture: inout LedgerFixture, _ actor: String, _ move: BreakthroughCore.Move) throws(Refusal) -> MoveOutcome {
    try fixture.perform(actor) { (state, context) throws(Refusal) in try state.outcome(of: move, context: context) }
  }

  static func day(_ fixture: LedgerFixture, _ offset: Int) -> ByWhen { ByWhen(day: fixture.today.adding(days: offset)) }

  /// ana asks ben: R1, waiting on ben.
  static func asked(replyBy: Int? = nil) throws -> (LedgerFixture, String) {
    var fixture = try declared()
    try make(
      &fixture, "ana",
      .request(what: "Draft the contract", of: handle("ben"), by: day(fixture, 5), replyBy: replyBy.map { day(fixture, $0) }))
    return (fixture, try #require(fixture.state.conversations.requests.last).id)
  }

  /// The request a move names, in each state the conversation can be in, with who may answer.
  static func requestIn(_ state: RequestState) throws -> (LedgerFixture, String) {
    var (fixture, id) = try asked()
    switch state {
    case .asked: break
    case .offered: try make(&fixture, "ben", .counter(request: id, by: day(fixture, 9), what: nil, note: "legal is slow"))
    case .promised: try make(&fixture, "ben", .promiseAsAsked(request: id))
    case .declined: try make(&fixture, "ben", .decline(request: id, note: "not mine"))
    case .withdrawn: try make(&fixture, "ana", .withdraw(request: id))
    }
    return (fixture, id)
  }

  static func move(_ kind: Kind, on id: String, in fixture: LedgerFixture) -> BreakthroughCore.Move? {
    switch kind {
    case .promiseAsAsked: return .promiseAsAsked(request: id)
    case .acceptOffer: return .acceptOffer(request: id)
    case .counter: return .counter(request: id, by: day(fixture, 12), what: nil, note: "a week later works")
    case .decline: return .decline(request: id, note: "no room this month")
    case .withdraw: return .withdraw(request: id)
    default: return nil
    }
  }

  @Test(arguments: RequestState.allCases, ["ana", "ben", "cy"])
  func aRequestMoveIsOfferedIfAndOnlyIfItIsAccepted(state: RequestState, actor: String) throws {
    let (fixture, id) = try Self.requestIn(state)
    let request = try #require(fixture.state.conversations.request(id: id))
    #expect(request.state == state)
    let allowed = fixture.state.allowedMoves(for: request, actor: handle(actor))
    for kind in Kind.onRequest {
      let move = try #require(Self.move(kind, on: id, in: fixture))
      var copy = fixture
      let accepted = (try? Self.make(&copy, actor, move)) != nil
      #expect(allowed.contains(kind) == accepted, "\(kind) by \(actor) on a request \(state)")
    }
    // Who may do what, by the table: asked → ben answers, ana withdraws; offered → the reverse.
    let expected: [Kind] =
      switch (state, actor) {
      case (.asked, "ben"): [.promiseAsAsked, .counter, .decline]
      case (.asked, "ana"): [.withdraw]
      case (.offered, "ana"): [.acceptOffer, .counter, .decline]
      case (.offered, "ben"): [.withdraw]
      default: []
      }
    #expect(allowed == expected)
  }

  @Test func aRefusedAnswerSaysWhoMayAndChangesNothing() throws {
    var (fixture, id) = try Self.asked()
    let before = fixture.state.eventCount
    #expect(throws: Refusal.self) { try Self.make(&fixture, "cy", .promiseAsAsked(request: id)) }
    do {
      try Self.make(&fixture, "ana", .promiseAsAsked(request: id))
      Issue.record("ana cannot promise what she asked for")
    } catch {
      #expect(error.message.contains("only ben, who must answer it, can promise it as asked; you are acting as ana"))
    }
    do {
      try Self.make(&fixture, "ben", .decline(request: id, note: "  "))
      Issue.record("a decline without a reason")
    } catch { #expect(error.message.contains("note (why not) is empty")) }
    #expect(fixture.state.eventCount == before)
  }

  @Test func undoingAPromiseThatAnsweredARequestLeavesTheRequestWaitingAgain() throws {
    func undo(_ made: MoveOutcome, as actor: String, in fixture: inout LedgerFixture) throws {
      let event = try #require(made.events.first { if case .made = $0.body { return true } else { return false } })
      try Self.make(&fixture, actor, .undo(event: event.id, promise: event.body.promiseID ?? "", summary: "P1"))
    }
    // Promised as asked by ben, undone by ben: it waits on ben again.
    var (asked, askedID) = try Self.asked()
    try undo(try Self.make(&asked, "ben", .promiseAsAsked(request: askedID)), as: "ben", in: &asked)
    var request = try #require(asked.state.conversations.request(id: askedID))
    #expect(request.state == .asked && request.promise == nil && request.closedAt == nil)
    #expect(
      asked.state.conversations.waiting(on: handle("ben"), at: LocalMoment(asked.now, in: asked.zone)).map(\.id) == [askedID])
    #expect(asked.state.promise(number: 1)?.state == .withdrawn)
    #expect(request.history.last?.summary == "P1 undone: waiting for an answer again")
    // ben countered, ana accepted, ana undid it: it waits on ana again, on the countered terms.
    var (offered, offeredID) = try Self.requestIn(.offered)
    try undo(try Self.make(&offered, "ana", .acceptOffer(request: offeredID)), as: "ana", in: &offered)
    request = try #require(offered.state.conversations.request(id: offeredID))
    #expect(request.state == .offered && request.waitsOn == handle("ana") && request.by == Self.day(offered, 9))
    // And it can be answered again: the new promise links to it.
    try Self.make(&offered, "ana", .acceptOffer(request: offeredID))
    #expect(offered.state.conversations.request(id: offeredID)?.promise == offered.state.promise(number: 2)?.id)
  }

  @Test func askCounterAcceptMakesThePromiseOnTheCounteredTermsLinkedBothWays() throws {
    var (fixture, id) = try Self.asked(replyBy: 1)
    #expect(
      fixture.state.conversations.waiting(on: handle("ben"), at: LocalMoment(fixture.now, in: fixture.zone)).map(\.id) == [id])
    try Self.make(&fixture, "ben", .counter(request: id, by: Self.day(fixture, 9), what: "Draft the contract's first half", note: "legal"))
    var request = try #require(fixture.state.conversations.request(id: id))
    #expect(request.state == .offered && request.waitsOn == handle("ana") && request.proposal == "ben countered")
    #expect(request.by == Self.day(fixture, 9) && request.what == "Draft the contract's first half")
    try Self.make(&fixture, "ana", .acceptOffer(request: id))
    request = try #require(fixture.state.conversations.request(id: id))
    let promise = try #require(fixture.state.promise(number: 1))
    #expect(request.state == .promised && request.promise == promise.id && promise.terms.request == id)
    #expect(promise.performer == handle("ben") && promise.customer == handle("ana"))
    #expect(promise.by == Self.day(fixture, 9) && promise.what == "Draft the contract's first half")
    #expect(fixture.state.conversations.medianTimeToAnswer == 0, "countered at once")
  }

  @Test func anAnswerIsOverduePastItsReplyByAndARequestPastItsByWhenCannotBePromisedAsAsked() throws {
    var (fixture, id) = try Self.asked(replyBy: 1)
    fixture.advance(days: 2)
    let now = LocalMoment(fixture.now, in: fixture.zone)
    #expect(try #require(fixture.state.conversations.request(id: id)).isAnswerOverdue(at: now))
    fixture.advance(days: 4)
    do {
      try Self.make(&fixture, "ben", .promiseAsAsked(request: id))
      Issue.record("promised past its by-when")
    } catch { #expect(error.message.contains("which has passed: counter it with a new by-when")) }
    try Self.make(&fixture, "ben", .counter(request: id, by: Self.day(fixture, 3), what: nil, note: "next week"))
    try Self.make(&fixture, "ana", .acceptOffer(request: id))
    #expect(fixture.state.promises.count == 1)
  }

  @Test func requestsNeverTouchTheMeasuresOfPromises() throws {
    var fixture = try Self.declared()
    try fixture.promise("A real promise", from: "ana", to: "ben", dueIn: 1)
    let before = Measures(fixture.state, now: fixture.now, zone: fixture.zone)
    for number in 1...5 {
      try Self.make(
        &fixture, "ben", .request(what: "Ask \(number)", of: handle("ana"), by: Self.day(fixture, 1), replyBy: Self.day(fixture, 0))
      )
    }
    let ids = fixture.state.conversations.requests.map(\.id)
    try Self.make(&fixture, "ana", .decline(request: ids[0], note: "no"))
    try Self.make(&fixture, "ben", .withdraw(request: ids[1]))
    fixture.advance(days: 3)
    let after = Measures(fixture.state, now: fixture.now, zone: fixture.zone)
    let unchanged = Measures(Self.withoutConversations(fixture.state, zone: fixture.zone), now: fixture.now, zone: fixture.zone)
    #expect(after.team == unchanged.team)
    #expect(after.team.cameDue == 1 && before.team.open == 1, "only the promise counts")
  }

  /// The same ledger with only its promise events, folded again.
  static func withoutConversations(_ state: LedgerState, zone: TimeZone) -> LedgerState {
    var plain = LedgerState()
    for promise in state.promises.readEach() {
      var terms = promise.terms
      terms.breakthrough = nil
      plain.apply(Event(id: "m-\(promise.id)", at: promise.madeAt, actor: promise.performer, body: .made(terms)))
    }
    return plain
  }

  @Test func theRollStartsWithTheDeclarerAndARevisionAsksEveryoneAgain() throws {
    var fixture = try Self.declared()
    #expect(fixture.state.conversations.roll.summary == "In: 1 of 1")
    try fixture.promise("Named by a promise", from: "ben", to: "cy", dueIn: 3)
    #expect(fixture.state.conversations.roll.summary == "In: 1 of 3 (not yet: ben, cy)")
    try Self.make(&fixture, "ben", .enroll())
    try Self.make(&fixture, "cy", .notYet(note: "a clear owner for support"))
    #expect(fixture.state.conversations.roll.summary == "In: 2 of 3 (not yet: cy)")
    #expect(fixture.state.conversations.roll.standing(of: handle("cy")) == .notYet(said: "a clear owner for support"))
    #expect(throws: Refusal.self) { try Self.make(&fixture, "ben", .enroll()) }
    #expect(throws: Refusal.self) { try Self.make(&fixture, "cy", .unenroll(note: "never was in")) }
    #expect(throws: Refusal.self) { try Self.make(&fixture, "cy", .notYet(note: " ")) }
    try Self.make(&fixture, "ben", .unenroll(note: "changed teams"))
    #expect(fixture.state.conversations.roll.standing(of: handle("ben")) == .unenrolled(said: "changed teams"))
    try Self.make(&fixture, "ben", .enroll())
    // Only the declarer revises the breakthrough in force.
    do {
      try Self.make(&fixture, "cy", .declare(statement: "Four teams", by: Self.day(fixture, 120)))
      Issue.record("cy revised ana's breakthrough")
    } catch {
      #expect(error.message == "only ana, who declared the breakthrough in force, can revise it; you are acting as cy; nothing changed")
    }
    // A revision: a new roll; ben, who was in, is asked again; the reviser is in.
    try Self.make(&fixture, "ana", .declare(statement: "Four teams", by: Self.day(fixture, 120)))
    let roll = fixture.state.conversations.roll
    #expect(roll.breakthrough == fixture.state.currentBreakthrough?.id)
    #expect(roll.summary == "In: 1 of 3 (not yet: ben, cy)")
    #expect(roll.entries.first { $0.person == handle("ben") }?.wasInBefore == true)
    #expect(roll.entries.first { $0.person == handle("ana") }?.standing == .enrolled)
  }

  @Test func coverageInEachCaseAndThroughAChainOfReplacements() throws {
    var fixture = try Self.declared()
    for what in ["Covered", "At risk", "Nothing promised", "Met", "Dropped"] { try Self.make(&fixture, "ana", .addElement(what: what)) }
    let elements = fixture.state.conversations.elements
    func coverage(_ index: Int) -> Coverage {
      fixture.state.coverage(of: fixture.state.conversations.elements[index], at: LocalMoment(fixture.now, in: fixture.zone))
    }
    #expect((0..<5).map(coverage) == Array(repeating: .nothingPromised, count: 5))
    #expect(fixture.state.coverageRate(at: LocalMoment(fixture.now, in: fixture.zone)) == 0)
    try Self.make(&fixture, "ben", .make(what: "For E1", to: handle("ana"), by: Self.day(fixture, 10), element: elements[0].id))
    try Self.make(&fixture, "ben", .make(what: "For E2", to: handle("ana"), by: Self.day(fixture, 1), element: elements[1].id))
    try Self.make(
      &fixture, "ana", .request(what: "Ask for E3", of: handle("ben"), by: Self.day(fixture, 4), element: elements[2].id))
    try Self.make(&fixture, "ana", .meetElement(element: elements[3].id, note: "done"))
    try Self.make(&fixture, "ana", .dropElement(element: elements[4].id, note: "not needed"))
    #expect(throws: Refusal.self) { try Self.make(&fixture, "ana", .dropElement(element: elements[3].id, note: "again")) }
    #expect(throws: Refusal.self) {
      try Self.make(
        &fixture, "ben", .make(what: "For a met one", to: handle("ana"), by: Self.day(fixture, 3), element: elements[3].id))
    }
    fixture.advance(days: 2)
    #expect((0..<5).map(coverage) == [.covered, .atRisk, .nothingPromised, .met, .dropped], "a request alone does not cover E3")
    let now = LocalMoment(fixture.now, in: fixture.zone)
    #expect(fixture.state.coverageRate(at: now) == 2.0 / 3.0)
    #expect(fixture.state.elementsSummary(at: now) == "What it will take: 4 — 1 met · 1 promised · 1 at risk · 1 nothing promised yet")
    #expect(fixture.state.elementsByNeed(at: now).map(\.element.what) == ["Nothing promised", "At risk", "Covered", "Met", "Dropped"])
    // Not kept with a replacement, then the replacement renegotiated: the chain still covers E2.
    let overdue = try #require(fixture.state.promise(number: 2))
    try Self.make(
      &fixture, "ben",
      .notKept(
        promise: overdue.id, note: "sick", replacement: .init(what: "For E2 again", by: Self.day(fixture, 3)), reason: "people"))
    let replacement = try #require(fixture.state.promise(number: 3))
    #expect(replacement.terms.element == elements[1].id)
    try Self.make(&fixture, "ben", .renegotiate(promise: replacement.id, by: Self.day(fixture, 8)))
    let last = try #require(fixture.state.promise(number: 4))
    #expect(last.terms.element == elements[1].id)
    #expect(coverage(1) == .covered)
    #expect(fixture.state.promises(covering: fixture.state.conversations.elements[1]).map(\.label) == ["P2", "P3", "P4"])
  }

  @Test func conversationLinesReadBackAsWritten() throws {
    var (fixture, id) = try Self.asked(replyBy: 1)
    try Self.make(&fixture, "ana", .addElement(what: "An element", by: Self.day(fixture, 30)))
    try Self.make(&fixture, "ben", .counter(request: id, by: nil, what: "Less", note: "why"))
    try Self.make(&fixture, "cy", .notYet(note: "time"))
    let state = fixture.state
    var again = LedgerState()
    for line in fixture.lines {
      guard case .event(let event) = try EventCoding.decode(line) else {
        Issue.record("not read back: \(line)")
        continue
      }
      again.apply(event)
    }
    #expect(SnapshotTests.fingerprint(again) == SnapshotTests.fingerprint(state))
    #expect(SnapshotTests.fingerprint(try SnapshotTests.roundTrip(state)) == SnapshotTests.fingerprint(state))
  }
}
