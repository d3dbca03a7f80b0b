import Foundation

/// Week by week for the team and for each person, over every promise due in the weeks asked
/// for (a week's figures do not change when a breakthrough is declared).
public struct WeeklyMeasures: Sendable {
  public private(set) var team: WeeklyFigures
  /// Per performer, in the order people were first named; empty unless asked for.
  public private(set) var people: [(person: Handle, figures: WeeklyFigures)] = []

  /// The `count` weeks up to this one as they stand at `now`, days read in `zone`; each
  /// person's too when `perPerson`.
  public init(_ state: LedgerState, now: Date, zone: TimeZone, weeks count: Int, perPerson: Bool) {
    let moment = LocalMoment(now, in: zone)
    team = WeeklyFigures(weeks: count, endingWith: moment.day)
    let empty = team
    var clock = LocalClock(zone)
    var byPerson: [Handle: WeeklyFigures] = [:]
    let promises = state.promises
    // Only the promises due in the window are read: most of a long ledger is not.
    for index in promises.indices where team.covers(promises.by(at: index).day) {
      let promise = promises.facts(at: index)
      let tally = Tally(promise, now: moment, clock: &clock)
      team.count(tally, due: promise.by.day, as: 1)
      if perPerson { byPerson[promise.performer, default: empty].count(tally, due: promise.by.day, as: 1) }
    }
    people = state.people.compactMap { person in byPerson[person].map { (person, $0) } }
  }
}
