import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughCore

/// What a state says changed since an earlier one of the same fold, and when it cannot say.
@Suite struct ChangeJournalTests {
  @Test func aMoveNamesThePromisesItChanged() throws {
    var fixture = LedgerFixture()
    try fixture.promise("first")
    try fixture.promise("second")
    let before = fixture.state
    let first = fixture.promise(1).id
    let by = ByWhen(day: fixture.today.adding(days: 2))
    try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.outcome(
        of: .notKept(
          promise: first, note: "no", replacement: .init(what: "again", by: by), reason: "waiting"),
        context: context)
    }
    // The promise not kept, and its replacement (a third promise, at position 2).
    #expect(fixture.state.positionsChanged(since: before) == [0, 2])
    #expect(fixture.state.positionsChanged(since: fixture.state) == [])
  }

  @Test func aNewBreakthroughChangesEverything() throws {
    var fixture = LedgerFixture()
    try fixture.promise()
    let before = fixture.state
    let by = ByWhen(day: fixture.today.adding(days: 30))
    try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.outcome(of: .declare(statement: "Ship", by: by), context: context)
    }
    #expect(fixture.state.positionsChanged(since: before) == nil)
  }

  @Test func theJournalForgetsLongAgoAndOtherFolds() throws {
    var fixture = LedgerFixture()
    for _ in 0..<10 { try fixture.promise() }
    let before = fixture.state
    let ids = (1...10).map { fixture.promise($0).id }
    for round in 0..<4_500 {
      try fixture.perform("ana") { (state, context) throws(Refusal) in
        try state.outcome(of: .confidence(promise: ids[round % 10], level: .atRisk), context: context)
      }
    }
    // Ten promises changed, but more events than the journal keeps have been folded since.
    #expect(fixture.state.positionsChanged(since: before) == nil)
    var again = LedgerState()
    for line in fixture.lines { if case .event(let event) = try EventCoding.decode(line) { again.apply(event) } }
    #expect(again.eventCount == fixture.state.eventCount)
    #expect(again.positionsChanged(since: fixture.state) == nil)
  }
}
