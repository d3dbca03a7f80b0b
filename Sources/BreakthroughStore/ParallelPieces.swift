import BreakthroughCore
import Foundation

/// Work cut into pieces, done by the calling thread and one more thread for each other core,
/// each taking the next piece no one has taken yet: how the store reads a snapshot's pieces
/// (`PieceRunner.onEveryCore`), the core itself starting no threads.
///
/// Dispatch's `concurrentPerform` left the second core idle for most of a 10,000-promise open:
/// its pool's thread came 2–3 ms late or was the one busy hashing, so the calling thread read
/// four of the six pieces alone. Threads of its own start on an idle core at once.
enum ParallelPieces {
  /// Calls `piece` once for each of `0..<count`, on all cores; returns when every call has.
  static func run(_ count: Int, _ piece: @escaping @Sendable (Int) -> Void) {
    let counter = Counter(limit: count)
    let work: @Sendable () -> Void = {
      while let index = counter.next() { piece(index) }
    }
    let helpers = max(0, min(count, ProcessInfo.processInfo.activeProcessorCount) - 1)
    let finished = DispatchSemaphore(value: 0)
    for _ in 0..<helpers {
      Thread {
        work()
        finished.signal()
      }.start()
    }
    work()
    for _ in 0..<helpers { finished.wait() }
  }

  /// Hands out 0, 1, 2… up to a limit, each once, to whichever thread asks first.
  private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func next() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard taken < limit else { return nil }
      taken += 1
      return taken - 1
    }
  }
}

extension PieceRunner {
  /// The pieces on every core at once (`ParallelPieces`).
  public static let onEveryCore = PieceRunner { count, piece in ParallelPieces.run(count, piece) }
}
