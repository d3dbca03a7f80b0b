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
