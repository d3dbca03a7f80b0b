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

  /// Each batch gathered in the buffer of one kept before: every batch still holds its own
  /// lines, whole, when it is kept.
  @Test func aKeptBatchsBufferGathersTheNextAndEveryBatchHoldsItsOwnLines() throws {
    final class Lines: @unchecked Sendable {
      private let lock = NSLock()
      private var seen: [[UInt8]] = []
      func note(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        seen.append(bytes)
      }
      var all: [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return seen
      }
    }
    let lines = Lines()
    let keeper = TeamRowsKeeper { rows in
      usleep(2_000)
      lines.note(rows.bytes)
      rows.clear()
    }
    var rows = TeamRowsRead(after: TeamChain())
    var expected: [[UInt8]] = []
    var reused = 0
    for batch in 0..<12 {
      let line = Array("{\"batch\":\(batch),\"pad\":\"\(String(repeating: "x", count: 40_000 - batch))\"}".utf8)
      for _ in 0..<3 { line.withUnsafeBufferPointer { rows.take(line: $0, storedHash: nil) } }
      expected.append(Array(repeating: line + [0x0A], count: 3).flatMap { $0 })
      try keeper.hand(rows)
      let spare = keeper.spareBuffer()
      let spareRoom = spare?.withUnsafeBufferPointer { $0.baseAddress }
      if let spare {
        #expect(spare.isEmpty && spare.capacity >= 120_000)
        reused += 1
      }
      rows.clear(reusing: consume spare)
      if let spareRoom {
        // The very room given, not a copy of its size: new room is new pages to fault in.
        #expect(rows.bytes.withUnsafeBufferPointer { $0.baseAddress } == spareRoom)
      }
      usleep(3_000)
    }
    try keeper.finish()
    #expect(lines.all == expected)
    #expect(reused > 0, "the keeper gave back the buffers of batches it kept")
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
