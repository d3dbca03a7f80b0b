import Foundation

/// Week by week for the team and for each person, over every promise in the ledger (a week's
/// figures do not change when a breakthrough is declared).
public struct WeeklyMeasures: Sendable {
  public private(set) var team = WeeklyFigures()
  /// Per performer, in the order people were first named; empty unless asked for.
  public private(set) var people: [(person: Handle, figures: WeeklyFigures)] = []

  /// The weeks as they stand at `now`, days read in `zone`; each person's too when `perPerson`.
  public init(_ state: LedgerState, now: Date, zone: TimeZone, perPerson: Bool) {
    let moment = LocalMoment(now, in: zone)
    var clock = LocalClock(zone)
    var byPerson: [Handle: WeeklyFigures] = [:]
    let promises = state.promises
    for index in promises.indices {
      let promise = promises.facts(at: index)
      let tally = Tally(promise, now: moment, clock: &clock)
      team.count(tally, due: promise.by.day, as: 1)
      if perPerson { byPerson[promise.performer, default: WeeklyFigures()].count(tally, due: promise.by.day, as: 1) }
    }
    people = state.people.compactMap { person in byPerson[person].map { (person, $0) } }
  }
}
