import Foundation

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

  mutating func add(_ tally: Tally) {
    switch tally.state {
    case .released, .withdrawn:
      return
    case .open:
      open += 1
      if tally.isPast {
        unaccounted += 1
        daysOverdue += tally.daysLate
      } else if tally.isDueWithinWeek {
        dueWithinWeek += 1
      }
    default:
      break
    }
    guard tally.isPast || tally.state.isClosed else { return }
    cameDue += 1
    if tally.wasKeptOnTime { keptOnTime += 1 }
    if tally.wasClosedWithNotice { closedWithNotice += 1 }
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

  init(_ promise: Promise, now: LocalMoment, clock: inout LocalClock) {
    state = promise.state
    isPast = promise.by.isPast(at: now)
    daysLate = isPast ? promise.by.daysLate(at: now) : 0
    isDueWithinWeek = now.day.days(until: promise.by.day) <= 7
    wasKeptOnTime = promise.state == .kept && promise.wasDeliveredOnTime(on: &clock)
    wasClosedWithNotice = promise.wasClosedWithNotice(on: &clock)
  }
}

/// The measures of a ledger at a moment: the team, each person, and the current breakthrough.
public struct Measures: Sendable {
  public let team: Figures
  /// Per performer, in the order people were first named.
  public let people: [(person: Handle, figures: Figures)]
  /// The current breakthrough, if any.
  public let breakthrough: BreakthroughFigures?

  /// Measures over the window of the current breakthrough: promises made since it was declared
  /// (every promise when none is declared).
  public init(_ state: LedgerState, now: Date, zone: TimeZone) {
    let localNow = LocalMoment(now, in: zone)
    let since = state.currentBreakthrough?.declaredAt ?? .distantPast
    var clock = LocalClock(zone)
    var team = Figures()
    var byPerson: [(person: Handle, figures: Figures)] = []
    var slots = PersonSlots()
    var linked = Figures()
    var linkedCount = 0
    let currentID = state.currentBreakthrough?.id
    let promises = state.promises
    // By position, so that each promise is read in place rather than copied.
    for index in promises.indices where promises[index].madeAt >= since {
      let tally = Tally(promises[index], now: localNow, clock: &clock)
      team.add(tally)
      let slot = slots.slot(of: promises[index].performer) {
        byPerson.append(($0, Figures()))
        return byPerson.count - 1
      }
      byPerson[slot].figures.add(tally)
      if let currentID, promises[index].terms.breakthrough == currentID {
        linkedCount += 1
        linked.add(tally)
      }
    }
    self.team = team
    people = state.people.compactMap { person in byPerson.first { $0.person == person } }
    breakthrough = state.currentBreakthrough.map {
      BreakthroughFigures(
        breakthrough: $0, daysLeft: localNow.day.days(until: $0.terms.by.day), linkedPromises: linkedCount, linked: linked)
    }
  }
}

/// How the current breakthrough stands.
public struct BreakthroughFigures: Sendable {
  public let breakthrough: Breakthrough
  /// Calendar days from today to its by-when (negative once past).
  public let daysLeft: Int
  public let linkedPromises: Int
  /// The figures of the promises linked to it.
  public let linked: Figures
}

extension Double {
  /// `83%`.
  public var percent: String { "\(Int((self * 100).rounded()))%" }
}

/// Where each person's figures are: found without comparing handles as Unicode text (slow for
/// other scripts) except with handles of the same length and first byte.
private struct PersonSlots {
  private var byShape: [Int: [(person: Handle, slot: Int)]] = [:]
  private var known: [(person: Handle, slot: Int)] = []

  /// The slot of `person`, made by `add` the first time.
  mutating func slot(of person: Handle, add: (Handle) -> Int) -> Int {
    let shape = person.text.utf8.count << 8 | Int(person.text.utf8.first ?? 0)
    if let found = byShape[shape]?.first(where: { $0.person == person }) { return found.slot }
    // The same letters in other code points (é as one or as two) are the same person.
    let slot = known.first { $0.person == person }?.slot ?? add(person)
    known.append((person, slot))
    byShape[shape, default: []].append((person, slot))
    return slot
  }
}
