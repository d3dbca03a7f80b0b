import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// The fold applies an event if and only if the move that would make it is allowed: over
/// random ledgers and random moves of every kind by every person, an allowed move's event is
/// folded, and the event a refused move would have written (forged, as by hand) is left out
/// and changes nothing but the number it names, when that is the next.
@Suite struct RuleBookPropertyTests {
  static let people = ["ana", "ben", "cy"].map(handle)

  struct World {
    var state = LedgerState()
    var random: SeededGenerator
    let now = Timestamp.parse("2026-11-26T12:00:00.000Z") ?? Date(timeIntervalSince1970: 0)
    let zone = TimeZone(identifier: "UTC") ?? .gmt
    var counter = 0
    var allowed = 0
    var refused: [Move.Kind: Int] = [:]
    /// The last event folded on each promise, so that undo can name one.
    var lastEvents: [String: String] = [:]

    mutating func pick<T>(_ items: [T]) -> T? { items.randomElement(using: &random) }
    mutating func person() -> Handle { pick(RuleBookPropertyTests.people) ?? RuleBookPropertyTests.people[0] }
    /// Always ahead: the rule book judges who and what, and lateness only by the by-when.
    mutating func by() -> ByWhen { ByWhen(day: LocalMoment(now, in: zone).day.adding(days: Int.random(in: 3...40, using: &random))) }
    mutating func nextID() -> String {
      counter += 1
      return "id-\(counter)"
    }

    mutating func promiseID() -> String? {
      state.promises.isEmpty ? nil : state.promises.promise(at: Int.random(in: 0..<state.promises.count, using: &random)).id
    }
    mutating func requestID() -> String? { pick(state.conversations.requests.map(\.id)) }
    mutating func elementID() -> String? { pick(state.conversations.elements.map(\.id)) }
    /// A reason's key: on the list, added by a move, retired by one, never on it, or not a key at all.
    mutating func reasonKey() -> String {
      pick(["waiting", "underestimated", "people", "other", "tooling", "nonsense", "Bad key"]) ?? "waiting"
    }

    /// A move of `kind` on something that exists, or nil when there is nothing to make it on.
    mutating func move(_ kind: Move.Kind) -> Move? {
      switch kind {
      case .make:
        let addresses = Bool.random(using: &random) ? reasonKey() : nil
        return .make(
          what: "ship \(counter)", to: person(), by: by(), element: Bool.random(using: &random) ? elementID() : nil, addresses: addresses)
      case .deliver: return promiseID().map { .deliver(promise: $0, accepted: Bool.random(using: &random)) }
      case .accept: return promiseID().map { .accept(promise: $0) }
      case .reject:
        let reason = Bool.random(using: &random) ? reasonKey() : nil
        return promiseID().map { .reject(promise: $0, note: "missing the totals", reason: reason) }
      case .notKept:
        let replacement = Bool.random(using: &random) ? Move.Replacement(what: "again", by: by()) : nil
        let reason = reasonKey()
        return promiseID().map { .notKept(promise: $0, note: "ran out of time", replacement: replacement, reason: reason) }
      case .renegotiate: return promiseID().map { .renegotiate(promise: $0, by: by()) }
      case .revoke: return promiseID().map { .revoke(promise: $0, note: "not mine") }
      case .release: return promiseID().map { .release(promise: $0) }
      case .confidence: return promiseID().map { .confidence(promise: $0, level: pick(Confidence.allCases) ?? .atRisk) }
      case .undo:
        guard let id = promiseID(), let promise = state.promise(id: id) else { return nil }
        return .undo(event: promise.history.isEmpty ? "none" : lastEventID(of: promise), promise: id, summary: promise.label)
      case .declare: return .declare(statement: "ship \(counter)", by: by())
      case .accountBreakthrough:
        return .accountBreakthrough(outcome: pick([.achieved, .notAchieved]) ?? .achieved, note: "it went so")
      case .importPromises: return nil
      case .recordMeeting: return .recordMeeting()
      case .request: return .request(what: "review \(counter)", of: person(), by: by())
      case .offer: return .offer(what: "help \(counter)", to: person(), by: by())
      case .promiseAsAsked, .acceptOffer:
        // Either answer writes the same event, a promise on the request's terms: the move that
        // would make it is the one its state asks for.
        guard let id = requestID(), let request = state.conversations.request(id: id) else { return nil }
        return request.state == .offered ? .acceptOffer(request: id) : .promiseAsAsked(request: id)
      case .counter: return requestID().map { .counter(request: $0, by: by(), what: nil, note: "later") }
      case .decline: return requestID().map { .decline(request: $0, note: "no time") }
      case .withdraw: return requestID().map { .withdraw(request: $0) }
      case .enroll: return .enroll()
      case .notYet: return .notYet(note: "a clear owner")
      case .unenroll: return .unenroll(note: "moved teams")
      case .addElement: return .addElement(what: "a checklist \(counter)")
      case .reviseElement: return elementID().map { .reviseElement(element: $0, what: "a new what \(counter)", by: nil, note: nil) }
      case .meetElement: return elementID().map { .meetElement(element: $0) }
      case .dropElement: return elementID().map { .dropElement(element: $0, note: "not needed") }
      case .addReason: return .addReason(key: reasonKey(), words: "what it means \(counter)")
      case .retireReason: return .retireReason(key: reasonKey())
      }
    }

    /// The last event on `promise`, found as undo finds it: through what the ledger replays.
    func lastEventID(of promise: Promise) -> String { lastEvents[promise.id] ?? "none" }

    /// The event `move` would write as `actor`, built without asking any rule: what a hand
    /// writing the line would produce.
    mutating func forged(_ move: Move, by actor: Handle) -> Event? {
      let id = nextID()
      func promiseTerms(_ performer: Handle, _ customer: Handle, _ what: String, _ by: ByWhen) -> PromiseTerms {
        PromiseTerms(
          id: id + "-p", number: state.nextNumber, performer: performer, customer: customer, what: what, by: by,
          breakthrough: state.currentBreakthrough.flatMap { $0.outcome == nil ? $0.id : nil }, replaces: nil)
      }
      let body: EventBody
      switch move {
      case .make(let what, let customer, let by, let element, let addresses):
        var terms = promiseTerms(actor, customer, what, by)
        terms.element = element
        terms.addresses = addresses
        body = .made(terms)
      case .deliver(let promise, let accepted, let note, let reason):
        body = .delivered(promise: promise, accepted: accepted, note: note, reason: reason)
      case .accept(let promise, let note): body = .accepted(promise: promise, note: note)
      case .reject(let promise, let note, let reason): body = .rejected(promise: promise, note: note, reason: reason)
      case .notKept(let promise, let note, let replacement, let reason):
        guard let original = state.promise(id: promise) else { return nil }
        let then = replacement.map { replacement -> PromiseTerms in
          var terms = promiseTerms(original.performer, original.customer, replacement.what, replacement.by)
          terms.replaces = promise
          terms.breakthrough = original.terms.breakthrough
          terms.element = original.terms.element
          return terms
        }
        body = .notKept(promise: promise, note: note, replacement: then, lateRenegotiation: false, reason: reason)
      case .renegotiate(let promise, let by, _, let note, _, _):
        guard let original = state.promise(id: promise) else { return nil }
        var terms = promiseTerms(original.performer, original.customer, original.what, by)
        terms.replaces = promise
        terms.breakthrough = original.terms.breakthrough
        terms.element = original.terms.element
        body = .renegotiated(promise: promise, note: note, replacement: terms)
      case .revoke(let promise, let note): body = .revoked(promise: promise, note: note)
      case .release(let promise, let note): body = .released(promise: promise, note: note)
      case .confidence(let promise, let level, let note): body = .confidence(promise: promise, level: level, note: note)
      case .undo(let event, let promise, _): body = .undone(event: event, promise: promise)
      case .declare(let statement, let by, let measure, let why):
        body = .declared(BreakthroughTerms(id: id, statement: statement, measure: measure, why: why, by: by))
      case .accountBreakthrough(let outcome, let note):
        body = .breakthroughAccounted(breakthrough: state.currentBreakthrough?.id ?? "none", outcome: outcome, note: note)
      case .importPromises: return nil
      case .recordMeeting(let note): body = .meetingHeld(note: note)
      case .request(let what, let performer, let by, let replyBy, let element),
        .offer(let what, let performer, let by, let replyBy, let element):
        let isOffer = move.kind == .offer
        body = .requestMade(
          RequestTerms(
            id: id, number: state.conversations.nextRequestNumber, customer: isOffer ? performer : actor,
            performer: isOffer ? actor : performer,
            what: what, by: by, replyBy: replyBy, element: element, isOffer: isOffer))
      case .promiseAsAsked(let request), .acceptOffer(let request):
        guard let asked = state.conversations.request(id: request) else { return nil }
        var terms = promiseTerms(asked.performer, asked.customer, asked.what, asked.by)
        terms.request = request
        terms.element = asked.terms.element
        body = .made(terms)
      case .counter(let request, let by, let what, let note): body = .requestCountered(request: request, by: by, what: what, note: note)
      case .decline(let request, let note): body = .requestDeclined(request: request, note: note)
      case .withdraw(let request, let note): body = .requestWithdrawn(request: request, note: note)
      case .enroll(let note): body = .enrolled(breakthrough: state.currentBreakthrough?.id ?? "none", note: note)
      case .notYet(let note): body = .notYet(breakthrough: state.currentBreakthrough?.id ?? "none", note: note)
      case .unenroll(let note): body = .unenrolled(breakthrough: state.currentBreakthrough?.id ?? "none", note: note)
      case .addElement(let what, let by):
        body = .elementAdded(ElementTerms(id: id, number: state.conversations.nextElementNumber, what: what, by: by))
      case .reviseElement(let element, let what, let by, let note): body = .elementRevised(element: element, what: what, by: by, note: note)
      case .meetElement(let element, let note): body = .elementMet(element: element, note: note)
      case .dropElement(let element, let note): body = .elementDropped(element: element, note: note)
      case .addReason(let key, let words): body = .reasonAdded(key: key, words: words)
      case .retireReason(let key, let note): body = .reasonRetired(key: key, note: note)
      }
      return Event(id: id, at: now, actor: actor, body: body)
    }
  }

  /// Numbers the ids of one run's moves.
  final class Counter: @unchecked Sendable {
    private var value = 0
    func next() -> String {
      value += 1
      return String(value)
    }
  }

  /// Everything the fold says but its count of events, what it left out and the next numbers.
  static func content(_ state: LedgerState) -> [String] { Array(SnapshotTests.fingerprint(state).dropFirst(2)) }

  @Test(arguments: [1, 2, 3])
  func theFoldAppliesAnEventIffItsMoveIsAllowed(seed: UInt64) throws {
    var world = World(random: SeededGenerator(seed: seed))
    let ids = Counter()
    for _ in 0..<1_000 {
      guard let kind = world.pick(Move.Kind.allCases), let move = world.move(kind) else { continue }
      let actor = world.person()
      let context = MoveContext(actor: actor, now: world.now, zone: world.zone) { "m-" + ids.next() }
      let leftOutBefore = world.state.leftOut.count
      if let outcome = try? world.state.outcome(of: move, context: context) {
        world.allowed += 1
        for event in outcome.events {
          #expect(world.state.breach(of: event) == nil, "\(kind) by \(actor) was allowed, so its event is folded")
          world.state.apply(event)
          if let promise = event.body.promiseID { world.lastEvents[promise] = event.id }
        }
        #expect(world.state.leftOut.count == leftOutBefore, "\(kind) by \(actor): nothing left out")
        continue
      }
      world.refused[kind, default: 0] += 1
      guard let forged = world.forged(move, by: actor) else { continue }
      let before = world.state
      world.state.apply(forged)
      #expect(world.state.leftOut.count == leftOutBefore + 1, "\(kind) by \(actor) was refused, so its forged event is left out")
      #expect(Self.content(world.state) == Self.content(before), "a left-out \(kind) changes nothing")
      let claimed = forged.body.numberClaimed
      #expect(
        world.state.nextNumber == before.nextNumber + (claimed?.series == .promise ? 1 : 0)
          && world.state.conversations.nextRequestNumber == before.conversations.nextRequestNumber + (claimed?.series == .request ? 1 : 0)
          && world.state.conversations.nextElementNumber == before.conversations.nextElementNumber + (claimed?.series == .element ? 1 : 0),
        "a left-out \(kind) takes only the next number it names")
    }
    // Both sides of the property were tried, for every kind a move can be refused for.
    #expect(world.allowed > 200)
    for kind in Move.Kind.allCases where ![.importPromises, .recordMeeting].contains(kind) {
      #expect(world.refused[kind, default: 0] > 0, "\(kind) was refused at least once")
    }
  }

  @Test func aWrongNumberOrAnIDTakenTwiceIsLeftOutAndTakesNoNumber() throws {
    var fixture = LedgerFixture()
    try fixture.promise("First")
    let first = fixture.promise(1)
    for number in [1, 3, 0, -4, 1_000_000] {
      let terms = PromiseTerms(
        id: "other-\(number)", number: number, performer: first.performer, customer: first.customer, what: "again", by: first.by,
        breakthrough: nil, replaces: nil)
      fixture.state.apply(Event(id: "e-\(number)", at: fixture.now, actor: first.performer, body: .made(terms)))
    }
    var again = first.terms
    again.number = 2
    fixture.state.apply(Event(id: "e-again", at: fixture.now, actor: first.performer, body: .made(again)))
    #expect(fixture.state.promises.count == 1 && fixture.state.nextNumber == 3, "only the attempt on the next number took it")
    #expect(fixture.state.leftOut.map(\.reason).last == "ana may not make P2: the ledger already has a promise with the id \(first.id)")
    #expect(fixture.state.leftOut.first?.reason == "ana may not make P1: the next promise is P2")
  }
}
