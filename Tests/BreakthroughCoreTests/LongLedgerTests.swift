import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// A ledger long enough for the snapshot's segments and the list's chunks: what opens from the
/// snapshot is what the fold built, a change to a shared state leaves the other as it was,
/// and numbers far from the count are still found.
@Suite struct LongLedgerTests {
  /// `count` promises between few people, every seventh replaced by a later one, every
  /// eleventh delivered; the last made with a number far beyond the rest.
  static func longLedger(_ count: Int) -> LedgerState {
    var state = LedgerState()
    let start = Date(timeIntervalSince1970: 1_790_000_000)
    let people = ["ana", "ben", "李娜", "\u{AC01}"].map(handle)
    func terms(_ number: Int) -> PromiseTerms {
      PromiseTerms(
        id: "p-\(number)", number: number, performer: people[number % people.count],
        customer: people[(number + 1) % people.count], what: "Promise \(number) 東京",
        by: ByWhen(day: CalendarDay(daysSinceEpoch: 20_700 + number % 90)), breakthrough: nil, replaces: nil)
    }
    for number in 1...count {
      let at = start.addingTimeInterval(Double(number) * 60)
      state.apply(Event(id: "m-\(number)", at: at, actor: people[number % people.count], body: .made(terms(number))))
      if number % 11 == 0 {
        state.apply(
          Event(
            id: "d-\(number)", at: at, actor: people[number % people.count],
            body: .delivered(promise: "p-\(number)", accepted: false, note: "note \(number)")))
      }
      if number % 7 == 0 {
        var replacement = terms(count + number)
        replacement.id = "r-\(number)"
        replacement.replaces = "p-\(number)"
        state.apply(
          Event(
            id: "n-\(number)", at: at, actor: people[number % people.count],
            body: .renegotiated(promise: "p-\(number)", note: nil, replacement: replacement)))
      }
    }
    var far = terms(1_000_000_000)
    far.id = "far"
    state.apply(Event(id: "m-far", at: start, actor: people[0], body: .made(far)))
    return state
  }

  @Test func aLongLedgerOpensFromItsSnapshotAsItWasFolded() throws {
    let state = Self.longLedger(6_000)
    let restored = try LedgerState(snapshot: state.snapshot())
    #expect(SnapshotTests.fingerprint(restored) == SnapshotTests.fingerprint(state))
    for number in [1, 1_023, 1_024, 1_025, 2_048, 4_096, 5_999, 6_000, 6_007, 1_000_000_000] {
      #expect(restored.promise(number: number)?.id == state.promise(number: number)?.id, "P\(number)")
    }
    #expect(restored.promise(id: "r-4200")?.replaces == "p-4200")
    #expect(restored.promise(id: "p-4200")?.replacedBy == "r-4200")
    // Saved again, from the state read back, it is the same again.
    #expect(SnapshotTests.fingerprint(try LedgerState(snapshot: restored.snapshot())) == SnapshotTests.fingerprint(state))
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
        id: "k-2500", at: Date(timeIntervalSince1970: 1_790_500_000), actor: handle("ben"),
        body: .accepted(promise: "p-2497", note: nil)))
    changed.apply(
      Event(
        id: "m-new", at: Date(timeIntervalSince1970: 1_790_500_000), actor: handle("ana"),
        body: .made(
          PromiseTerms(
            id: "new", number: 9_999, performer: handle("ana"), customer: handle("ben"),
            what: "New", by: ByWhen(day: CalendarDay(daysSinceEpoch: 20_800)), breakthrough: nil, replaces: nil))))
    #expect(SnapshotTests.fingerprint(original) == before)
    #expect(original.promise(id: "p-2497")?.state == .delivered && changed.promise(id: "p-2497")?.state == .kept)
    #expect(original.promise(id: "new") == nil && changed.promise(number: 9_999)?.id == "new")
    #expect(changed.promises.count == original.promises.count + 1)
  }
}
