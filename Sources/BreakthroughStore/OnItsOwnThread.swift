import Foundation

/// A value worked out on a thread of its own, started at once, while the caller does something
/// else: the team ledger's connection while its copy opens, a snapshot's hashes while it is
/// decoded, this machine's time zone while the ledger opens. A thread of its own, not a pool's: a pool thread can start late, or be busy.
public final class OnItsOwnThread<Value>: @unchecked Sendable {
  private var result: Value?
  private let done = DispatchSemaphore(value: 0)

  /// Starts `work` on a new thread.
  public init(_ work: @escaping @Sendable () -> Value) {
    Thread {
      self.result = work()
      self.done.signal()
    }.start()
  }

  /// What `work` gave, once it has, handed over: asked once. The thread keeps nothing of it,
  /// so the value ends wherever its taker lets it go (a connection's goodbye not on a thread
  /// still running into the exit).
  public func take() -> Value {
    done.wait()
    // The semaphore is signalled only once `result` is set.
    defer { result = nil }
    return result!
  }
}
