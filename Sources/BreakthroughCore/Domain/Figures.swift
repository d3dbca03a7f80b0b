/// The figures of accountability for one person or the team.
public struct Figures: Equatable, Sendable {
  /// Promises whose by-when has passed, or that were closed before it (released ones never count).
  public var cameDue = 0
  /// Kept, and delivered at or before the by-when.
  public var keptOnTime = 0
  /// Renegotiated or revoked before the by-when.
  public var closedWithNotice = 0
  /// Open promises past their by-when, and their days overdue added up.
  public var unaccounted = 0
  public var daysOverdue = 0
  /// Open promises, and those of them due in the next 7 days.
  public var open = 0
  public var dueWithinWeek = 0

  public init() {}

  /// kept on time ÷ came due; nil when nothing came due.
  public var keptOnTimeRate: Double? { rate(keptOnTime) }
  /// (kept on time + closed with notice) ÷ came due; nil when nothing came due.
  public var honoredRate: Double? { rate(keptOnTime + closedWithNotice) }

  private func rate(_ count: Int) -> Double? {
    cameDue == 0 ? nil : Double(count) / Double(cameDue)
  }

  /// Adds the promise the tally is of (`sign` 1), or takes it out again (-1): figures are sums,
  /// so a promise that changed is taken out as it was and added as it is.
  mutating func count(_ tally: Tally, as sign: Int) {
    switch tally.state {
    case .released, .withdrawn:
      return
    case .open:
      open += sign
      if tally.isPast {
        unaccounted += sign
        daysOverdue += sign * tally.daysLate
      } else if tally.isDueWithinWeek {
        dueWithinWeek += sign
      }
    default:
      break
    }
    guard tally.isPast || tally.state.isClosed else { return }
    cameDue += sign
    if tally.wasKeptOnTime { keptOnTime += sign }
    if tally.wasClosedWithNotice { closedWithNotice += sign }
  }
}

/// How one promise counts, worked out once for every figure it adds to (the team's, its
/// performer's, the breakthrough's).
struct Tally {
  let state: PromiseState
  let isPast: Bool
  let daysLate: Int
  let isDueWithinWeek: Bool
  let wasKeptOnTime: Bool
  let wasClosedWithNotice: Bool
  /// Delivered after the by-when, kept or still awaiting acceptance.
  let wasDeliveredLate: Bool

  init(_ promise: PromiseFacts, now: LocalMoment, clock: inout LocalClock) {
    state = promise.state
    isPast = promise.by.isPast(at: now)
    daysLate = isPast ? promise.by.daysLate(at: now) : 0
    isDueWithinWeek = now.day.days(until: promise.by.day) <= 7
    let wasDelivered = promise.state == .kept || promise.state == .delivered
    let onTime = wasDelivered && promise.wasDeliveredOnTime(on: &clock)
    wasKeptOnTime = promise.state == .kept && onTime
    wasDeliveredLate = wasDelivered && promise.deliveredAt != nil && !onTime
    wasClosedWithNotice = promise.wasClosedWithNotice(on: &clock)
  }
}
