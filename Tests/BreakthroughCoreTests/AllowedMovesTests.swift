import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// What the core offers is exactly what it accepts: for every state, every person and every
/// kind of move, `allowedMoves` says yes if and only if the move itself is not refused.
@Suite struct AllowedMovesTests {
  @Test(arguments: PromiseState.allCases, ["ana", "ben", "cy"])
  func offeredIfAndOnlyIfAccepted(state: PromiseState, actor: String) throws {
    var fixture = try PromiseLifeTests.fixture(in: state)
    let p1 = fixture.promise(1)
    let allowed = fixture.state.allowedMoves(for: p1, actor: handle(actor))
    for kind in Move.Kind.onPromise {
      let move = Move.sample(kind: kind, on: p1, by: ByWhen(day: fixture.today.adding(days: 10)))
      let context = fixture.context(actor)
      let refusal: Refusal?
      do {
        _ = try fixture.state.outcome(of: move, context: context)
        refusal = nil
      } catch {
        refusal = error
      }
      #expect(
        allowed.contains(kind) == (refusal == nil),
        "\(actor) on a \(state) promise, \(kind): offered \(allowed.contains(kind)), refused: \(refusal?.message ?? "no")")
      #expect(fixture.state.refusal(of: kind, on: p1, actor: handle(actor), zone: fixture.zone) == refusal)
    }
  }

  @Test func eachPartyIsOfferedOnlyTheirOwnMoves() throws {
    let open = try PromiseLifeTests.fixture(in: .open)
    let p1 = open.promise(1)
    #expect(open.state.allowedMoves(for: p1, actor: handle("ana")) == [.deliver, .notKept, .renegotiate, .revoke, .confidence])
    #expect(open.state.allowedMoves(for: p1, actor: handle("ben")) == [.release])
    #expect(open.state.allowedMoves(for: p1, actor: handle("cy")).isEmpty)
    let delivered = try PromiseLifeTests.fixture(in: .delivered)
    #expect(delivered.state.allowedMoves(for: delivered.promise(1), actor: handle("ana")).isEmpty)
    #expect(delivered.state.allowedMoves(for: delivered.promise(1), actor: handle("ben")) == [.accept, .reject, .release])
  }

  @Test func aPromiseToYourselfOffersBothSides() throws {
    var fixture = LedgerFixture()
    let number = try fixture.promise(from: "ana", to: "ana", dueIn: 2)
    let allowed = fixture.state.allowedMoves(for: fixture.promise(number), actor: handle("ana"))
    #expect(allowed == [.deliver, .notKept, .renegotiate, .revoke, .release, .confidence])
  }

  @Test func nothingToDoSaysWhoseMoveItIs() throws {
    let open = try PromiseLifeTests.fixture(in: .open)
    #expect(
      open.state.whyNothingToDo(on: open.promise(1), actor: handle("cy"))
        == "waiting on ana: only ana can account for P1, and only ben can release it")
    let delivered = try PromiseLifeTests.fixture(in: .delivered)
    #expect(
      delivered.state.whyNothingToDo(on: delivered.promise(1), actor: handle("ana"))
        == "waiting on ben: only ben, to whom P1 was made, can accept or reject it")
    let kept = try PromiseLifeTests.fixture(in: .kept)
    #expect(kept.state.whyNothingToDo(on: kept.promise(1), actor: handle("ana")) == "P1 is kept: it is closed and stays as it is")
  }

  @Test func aRefusalForTheWrongPersonNamesTheRightOne() throws {
    var fixture = try PromiseLifeTests.fixture(in: .open)
    let context = fixture.context("ben")
    #expect(throws: Refusal("only ana, who made P1, can report it done; you are acting as ben; nothing changed")) {
      try fixture.state.outcome(of: .deliver(promise: fixture.promise(1).id, accepted: false), context: context)
    }
  }

  @Test func theBreakthroughCanBeAccountedOnlyWhileOneIsOpen() throws {
    var fixture = LedgerFixture()
    let ana = handle("ana")
    #expect(fixture.state.allowedBreakthroughMoves(actor: ana) == [.declare])
    let by = ByWhen(day: fixture.today.adding(days: 30))
    try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.outcome(of: .declare(statement: "Ship v1", by: by), context: context)
    }
    #expect(fixture.state.allowedBreakthroughMoves(actor: ana) == [.declare, .accountBreakthrough])
  }
}
