/// Which way kept on time is going: the latest week something came due in, against the
/// average of the earlier weeks shown that had something due.
public enum WeeklyTrend: Sendable {
  case up
  case down
  case level

  /// Nil until two weeks have something due: one week is no trend.
  public init?(_ weeks: [WeekFigures]) {
    let rates = weeks.compactMap(\.keptOnTimeRate)
    guard let latest = rates.last, rates.count >= 2 else { return nil }
    let earlier = rates.dropLast()
    let average = earlier.reduce(0, +) / Double(earlier.count)
    // Within five points is the noise of a few promises.
    if latest - average >= 0.05 {
      self = .up
    } else if average - latest >= 0.05 {
      self = .down
    } else {
      self = .level
    }
  }
}
