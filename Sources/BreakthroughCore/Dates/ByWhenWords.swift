import Foundation

extension ByWhen {
  /// The by-when in words people read at a glance, relative to `now`:
  /// "2 d late", "late today", "today", "tomorrow", "Fri", "in 9 d", or the date when far.
  public func words(at now: LocalMoment) -> String {
    let daysAhead = now.day.days(until: day)
    let time = minuteOfDay.map { " \(pad($0 / 60, 2)):\(pad($0 % 60, 2))" } ?? ""
    if isPast(at: now) { return daysAhead == 0 ? "late today" : "\(-daysAhead) d late" }
    switch daysAhead {
    case 0: return "today" + time
    case 1: return "tomorrow" + time
    case 2...6: return day.weekdayName + time
    case 7...60: return "in \(daysAhead) d"
    default: return day.iso
    }
  }
}

extension Promise {
  /// A delivery in words for people: "delivered Mon · awaiting ben", or "delivered late
  /// (2026-11-20) · awaiting ben"; nil unless it waits for the customer. Never "21 d late":
  /// a delivery on time is not late for anyone, and the wait is the customer's.
  public func deliveryWords(at now: LocalMoment, zone: TimeZone, separator: String = "·") -> String? {
    guard state == .delivered, let deliveredAt else { return nil }
    let day = LocalMoment(deliveredAt, in: zone).day
    let ago = day.days(until: now.day)
    let when = ago == 0 ? "today" : ago == 1 ? "yesterday" : ago < 7 ? day.weekdayName : day.iso
    let late = by.isPast(at: LocalMoment(deliveredAt, in: zone)) ? " late" : ""
    return "delivered\(late) \(when) \(separator) awaiting \(customer)"
  }

  /// The by-when in words beside the state: for a delivery or a closed promise, the day it
  /// was due, without counting lateness that the delivery or the closing ended (a promise
  /// kept two years ago is not "716 d late").
  public func byWords(at now: LocalMoment) -> String {
    guard state == .delivered || state.isClosed, by.isPast(at: now) else { return by.words(at: now) }
    // A short form, so that it fits the column it stands in.
    return now.day.days(until: by.day) > -7 ? "was \(by.day.weekdayName)" : "was \(by.day.iso.suffix(5))"
  }
}
