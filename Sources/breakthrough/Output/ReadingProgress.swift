import BreakthroughCore
import Foundation

/// A line on the terminal while an open reads many rows of a team ledger (a new machine's first
/// read, or a copy far behind): "reading the team ledger into this machine's copy: 120,000 of
/// 281,680 events", rewritten in place and taken away when the open is done.
///
/// It says nothing for a read over within half a second of the open's start, and nothing at
/// all unless standard error is a terminal: a script's output stays as it was.
final class ReadingProgress {
  /// How long a read goes before it is said: shorter ones would only flicker.
  static let quietFor: TimeInterval = 0.5

  private let write: (String) -> Void
  private let clock: () -> Date
  private let started: Date
  private var isShown = false

  init(write: @escaping (String) -> Void, clock: @escaping () -> Date = Date.init) {
    self.write = write
    self.clock = clock
    started = clock()
  }

  /// The progress of an open on this terminal's standard error; nil when it is no terminal,
  /// or one that cannot clear a line (`TERM=dumb`).
  static func onTerminal() -> ReadingProgress? {
    guard isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
    return ReadingProgress { FileHandle.standardError.write(Data($0.utf8)) }
  }

  /// Says that `read` of `total` rows have been read, once the read has gone on a while.
  func report(read: Int, of total: Int) {
    guard isShown || clock().timeIntervalSince(started) >= Self.quietFor else { return }
    isShown = true
    let counts = "\(FigureWords.grouped(read)) of \(FigureWords.grouped(total))"
    write("\rreading the team ledger into this machine's copy: \(counts) events\u{1B}[K")
  }

  /// Takes the line away, if it was shown.
  func finish() {
    guard isShown else { return }
    isShown = false
    write("\r\u{1B}[K")
  }
}
