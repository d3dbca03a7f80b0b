/// Which promises the last events folded changed, so that what is derived from the ledger (the
/// measures, the board's lists) can follow a move by what it touched instead of being computed
/// again over every promise.
///
/// Recomputing was 30 ms a move at 100,000 promises. The journal keeps the positions touched by
/// the last few thousand events; a state asks it what changed since an earlier state of the
/// same fold, and gets nil when it cannot say (another fold, a change older than the journal, or
/// a change that moves every figure, such as a new breakthrough) and must compute afresh.
struct ChangeJournal: Sendable {
  /// One fold: states copied from it share this, a fold started anew (a ledger opened again,
  /// a snapshot read) gets another.
  private final class Fold: Sendable {}

  private static let capacity = 4_096
  private let fold = Fold()
  /// The event count the entries start after: nothing is known about events up to it.
  private var base: Int
  /// The event count after each touch, and the promise it touched (`wide`: everything).
  private var entries: [(event: Int, position: Int)] = []
  private static let wide = -1

  init(after eventCount: Int = 0) {
    base = eventCount
  }

  /// The promise at `position` was changed by the event numbered `event`.
  mutating func touched(_ position: Int, by event: Int) {
    entries.append((event, position))
    guard entries.count > Self.capacity else { return }
    // Half at once, so that trimming costs nothing per event on average.
    base = entries[Self.capacity / 2 - 1].event
    entries.removeFirst(Self.capacity / 2)
  }

  /// The event numbered `event` changed what every promise counts for.
  mutating func touchedEverything(by event: Int) {
    touched(Self.wide, by: event)
  }

  /// The positions changed after `eventCount` events of the same fold, oldest first and
  /// without repeats; nil when the journal cannot say, or when so much changed (an import)
  /// that computing afresh is as quick.
  func positionsChanged(since eventCount: Int, of other: ChangeJournal) -> [Int]? {
    guard other.fold === fold, eventCount >= base else { return nil }
    var positions: [Int] = []
    for entry in entries.reversed() {
      guard entry.event > eventCount else { break }
      if entry.position == Self.wide || positions.count == Self.mostWorthFollowing { return nil }
      if !positions.contains(entry.position) { positions.append(entry.position) }
    }
    return positions.reversed()
  }

  private static let mostWorthFollowing = 256
}
