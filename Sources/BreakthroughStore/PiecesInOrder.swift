import Foundation

/// Work in two steps, the first free to run anywhere, the second only in order: each piece is
/// read on whichever core is free (a thread of its own for each core beyond the caller's), and
/// taken, in order, on the calling thread. How a fold reads ledger lines on every core while
/// it applies them one by one, each judged against the state before it.
///
/// The calling thread reads too whenever the next piece to take is not ready, so on one core
/// it reads and takes every piece in turn, starting no thread. Readers keep at most
/// `lookahead` pieces beyond the one being taken, so the pieces read and not yet taken hold
/// little memory however long the work is.
enum PiecesInOrder {
  /// Reads each of `0..<count` with `read` on every core, and hands each result to `take` on
  /// this thread, in order, to be used up; returns once every piece was taken.
  static func run<Read: Sendable>(
    _ count: Int, lookahead: Int = 8, read: @escaping @Sendable (Int) -> Read, take: (Int, inout Read) -> Void
  ) {
    let board = Board<Read>(count: count, lookahead: max(1, lookahead))
    let helpers = max(0, min(count - 1, ProcessInfo.processInfo.activeProcessorCount - 1))
    let finished = DispatchSemaphore(value: 0)
    for _ in 0..<helpers {
      Thread {
        while let piece = board.nextToRead() { board.keep(read(piece), of: piece) }
        finished.signal()
      }.start()
    }
    for piece in 0..<count {
      // Until this piece is read, read the next one no one has started (or wait for a reader).
      waiting: while true {
        switch board.step(toward: piece) {
        case .read(let next): board.keep(read(next), of: next)
        case .take(var ready):
          take(piece, &ready)
          break waiting
        }
      }
    }
    for _ in 0..<helpers { finished.wait() }
  }

  /// What the threads share: which piece to read next, which are read, which was taken last.
  private final class Board<Read: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Read?]
    private var nextUnread = 0
    private var taken = 0
    private let lookahead: Int

    init(count: Int, lookahead: Int) {
      results = Array(repeating: nil, count: count)
      self.lookahead = lookahead
    }

    /// What the caller does next on its way to taking `piece`: take it, read another piece
    /// (marked as started), or, when neither can be done, wait until one can.
    func step(toward piece: Int) -> Step {
      condition.lock()
      defer { condition.unlock() }
      while true {
        if let ready = results[piece] {
          results[piece] = nil
          taken = piece + 1
          condition.broadcast()
          return .take(ready)
        }
        if nextUnread < results.count, nextUnread <= taken + lookahead {
          nextUnread += 1
          return .read(nextUnread - 1)
        }
        condition.wait()
      }
    }

    enum Step {
      case take(Read)
      case read(Int)
    }

    /// The next piece no one has started reading, marked as started, once it is at most
    /// `lookahead` beyond the one being taken (a helper waits till then); nil when every piece is.
    func nextToRead() -> Int? {
      condition.lock()
      defer { condition.unlock() }
      while nextUnread < results.count, nextUnread > taken + lookahead { condition.wait() }
      guard nextUnread < results.count else { return nil }
      nextUnread += 1
      return nextUnread - 1
    }

    func keep(_ read: Read, of piece: Int) {
      condition.lock()
      results[piece] = read
      condition.broadcast()
      condition.unlock()
    }
  }
}
