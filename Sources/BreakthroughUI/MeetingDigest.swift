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

  let measures: Measures
  /// Requests waiting for an answer, by whom they wait on; answers overdue first.
  let waiting: [Handle: [Request]]
  let unanswered: Int
  let answersOverdue: Int
  /// What the breakthrough will take, uncovered first; dropped ones left out.
  let elements: [(element: Element, coverage: Coverage)]
  /// The team's overdue accountings, oldest by-when first.
  let overdue: [Int]
  let people: [Person]

  init(_ ledger: LedgerState, now: Date, zone: TimeZone) {
    measures = Measures(ledger, now: now, zone: zone)
    let local = LocalMoment(now, in: zone)
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
    let weekAgo = now.addingTimeInterval(-7 * 86_400)
    var byHandle: [Handle: Person] = [:]
    for handle in ledger.people { byHandle[handle] = Person(handle: handle) }
    var overdue: [Int] = []
    for (index, promise) in ledger.promises.enumerated() {
      switch promise.state {
      case .open:
        byHandle[promise.performer]?.open.append(index)
        if promise.isOverdue(at: local) {
          overdue.append(index)
          byHandle[promise.performer]?.overdue.append(index)
        } else if local.day.days(until: promise.by.day) <= 7 {
          byHandle[promise.performer]?.dueThisWeek += 1
        }
      case .delivered:
        byHandle[promise.customer]?.awaitingAcceptance.append(index)
      case .kept where (promise.closedAt ?? .distantPast) >= weekAgo:
        byHandle[promise.performer]?.keptLastWeek.append(index)
      default:
        break
      }
    }
    let promises = ledger.promises
    func byWhen(_ lhs: Int, _ rhs: Int) -> Bool { (promises[lhs].by, promises[lhs].number) < (promises[rhs].by, promises[rhs].number) }
    self.overdue = overdue.sorted(by: byWhen)
    people = ledger.people.compactMap { byHandle[$0] }.map { person in
      var sorted = person
      sorted.open.sort(by: byWhen)
      sorted.overdue.sort(by: byWhen)
      sorted.awaitingAcceptance.sort(by: byWhen)
      return sorted
    }
  }

  func person(_ handle: Handle) -> Person? {
    people.first { $0.handle == handle }
  }
}
