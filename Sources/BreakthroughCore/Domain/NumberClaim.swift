/// A short number an event gives out: the next of its series, or not given at all. Numbers
/// never change once shown, so people can say "P12" out loud.
public struct NumberClaim: Equatable, Sendable {
  /// The three series of numbers, each counted on its own.
  public enum Series: Character, Hashable, Sendable {
    case promise = "P"
    case request = "R"
    case element = "E"
  }

  public let series: Series
  public let number: Int

  public init(_ series: Series, _ number: Int) {
    self.series = series
    self.number = number
  }

  /// `P12`.
  public var label: String { "\(series.rawValue)\(number)" }
}
