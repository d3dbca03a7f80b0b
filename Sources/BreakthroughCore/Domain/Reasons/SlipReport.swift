import Foundation

/// Why promises slipped over a window: each reason the misses gave, with how many, their share
/// and the promises behind it, largest first (a Pareto: the top rows are what to work on).
/// Read from the misses the fold keeps, never from the promises' histories.
public struct SlipReport: Sendable, Equatable {
  public struct Row: Sendable, Equatable {
    /// The reason's key; nil for misses that gave none ("no reason given").
    public let key: String?
    public let words: String
    public let count: Int
    /// Of all the misses in the window, 0 to 1.
    public let share: Double
    /// The promises that slipped for it (`P12`), in the order they did.
    public let promises: [String]
    /// The promises made to address it that are still running.
    public let addressedBy: [String]
  }

  /// The reasons given, largest first; ties in the order of the team's list.
  public let rows: [Row]
  /// Every miss in the window.
  public let total: Int

  /// The misses of `state` at or after `since` (all of them when nil).
  public init(_ state: LedgerState, since: Date?) {
    let book = state.reasons
    var byReason: [String?: [String]] = [:]
    var total = 0
    for miss in book.misses where since.map({ miss.at >= $0 }) ?? true {
      byReason[miss.reason, default: []].append(miss.label)
      total += 1
    }
    let order = Dictionary(book.reasons.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    func place(_ key: String?) -> Int { key.flatMap { order[$0] } ?? Int.max }
    self.total = total
    rows = byReason.sorted { ($1.value.count, place($0.key)) < ($0.value.count, place($1.key)) }.map { key, promises in
      let addressing = key.flatMap { book.addressedBy[$0] } ?? []
      let running = addressing.compactMap { id in
        state.position(ofID: id).flatMap { state.promises.isClosed(at: $0) ? nil : "P\(state.promises.number(at: $0))" }
      }
      return Row(
        key: key, words: book.words(of: key), count: promises.count, share: Double(promises.count) / Double(total), promises: promises,
        addressedBy: running)
    }
  }
}

extension SlipReport {
  /// Where "the last `weeks` weeks" begin for a reader at `now`: the start of that day, `weeks`
  /// weeks back, in `zone`.
  public static func start(ofLast weeks: Int, before now: LocalMoment, in zone: TimeZone) -> Date {
    LocalMoment(day: now.day.adding(days: -7 * weeks), secondOfDay: 0).instant(in: zone)
  }
}
