import Foundation

/// Keeps batches of verified rows in the mirror on a thread of its own, in the order handed,
/// while the connection goes on reading and checking the rows after them: a first read of a
/// long ledger folds what arrived while the rest is still coming, instead of after.
///
/// At most two batches wait, so a network faster than the fold never holds the ledger whole.
/// The first failure to keep a batch is thrown by the next `hand` and by `finish`; the batches
/// after it are not kept.
final class TeamRowsKeeper: @unchecked Sendable {
  private let condition = NSCondition()
  private var waiting: [TeamRowsRead] = []
  private var closing = false
  private var failure: (any Error)?
  private var started = false
  /// The lines' buffer of a batch kept, for the next batch to be gathered in: its pages are
  /// the process's already, where a new buffer's are faulted in one by one.
  private var spare: [UInt8]?
  private let stopped = DispatchSemaphore(value: 0)
  private let keep: (inout TeamRowsRead) throws -> Void

  /// `keep` runs on the keeper's thread, one batch at a time: what it changes must be touched
  /// by no other thread until `finish` returned.
  init(keep: @escaping (inout TeamRowsRead) throws -> Void) {
    self.keep = keep
  }

  /// Hands a batch over to be kept after those handed before; waits while two are waiting.
  func hand(_ rows: TeamRowsRead) throws {
    condition.lock()
    defer { condition.unlock() }
    while failure == nil, waiting.count >= 2 { condition.wait() }
    if let failure { throw failure }
    waiting.append(rows)
    if !started {
      started = true
      Thread { self.work() }.start()
    }
    condition.broadcast()
  }

  /// An emptied buffer of a batch already kept, if one is free: reused for the next.
  func spareBuffer() -> [UInt8]? {
    condition.lock()
    defer { condition.unlock() }
    defer { spare = nil }
    return spare
  }

  /// Waits until every batch handed over is kept; throws the first failure to keep one.
  func finish() throws {
    condition.lock()
    closing = true
    condition.broadcast()
    let wasStarted = started
    condition.unlock()
    if wasStarted { stopped.wait() }
    if let failure { throw failure }
  }

  private func work() {
    while var batch = next() {
      do {
        try keep(&batch)
        condition.lock()
        spare = batch.takeBuffer()
        condition.unlock()
      } catch {
        condition.lock()
        failure = error
        waiting.removeAll()
        condition.broadcast()
        condition.unlock()
      }
    }
    stopped.signal()
  }

  /// The next batch to keep, once one is handed; nil once none is left and no more will come.
  private func next() -> TeamRowsRead? {
    condition.lock()
    defer { condition.unlock() }
    while waiting.isEmpty, !closing { condition.wait() }
    guard !waiting.isEmpty else { return nil }
    condition.broadcast()
    return waiting.removeFirst()
  }
}
