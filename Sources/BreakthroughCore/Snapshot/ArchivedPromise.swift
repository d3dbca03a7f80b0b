import Foundation

/// A closed promise still in the snapshot the ledger was opened from: where its record is, and
/// the few fields that the measures and the lists read of every promise.
///
/// Most promises of a long ledger are closed and are never looked at again. Built in full, each
/// took about 340 bytes and most of the time of opening; kept like this, 64 bytes and a few
/// numbers read. One is built from its record again when it is looked at, and for good when it
/// is moved (an undo).
struct ArchivedPromise: Sendable {
  /// Where its record starts in the archive's source, and how long it is up to its past.
  let offset: Int
  let length: Int32
  /// The performer and the customer, by their position in the archive's people.
  let performer: Int32
  let number: Int
  let madeAt: Date
  /// `nan` for none: an optional date would take twice the room.
  private let deliveredSeconds: Double
  private let closedSeconds: Double
  private let day: Int32
  private let minuteOfDay: Int16
  let state: PromiseState
  /// Whether it names an element of the breakthrough (those are listed with the element).
  let hasElement: Bool
  let customer: Int32
  /// The breakthrough by its position in the archive's, -1 for none, -2 for an id written out.
  let breakthrough: Int32

  static let unlinkedBreakthrough: Int32 = -2

  init(_ record: SnapshotPromiseRecord, offset: Int, length: Int) {
    self.offset = offset
    self.length = Int32(truncatingIfNeeded: length)
    performer = Int32(truncatingIfNeeded: record.performer)
    customer = Int32(truncatingIfNeeded: record.customer)
    number = record.number
    madeAt = record.madeAt
    deliveredSeconds = record.progress.deliveredAt?.timeIntervalSince1970 ?? .nan
    closedSeconds = record.progress.closedAt?.timeIntervalSince1970 ?? .nan
    day = Int32(truncatingIfNeeded: record.by.day.daysSinceEpoch)
    minuteOfDay = Int16(truncatingIfNeeded: record.by.minuteOfDay ?? -1)
    state = record.progress.state
    hasElement = record.element != nil
    breakthrough =
      record.linked >= 0 ? Int32(truncatingIfNeeded: record.linked) : record.breakthrough == nil ? -1 : Self.unlinkedBreakthrough
  }

  /// Whether a record of this size and these numbers can be kept in this form (a number typed
  /// by hand into a ledger can be anything).
  static func fits(_ record: SnapshotPromiseRecord, length: Int) -> Bool {
    length <= Int(Int32.max) && Int32(exactly: record.by.day.daysSinceEpoch) != nil && (record.by.minuteOfDay ?? 0) < Int(Int16.max)
      && (record.by.minuteOfDay ?? 0) >= 0
  }

  var by: ByWhen { ByWhen(day: CalendarDay(daysSinceEpoch: Int(day)), minuteOfDay: minuteOfDay < 0 ? nil : Int(minuteOfDay)) }
  var deliveredAt: Date? { deliveredSeconds.isNaN ? nil : Date(timeIntervalSince1970: deliveredSeconds) }
  var closedAt: Date? { closedSeconds.isNaN ? nil : Date(timeIntervalSince1970: closedSeconds) }
  /// Where its past begins in the archive's source.
  var past: Int { offset + Int(length) }
}
