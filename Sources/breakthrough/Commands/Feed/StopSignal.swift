import Foundation

/// SIGINT and SIGTERM asking a long-running command to stop: noted, not acted on in the
/// handler, so the command finishes what it is doing (or kills its child) and exits cleanly.
enum StopSignal {
  nonisolated(unsafe) private static var received: Int32 = 0

  /// Installs the handlers. A blocking `poll` or `nanosleep` returns early when one arrives.
  static func install() {
    for number in [SIGINT, SIGTERM] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { number in StopSignal.received = number }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(number, &action, nil)
    }
    signal(SIGPIPE, SIG_IGN)
  }

  /// Whether a stop was asked for.
  static var isRequested: Bool { received != 0 }

  /// Waits `seconds`, or less if a stop is asked for meanwhile.
  static func sleep(_ seconds: Double) {
    let end = Date().addingTimeInterval(seconds)
    while !isRequested, case let left = end.timeIntervalSinceNow, left > 0 {
      usleep(UInt32(min(left, 0.1) * 1_000_000))
    }
  }
}
