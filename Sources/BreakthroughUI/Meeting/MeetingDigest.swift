import BreakthroughCore
import Foundation

/// What the meeting display shows, worked out once when the ledger or the day changes, so that
/// drawing a frame never walks the whole ledger.
struct MeetingDigest: Sendable {
  /// One person's promises, by what the meeting asks about them; indices into the ledger.
  struct Person: Sendable {
    let handle: Handle
    var open: [Int] = []
    var overdue: [Int] = []
    var dueThisWeek = 0
    /// Kept (accepted, or delivered to oneself) in the last 7 days.
    var keptLastWeek: [Int] = []
    /// Delivered to this person and waiting for their acceptance.
    var awaitingAcceptance: [Int] = []
  }

  private(set) var measures: Measures
  /// Requests waiting for an answer, by whom they wait on; answers overdue first.
  private(set) var waiting: [Handle: [Request]] = [:]
  private(set) var unanswered = 0
  private(set) var answersOverdue = 0
  /// What the breakthrough will take, uncovered first; dropped ones left out.
  private(set) var elements: [(element: Element, coverage: Coverage)] = []
  /// The team's overdue accountings, oldest by-when first.
  private(set) var overdue: [Int] = []
  private(set) var people: [Person] = []
  /// The moment the digest is for; `update` keeps it for that moment.
  private let local: LocalMoment
  private let weekAgo: Date

  init(_ ledger: LedgerState, now: Date, zone: TimeZone) {
    measures = Measures(ledger, now: now, zone: zone)
    local = LocalMoment(now, in: zone)
    weekAgo = now.addingTimeInterval(-7 * 86_400)
    followConversations(ledger)
    var byHandle: [Handle: Person] = [:]
    for handle in ledger.people { byHandle[handle] = Person(handle: handle) }
    let promises = ledger.promises
    // By position, in place: this is the one pass over the whole ledger.
    for index in promises.indices {
      // A closed promise counts here only if kept this week: told without building the rest.
      if promises.isClosed(at: index), promises.state(at: index) != .kept || (promises.closedAt(at: index) ?? .distantPast) < weekAgo {
        continue
      }
      guard let place = place(of: promises.promise(at: index)) else { continue }
      if place.isTeamOverdue { overdue.append(index) }
      for list in place.lists { byHandle[place.person]?[keyPath: list].append(index) }
      byHandle[place.person]?.dueThisWeek += place.isDueThisWeek ? 1 : 0
    }
    let order = Self.order(in: ledger)
    // By keys read once each, not two promises read for every comparison.
    func sorted(_ positions: [Int]) -> [Int] { positions.map(order).sorted().map(\.position) }
    overdue = sorted(overdue)
    people = ledger.people.compactMap { byHandle[$0] }.map { person in
      var person = person
      person.open = sorted(person.open)
      person.overdue = sorted(person.overdue)
      person.awaitingAcceptance = sorted(person.awaitingAcceptance)
      return person
    }
  }

  /// The same digest after the promises at `positions` changed from how `earlier` had them
  /// (`LedgerState.positionsChanged`): each leaves the lists it was in and joins those it is
  /// now in, by search, at the digest's moment; the requests and elements are counted again
  /// (there are few of them).
  mutating func update(_ positions: [Int], from earlier: LedgerState, to ledger: LedgerState) {
    measures.update(positions, from: earlier, to: ledger)
    // Everyone named has a page, with or without promises (a customer first named, say).
    if people.count != ledger.people.count {
      let known = Dictionary(people.map { ($0.handle, $0) }, uniquingKeysWith: { first, _ in first })
      people = ledger.people.map { known[$0] ?? Person(handle: $0) }
    }
    followConversations(ledger)
    let order = Self.order(in: ledger)
    for position in positions {
      if position < earlier.promises.count, let was = place(of: earlier.promises.promise(at: position)) {
        move(position, in: was, to: ledger, adding: false, order: order)
      }
      if let now = place(of: ledger.promises.promise(at: position)) { move(position, in: now, to: ledger, adding: true, order: order) }
    }
  }

  /// Where a promise is listed: under whom, in which of their lists (an overdue promise is
  /// in the open list too), and what else it counts for.
  private struct Place {
    let person: Handle
    let lists: [WritableKeyPath<Person, [Int]>]
    var isTeamOverdue = false
    var isDueThisWeek = false
  }

  private func place(of promise: Promise) -> Place? {
    switch promise.state {
    case .open where promise.isOverdue(at: local):
      return Place(person: promise.performer, lists: [\.open, \.overdue], isTeamOverdue: true)
    case .open:
      return Place(person: promise.performer, lists: [\.open], isDueThisWeek: local.day.days(until: promise.by.day) <= 7)
    case .delivered:
      return Place(person: promise.customer, lists: [\.awaitingAcceptance])
    case .kept where (promise.closedAt ?? .distantPast) >= weekAgo:
      return Place(person: promise.performer, lists: [\.keptLastWeek])
    default:
      return nil
    }
  }

  private mutating func move(_ position: Int, in place: Place, to ledger: LedgerState, adding: Bool, order: (Int) -> PromiseOrder) {
    // Kept promises are listed in the order made; the others by by-when.
    let isKept = place.lists == [\Person.keptLastWeek]
    func key(_ position: Int) -> PromiseOrder { isKept ? PromiseOrder(position: position) : order(position) }
    if place.isTeamOverdue { Self.edit(&overdue, position, adding: adding, key: key) }
    if !people.contains(where: { $0.handle == place.person }) {
      let known = people + [Person(handle: place.person)]
      people = ledger.people.compactMap { handle in known.first { $0.handle == handle } }
    }
    guard let slot = people.firstIndex(where: { $0.handle == place.person }) else { return }
    for list in place.lists { Self.edit(&people[slot][keyPath: list], position, adding: adding, key: key) }
    if place.isDueThisWeek { people[slot].dueThisWeek += adding ? 1 : -1 }
  }

  /// Inserts `position` into `list`, kept in `key` order, or takes it out.
  private static func edit(_ list: inout [Int], _ position: Int, adding: Bool, key: (Int) -> PromiseOrder) {
    let low = list.insertionIndex(for: key(position), by: key)
    if adding {
      list.insert(position, at: low)
    } else if low < list.count, list[low] == position {
      list.remove(at: low)
    }
  }

  private static func order(in ledger: LedgerState) -> (Int) -> PromiseOrder {
    let promises = ledger.promises
    return { PromiseOrder($0, in: promises) }
  }

  private mutating func followConversations(_ ledger: LedgerState) {
    let local = self.local
    let unanswered = ledger.conversations.unanswered
    var waiting: [Handle: [Request]] = [:]
    for request in unanswered { if let person = request.waitsOn { waiting[person, default: []].append(request) } }
    self.waiting = waiting.mapValues { requests in
      requests.sorted {
        ($0.isAnswerOverdue(at: local) ? 0 : 1, $0.terms.number) < ($1.isAnswerOverdue(at: local) ? 0 : 1, $1.terms.number)
      }
    }
    self.unanswered = unanswered.count
    answersOverdue = unanswered.filter { $0.isAnswerOverdue(at: local) }.count
    elements = ledger.elementsByNeed(at: local).filter { $0.coverage != .dropped }
  }

  func person(_ handle: Handle) -> Person? {
    people.first { $0.handle == handle }
  }
}
