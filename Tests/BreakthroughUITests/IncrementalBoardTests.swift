import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughUI

/// The board follows a move by what it changed (measures taken out and added back, rows
/// inserted and removed by search); these tests hold it to a fresh computation over the whole
/// ledger after thousands of random moves, batches from another writer, filters, grouping and
/// the clock passing by-whens.
@Suite struct IncrementalBoardTests {
  static let people = ["ana", "ben", "cy", "dee"]

  /// The ledger the moves are made on, the moment, and what can be undone.
  struct World {
    var ledger = LedgerState()
    var now = BoardHarness.now
    var random: SeededGenerator
    /// Recent moves on promises: (event, promise), what `undo` may name.
    var recent: [(event: String, promise: String)] = []
    var refused = 0

    var today: CalendarDay { LocalMoment(now, in: BoardHarness.zone).day }

    mutating func person() -> Handle { handle(IncrementalBoardTests.people.randomElement(using: &random) ?? "ana") }

    /// A by-when near today: past, today with a time before or after now, or ahead.
    mutating func byWhen() -> ByWhen {
      let day = today.adding(days: Int.random(in: -3...6, using: &random))
      let hasTime = Bool.random(using: &random)
      return ByWhen(day: day, minuteOfDay: hasTime ? Int.random(in: 0..<(24 * 60), using: &random) : nil)
    }

    /// Makes `move` as `actor` if the ledger accepts it; folds its events in.
    mutating func perform(_ move: Move, as actor: Handle) {
      do {
        let outcome = try ledger.outcome(of: move, context: MoveContext(actor: actor, now: now, zone: BoardHarness.zone))
        for event in outcome.events {
          ledger.apply(event)
          if let promise = event.body.promiseID { recent = Array((recent + [(event.id, promise)]).suffix(8)) }
        }
      } catch {
        refused += 1
      }
    }

    /// One random move: a new promise, a move on a promise by someone it allows, an undo, and
    /// now and then a breakthrough declared again.
    mutating func randomMove() {
      let roll = Int.random(in: 0..<100, using: &random)
      if roll < 25 || ledger.promises.isEmpty {
        let performer = person()
        perform(.make(what: "ship the pilot \(ledger.nextNumber)", to: person(), by: byWhen()), as: performer)
      } else if roll < 85 {
        let promise = ledger.promises.promise(at: Int.random(in: 0..<ledger.promises.count, using: &random))
        let actor = Bool.random(using: &random) ? promise.performer : promise.customer
        guard let kind = ledger.allowedMoves(for: promise, actor: actor).randomElement(using: &random) else { return }
        perform(move(kind, on: promise), as: actor)
      } else if roll < 97, let last = recent.randomElement(using: &random) {
        guard let promise = ledger.promise(id: last.promise) else { return }
        perform(.undo(event: last.event, promise: last.promise, summary: promise.label), as: promise.lastMover ?? promise.performer)
      } else {
        let declarer = ledger.currentBreakthrough.flatMap { $0.outcome == nil ? $0.declaredBy : nil }
        perform(.declare(statement: "Every pilot ships", by: ByWhen(day: today.adding(days: 90))), as: declarer ?? person())
      }
    }

    /// A move of `kind` on `promise`, what it may vary drawn at random.
    mutating func move(_ kind: Move.Kind, on promise: Promise) -> Move {
      let by = byWhen()
      return .sample(
        kind: kind, on: promise, by: by, accepted: Bool.random(using: &random),
        replacement: Bool.random(using: &random) ? Move.Replacement(what: "try again", by: by) : nil,
        level: Confidence.allCases.randomElement(using: &random) ?? .atRisk)
    }
  }

  /// The board as followed, against one built afresh from the same ledger at the same moment.
  static func expectFresh(_ board: BoardState, step: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    var fresh = BoardState(
      ledger: board.ledger, now: board.now, zone: board.zone, actor: board.actor, width: 120, height: 40, isUnicode: true)
    fresh.filter = board.filter
    fresh.isGroupedByPerson = board.isGroupedByPerson
    fresh.rebuildRows()
    let followed = board.measures
    let computed = fresh.measures
    #expect(followed.team == computed.team, "team figures at step \(step)", sourceLocation: sourceLocation)
    #expect(followed.weeks == computed.weeks, "weekly figures at step \(step)", sourceLocation: sourceLocation)
    #expect(
      followed.people.map { "\($0.person)" } == computed.people.map { "\($0.person)" }, "people at step \(step)",
      sourceLocation: sourceLocation)
    #expect(
      followed.people.map(\.figures) == computed.people.map(\.figures), "people's figures at step \(step)", sourceLocation: sourceLocation)
    #expect(followed.breakthrough?.breakthrough.id == computed.breakthrough?.breakthrough.id, sourceLocation: sourceLocation)
    #expect(followed.breakthrough?.linked == computed.breakthrough?.linked, "linked at step \(step)", sourceLocation: sourceLocation)
    #expect(followed.breakthrough?.linkedPromises == computed.breakthrough?.linkedPromises, sourceLocation: sourceLocation)
    for pane in Pane.allCases {
      #expect(board.lists[pane]?.rows == fresh.lists[pane]?.rows, "\(pane) rows at step \(step)", sourceLocation: sourceLocation)
    }
    #expect(board.deliveredCount == fresh.deliveredCount, "delivered at step \(step)", sourceLocation: sourceLocation)
    // A deadline noted for a promise since closed makes the next computation early, never late.
    #expect(
      (board.nextDeadline ?? .max) <= (fresh.nextDeadline ?? .max), "next deadline at step \(step)", sourceLocation: sourceLocation)
  }

  /// The meeting's digest as followed, against one counted afresh at the same moment.
  static func expectFresh(_ digest: MeetingDigest, of ledger: LedgerState, at now: Date, step: Int) {
    let fresh = MeetingDigest(ledger, now: now, zone: BoardHarness.zone)
    #expect(digest.overdue == fresh.overdue, "team overdue at step \(step)")
    #expect(digest.measures.team == fresh.measures.team, "meeting figures at step \(step)")
    #expect(digest.measures.weeks == fresh.measures.weeks, "meeting weeks at step \(step)")
    #expect(digest.people.map(\.handle) == fresh.people.map(\.handle), "meeting people at step \(step)")
    for (followed, counted) in zip(digest.people, fresh.people) {
      #expect(followed.open == counted.open, "\(followed.handle)'s open at step \(step)")
      #expect(followed.overdue == counted.overdue, "\(followed.handle)'s overdue at step \(step)")
      #expect(followed.dueThisWeek == counted.dueThisWeek, "\(followed.handle)'s week at step \(step)")
      #expect(followed.keptLastWeek == counted.keptLastWeek, "\(followed.handle)'s kept at step \(step)")
      #expect(followed.awaitingAcceptance == counted.awaitingAcceptance, "\(followed.handle)'s awaiting at step \(step)")
    }
  }

  @Test(arguments: 1...2)
  func followingEqualsComputingAfresh(seed: Int) {
    var world = World(random: SeededGenerator(seed: UInt64(seed)))
    world.perform(.declare(statement: "Every pilot ships", by: ByWhen(day: world.today.adding(days: 60))), as: handle("ana"))
    for _ in 0..<30 { world.randomMove() }
    var board = BoardState(
      ledger: world.ledger, now: world.now, zone: BoardHarness.zone, actor: handle("ana"), width: 120, height: 40, isUnicode: true)
    var digest = MeetingDigest(world.ledger, now: world.now, zone: BoardHarness.zone)
    var digestNow = world.now
    var followedMoves = 0
    var moves = 0
    for step in 0..<1_500 {
      let batch = Int.random(in: 0..<10, using: &world.random) == 0 ? Int.random(in: 2...6, using: &world.random) : 1
      for _ in 0..<batch { world.randomMove() }
      moves += batch
      if let positions = world.ledger.positionsChanged(since: board.ledger) {
        followedMoves += 1
        digest.update(positions, from: board.ledger, to: world.ledger)
      } else {
        digest = MeetingDigest(world.ledger, now: digestNow, zone: BoardHarness.zone)
      }
      board.replaceLedger(world.ledger)
      switch Int.random(in: 0..<60, using: &world.random) {
      case 0:
        board.filter = ["", "@ana", "@b", "pilot 1", "try"].randomElement(using: &world.random) ?? ""
        board.rebuildRows()
      case 1:
        board.isGroupedByPerson.toggle()
        board.rebuildRows()
      case 2, 3:
        // The clock moves on by up to two hours: a by-when with a time may pass, or a day end.
        world.now = world.now.addingTimeInterval(Double(Int.random(in: 60...7_200, using: &world.random)))
        board.tick(world.now)
        // The meeting counts afresh each minute.
        digestNow = world.now
        digest = MeetingDigest(world.ledger, now: digestNow, zone: BoardHarness.zone)
      default: break
      }
      Self.expectFresh(board, step: step)
      Self.expectFresh(digest, of: world.ledger, at: digestNow, step: step)
    }
    #expect(moves > 1_800)
    // The moves were mostly followed, not computed afresh: the journal answered.
    #expect(followedMoves > 1_300)
    #expect(world.ledger.promises.count > 300)
    #expect(world.refused < 200)
  }

  @Test func anotherFoldIsComputedAfresh() {
    var first = World(random: SeededGenerator(seed: 9))
    for _ in 0..<20 { first.randomMove() }
    var second = World(random: SeededGenerator(seed: 10))
    for _ in 0..<25 { second.randomMove() }
    // Its positions cannot be trusted to mean the first fold's promises.
    #expect(second.ledger.positionsChanged(since: first.ledger) == nil)
    var board = BoardState(
      ledger: first.ledger, now: first.now, zone: BoardHarness.zone, actor: handle("ana"), width: 120, height: 40, isUnicode: true)
    board.replaceLedger(second.ledger)
    Self.expectFresh(board, step: 0)
  }
}
