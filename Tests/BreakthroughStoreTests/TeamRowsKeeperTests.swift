import Foundation
import Testing

@testable import BreakthroughStore

/// The keeper of a team read's batches keeps them in the order handed, on its own thread, and
/// says the first failure, keeping nothing after it.
@Suite struct TeamRowsKeeperTests {
  /// What the keeper's thread kept, read by the test's thread once `finish` returned.
  final class Kept: @unchecked Sendable {
    private let lock = NSLock()
    private var firsts: [Int] = []

    func note(_ rows: TeamRowsRead) {
      lock.lock()
      defer { lock.unlock() }
      firsts.append(rows.first)
    }

    var batches: [Int] {
      lock.lock()
      defer { lock.unlock() }
      return firsts
    }
  }

  struct Refused: Error, Equatable {}

  /// A batch of rows whose first event is `first` (its lines do not matter to the keeper).
  static func batch(_ first: Int) -> TeamRowsRead { TeamRowsRead(after: TeamChain(count: first - 1, hash: [])) }

  @Test func batchesAreKeptInTheOrderHandedBeforeFinishReturns() throws {
    let kept = Kept()
    let keeper = TeamRowsKeeper { rows in
      // Uneven work, so that a keeper out of order would show.
      usleep(rows.first % 3 == 0 ? 20_000 : 1_000)
      kept.note(rows)
    }
    let firsts = stride(from: 1, to: 200, by: 20).map { $0 }
    for first in firsts { try keeper.hand(Self.batch(first)) }
    try keeper.finish()
    #expect(kept.batches == firsts)
  }

  @Test func nothingHandedKeepsNothingAndFinishes() throws {
    let kept = Kept()
    try TeamRowsKeeper { rows in kept.note(rows) }.finish()
    #expect(kept.batches.isEmpty)
  }

  @Test func theFirstFailureIsThrownAndNothingAfterItIsKept() throws {
    let kept = Kept()
    let keeper = TeamRowsKeeper { rows in
      guard rows.first != 21 else { throw Refused() }
      kept.note(rows)
    }
    var refusedAtHand = false
    for first in stride(from: 1, to: 2_000, by: 20) {
      do { try keeper.hand(Self.batch(first)) } catch {
        #expect(error is Refused)
        refusedAtHand = true
        break
      }
      // Once the keeper has failed, the next hand says so.
      if first == 21 { usleep(50_000) }
    }
    #expect(refusedAtHand, "a hand after the failure throws it")
    #expect(throws: Refused.self) { try keeper.finish() }
    #expect(kept.batches == [1])
  }
}
