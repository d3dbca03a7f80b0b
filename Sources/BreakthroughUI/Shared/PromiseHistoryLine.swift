import BreakthroughCore
import Foundation

extension Promise {
  /// The last few moves on the promise, in one line: "made 2026-11-20; at risk 2026-11-23".
  func recentHistory(in zone: TimeZone, count: Int = 3) -> String {
    history.suffix(count).map { "\($0.summary) \(LocalMoment($0.at, in: zone).day.iso)" }.joined(separator: "; ")
  }
}
