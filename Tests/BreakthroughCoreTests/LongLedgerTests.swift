import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// A ledger long enough for the snapshot's segments and the list's chunks: what opens from the
/// snapshot is what the fold built, a change to a shared state leaves the other as it was,
/// and numbers past gaps that left-out attempts took are still found.
@Suite struct LongLedgerTests {
  /// `count` promises between few people, every seventh open one replaced by the next number, every
  /// eleventh delivered, and every thirteenth number taken by an attempt the rule book leaves
  /// out (made in someone else's name), so that numbers have gaps.
  static func longLedger(_ count: Int) -> LedgerState {
    var state = LedgerState()
    let start = Date(timeIntervalSince1970: 1_790_000_000)
    let people = ["ana", "ben", "李娜", "\u{AC01}"].map(handle)
    func terms(_ number: Int, id: String) -> PromiseTerms {
      PromiseTerms(
        id: id, number: state.nextNumber, performer: people[number % people.count],
        customer: people[(number + 1) % people.count], what: "Promise \(number) 東京",
        by: ByWhen(day: CalendarDay(daysSinceEpoch: 20_800 + number % 90)), breakthrough: nil, replaces: nil)
    }
    for number in 1...count {
      let at = start.addingTimeInterval(Double(number) * 60)
      let performer = people[number % people.count]
      if number % 13 == 0 {
        let forged = terms(number, id: "x-\(number)")
        state.apply(Event(id: "x-\(number)", at: at, actor: forged.customer, body: .made(forged)))
      }
      state.apply(Event(id: "m-\(number)", at: at, actor: performer, body: .made(terms(number, id: "p-\(number)"))))
      if number % 11 == 0 {
        state.apply(
          Event(
            id: "d-\(number)", at: at, actor: performer, body: .delivered(promise: "p-\(number)", accepted: false, note: "note \(number)")))
      }
      if number % 7 == 0, number % 11 != 0 {
        var replacement = terms(number, id: "r-\(number)")
        replacement.replaces = "p-\(number)"
        state.apply(
          Event(
            id: "n-\(number)", at: at, actor: performer, body: .renegotiated(promise: "p-\(number)", note: nil, replacement: replacement)))
      }
    }
    return state
  }

  @Test func aLongLedgerOpensFromItsSnapshotAsItWasFolded() throws {
    let state = Self.longLedger(6_000)
    let restored = try LedgerState(snapshot: state.snapshot())
    #expect(SnapshotTests.fingerprint(restored) == SnapshotTests.fingerprint(state))
    let gaps = state.leftOut.compactMap { $0.subject.flatMap { Int($0.dropFirst()) } }
    #expect(gaps.count == 6_000 / 13, "\(state.leftOut.prefix(2).map(\.reason))")
    #expect(gaps.allSatisfy { state.promise(number: $0) == nil }, "a left-out attempt's number names no promise")
    for number in [1, 12, 14, 1_023, 1_024, 1_025, 2_048, 4_096, 5_999, 6_000, 6_007, state.nextNumber - 1] {
      #expect(restored.promise(number: number)?.id == state.promise(number: number)?.id, "P\(number)")
    }
    #expect(restored.leftOut == state.leftOut)
    #expect(restored.promise(id: "r-4200")?.replaces == "p-4200")
    #expect(restored.promise(id: "p-4200")?.replacedBy == "r-4200")
    // Saved again, from the state read back, it is the same again.
    #expect(SnapshotTests.fingerprint(try LedgerState(snapshot: restored.snapshot())) == SnapshotTests.fingerprint(state))
  }

  @Test func segmentsWrittenOnSeveralThreadsAreTheSameBytes() throws {
    let concurrently = PieceRunner { count, piece in DispatchQueue.concurrentPerform(iterations: count, execute: piece) }
    let state = Self.longLedger(20_000)
    let bytes = state.snapshot()
    #expect(state.snapshot(pieces: concurrently) == bytes)
    // Read back, most promises are copied from the snapshot's own bytes.
    let restored = try LedgerState(snapshot: bytes)
    #expect(restored.snapshot(pieces: concurrently) == restored.snapshot())
  }

  @Test func damagedSegmentsAreRefusedNeverCrash() throws {
    SnapshotTests.expectDamageRefusedNeverCrash(Self.longLedger(5_000).snapshot(), rounds: 60, seed: 21)
  }

  @Test func changingASharedStateChangesOnlyThatState() throws {
    let original = Self.longLedger(3_000)
    var changed = original
    let before = SnapshotTests.fingerprint(original)
    changed.apply(
      Event(
        id: "k-2500", at: Date(timeIntervalSince1970: 1_790_500_000), actor: handle("李娜"),
        body: .accepted(promise: "p-2497", note: nil)))
    changed.apply(
      Event(
        id: "m-new", at: Date(timeIntervalSince1970: 1_790_500_000), actor: handle("ana"),
        body: .made(
          PromiseTerms(
            id: "new", number: original.nextNumber, performer: handle("ana"), customer: handle("ben"),
            what: "New", by: ByWhen(day: CalendarDay(daysSinceEpoch: 20_800)), breakthrough: nil, replaces: nil))))
    #expect(SnapshotTests.fingerprint(original) == before)
    #expect(original.promise(id: "p-2497")?.state == .delivered && changed.promise(id: "p-2497")?.state == .kept)
    #expect(original.promise(id: "new") == nil && changed.promise(number: original.nextNumber)?.id == "new")
    #expect(changed.promises.count == original.promises.count + 1)
  }
}
