import Foundation
import Testing

@testable import BreakthroughStore

/// Work cut into pieces is done once a piece, all of it, before `run` returns.
@Suite struct ParallelPiecesTests {
  /// Which pieces were done, and how often, written from several threads.
  final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int: Int] = [:]
    private var lastWork = 0

    /// Notes `piece` as done; `work` is what it worked out, kept so that the work is done.
    func note(_ piece: Int, after work: Int) {
      lock.lock()
      defer { lock.unlock() }
      counts[piece, default: 0] += 1
      lastWork = work
    }

    var done: [Int: Int] {
      lock.lock()
      defer { lock.unlock() }
      return counts
    }
  }

  @Test(arguments: [0, 1, 2, 3, 9, 250])
  func everyPieceIsDoneOnceBeforeItReturns(count: Int) {
    let tally = Tally()
    ParallelPieces.run(count) { piece in
      // Uneven pieces (every third a thousand times longer), so that threads take them out
      // of order.
      var hash = piece
      for _ in 0..<(piece % 3 == 0 ? 100_000 : 100) { hash = hash &* 31 &+ 7 }
      tally.note(piece, after: hash)
    }
    #expect(tally.done == Dictionary(uniqueKeysWithValues: (0..<count).map { ($0, 1) }))
  }
}
