import Foundation
import Testing

@testable import BreakthroughCore

/// Work cut into pieces is done once a piece, all of it, before `run` returns.
@Suite struct ParallelPiecesTests {
  /// Which pieces were done, and how often, written from several threads.
  final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int: Int] = [:]

    func note(_ piece: Int) {
      lock.lock()
      defer { lock.unlock() }
      counts[piece, default: 0] += 1
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
      // Uneven pieces, so that threads take them out of order.
      if piece % 3 == 0 { Thread.sleep(forTimeInterval: 0.001) }
      tally.note(piece)
    }
    #expect(tally.done == Dictionary(uniqueKeysWithValues: (0..<count).map { ($0, 1) }))
  }
}
