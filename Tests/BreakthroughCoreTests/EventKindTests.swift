import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// Every kind of event is written and read back by the one coding, and has words: a sample of
/// each, made by an exhaustive switch, so that a new kind fails to compile here until it has one.
@Suite struct EventKindTests {
  static func sample(_ kind: EventKind) -> EventBody {
    let by = ByWhen(day: CalendarDay(daysSinceEpoch: 20_800), minuteOfDay: 17 * 60)
    let handle = BreakthroughTestSupport.handle
    let terms = PromiseTerms(
      id: "p", number: 3, performer: handle("ana"), customer: handle("ben"), what: "Ship it", by: by, breakthrough: "b", replaces: "r",
      request: "q", element: "e", addresses: "waiting")
    switch kind {
    case .declared: return .declared(BreakthroughTerms(id: "b", statement: "Three teams", measure: "m", why: "w", by: by))
    case .breakthroughAccounted: return .breakthroughAccounted(breakthrough: "b", outcome: .notAchieved, note: "n")
    case .made: return .made(terms, note: "from elsewhere")
    case .delivered: return .delivered(promise: "p", accepted: true, note: "n", reason: "waiting")
    case .accepted: return .accepted(promise: "p", note: "n")
    case .rejected: return .rejected(promise: "p", note: "n", reason: "unclear")
    case .notKept: return .notKept(promise: "p", note: "n", replacement: terms, lateRenegotiation: true, reason: "other")
    case .renegotiated: return .renegotiated(promise: "p", note: "n", replacement: terms)
    case .revoked: return .revoked(promise: "p", note: "n")
    case .released: return .released(promise: "p", note: "n")
    case .confidence: return .confidence(promise: "p", level: .offTrack, note: "n")
    case .undone: return .undone(event: "x", promise: "p")
    case .meetingHeld: return .meetingHeld(note: "n")
    case .requestMade:
      return .requestMade(
        RequestTerms(
          id: "q", number: 2, customer: handle("ben"), performer: handle("ana"), what: "Review", by: by, replyBy: by, element: "e",
          isOffer: true))
    case .requestCountered: return .requestCountered(request: "q", by: by, what: "less", note: "n")
    case .requestDeclined: return .requestDeclined(request: "q", note: "n")
    case .requestWithdrawn: return .requestWithdrawn(request: "q", note: "n")
    case .enrolled: return .enrolled(breakthrough: "b", note: "n")
    case .notYet: return .notYet(breakthrough: "b", note: "n")
    case .unenrolled: return .unenrolled(breakthrough: "b", note: "n")
    case .elementAdded: return .elementAdded(ElementTerms(id: "e", number: 4, what: "A checklist", by: by))
    case .elementRevised: return .elementRevised(element: "e", what: "w", by: by, note: "n")
    case .elementMet: return .elementMet(element: "e", note: "n")
    case .elementDropped: return .elementDropped(element: "e", note: "n")
    case .reasonAdded: return .reasonAdded(key: "tooling", words: "the tools got in the way")
    case .reasonRetired: return .reasonRetired(key: "people", note: "n")
    case .zoneSet: return .zoneSet(zone: "Europe/Berlin", note: "n")
    }
  }

  @Test func everyEventKindRoundTrips() throws {
    let at = Timestamp.parse("2026-11-26T12:00:00.000Z") ?? Date(timeIntervalSince1970: 0)
    var sampled: Set<String> = []
    for kind in EventKind.allCases {
      let event = Event(id: "id-\(kind.name)", at: at, actor: handle("ana"), body: Self.sample(kind))
      #expect(event.body.kind == kind)
      let line = EventCoding.line(for: event)
      #expect(line.contains("\"kind\":\"\(kind.name)\""))
      guard case .event(let read) = try EventCoding.decode(line) else {
        Issue.record("\(kind.name) read back as an unknown kind")
        continue
      }
      #expect(read.body.kind == kind && read.id == event.id && read.at == at && read.actor == event.actor)
      #expect(EventCoding.line(for: read) == line, "\(kind.name) is written again byte for byte")
      let words = EventWording(state: LedgerState()).phrase(read).text
      #expect(!words.isEmpty, "\(kind.name) has words")
      sampled.insert(kind.name)
    }
    #expect(sampled == Set(EventKind.allCases.map(\.name)), "every kind has a sample")
  }

  @Test func aKindNoBuildKnowsIsKeptAsUnknownNotFolded() throws {
    let line = #"{"v":1,"id":"x","at":"2026-11-26T12:00:00.000Z","actor":"ana","kind":"promise.paused","promise":"p"}"#
    guard case .unknownKind(let name) = try EventCoding.decode(line) else {
      Issue.record("a kind from a newer version was read as an event")
      return
    }
    #expect(name == "promise.paused")
  }
}
