import BreakthroughCore

/// The order of the screens' promise lists: by-when, then number, then position in the ledger
/// (numbers typed by hand into a ledger can repeat), so that every promise has one place.
struct PromiseOrder: Comparable {
  let by: ByWhen
  let number: Int
  let position: Int

  /// The promise at `position` in `promises`.
  init(_ position: Int, in promises: PromiseList) {
    self.init(promises.promise(at: position), at: position)
  }

  /// `promise`, which is at `position`.
  init(_ promise: Promise, at position: Int) {
    by = promise.by
    number = promise.number
    self.position = position
  }

  /// By position alone (a list kept in the order promises were made).
  init(position: Int) {
    by = ByWhen(day: CalendarDay(daysSinceEpoch: 0))
    number = 0
    self.position = position
  }

  static func < (lhs: PromiseOrder, rhs: PromiseOrder) -> Bool {
    (lhs.by, lhs.number, lhs.position) < (rhs.by, rhs.number, rhs.position)
  }
}
