import Foundation

/// The measures of a ledger at a moment: the team, each person, and the current breakthrough.
public struct Measures: Sendable {
  public private(set) var team = Figures()
  /// Per performer, in the order people were first named.
  public private(set) var people: [(person: Handle, figures: Figures)] = []
  /// The current breakthrough, if any.
  public private(set) var breakthrough: BreakthroughFigures?
  /// The team week by week over the last `weeksKept` weeks, every promise due in them (not
  /// only the breakthrough's window).
  public private(set) var weeks: WeeklyFigures
  /// Weeks the measures keep: the most a screen shows (the meeting's page).
  public static let weeksKept = 12
  /// The moment the figures are for: `update` keeps them for it.
  public private(set) var moment: LocalMoment
  private let zone: TimeZone
  /// The window: promises made since the current breakthrough was declared.
  private let since: Date
  private let breakthroughID: String?

  /// Measures over the window of the current breakthrough: promises made since it was declared
  /// (every promise when none is declared).
  public init(_ state: LedgerState, now: Date, zone: TimeZone) {
    moment = LocalMoment(now, in: zone)
    weeks = WeeklyFigures(weeks: Self.weeksKept, endingWith: moment.day)
    self.zone = zone
    since = state.currentBreakthrough?.declaredAt ?? .distantPast
    breakthroughID = state.currentBreakthrough?.id
    var clock = LocalClock(zone)
    var byPerson: [(person: Handle, figures: Figures)] = []
    var slots = PersonSlots()
    var linked = Figures()
    var linkedCount = 0
    let promises = state.promises
    // What each promise counts for is read without building a closed one still archived.
    for index in promises.indices {
      let promise = promises.facts(at: index)
      let tally = Tally(promise, now: moment, clock: &clock)
      weeks.count(tally, due: promise.by.day, as: 1)
      guard promise.madeAt >= since else { continue }
      team.count(tally, as: 1)
      let slot = slots.slot(of: promise.performer) {
        byPerson.append(($0, Figures()))
        return byPerson.count - 1
      }
      byPerson[slot].figures.count(tally, as: 1)
      if let breakthroughID, promise.breakthrough == breakthroughID {
        linkedCount += 1
        linked.count(tally, as: 1)
      }
    }
    people = state.people.compactMap { person in byPerson.first { $0.person == person } }
    breakthrough = state.currentBreakthrough.map {
      BreakthroughFigures(
        breakthrough: $0, daysLeft: moment.day.days(until: $0.terms.by.day), linkedPromises: linkedCount, linked: linked)
    }
  }

  /// The same measures after the promises at `positions` changed from how `earlier` had them
  /// to how `state` has them (`LedgerState.positionsChanged`), at the same moment: each is taken
  /// out as it was and counted as it is, so a move costs what it changed, not the ledger.
  public mutating func update(_ positions: [Int], from earlier: LedgerState, to state: LedgerState) {
    var clock = LocalClock(zone)
    for position in positions {
      if position < earlier.promises.count { count(earlier.promises.facts(at: position), as: -1, clock: &clock, named: state.people) }
      count(state.promises.facts(at: position), as: 1, clock: &clock, named: state.people)
    }
  }

  /// The same figures, said to be for `now`: only true on the same day with no by-when of an
  /// unclosed promise passing in between, which the caller knows (the board notes the next one).
  public mutating func advance(to now: Date) {
    moment = LocalMoment(now, in: zone)
  }

  private mutating func count(_ promise: PromiseFacts, as sign: Int, clock: inout LocalClock, named everyone: [Handle]) {
    let tally = Tally(promise, now: moment, clock: &clock)
    weeks.count(tally, due: promise.by.day, as: sign)
    guard promise.madeAt >= since else { return }
    team.count(tally, as: sign)
    if let slot = people.firstIndex(where: { $0.person == promise.performer }) {
      people[slot].figures.count(tally, as: sign)
    } else {
      var figures = Figures()
      figures.count(tally, as: sign)
      let known = people + [(promise.performer, figures)]
      people = everyone.compactMap { person in known.first { $0.person == person } }
    }
    if let breakthroughID, promise.breakthrough == breakthroughID {
      breakthrough?.linkedPromises += sign
      breakthrough?.linked.count(tally, as: sign)
    }
  }
}

/// How the current breakthrough stands.
public struct BreakthroughFigures: Sendable {
  public let breakthrough: Breakthrough
  /// Calendar days from today to its by-when (negative once past).
  public let daysLeft: Int
  public internal(set) var linkedPromises: Int
  /// The figures of the promises linked to it.
  public internal(set) var linked: Figures
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
