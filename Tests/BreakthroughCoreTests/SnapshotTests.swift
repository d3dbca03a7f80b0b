import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// A snapshot holds exactly what the fold built: every field of every promise, and what the
/// fold needs to go on (numbers, undo, links both ways).
@Suite struct SnapshotTests {
  /// Everything the fold says, as text, so that two states can be compared whole.
  static func fingerprint(_ state: LedgerState) -> [String] {
    func time(_ date: Date?) -> String { date.map(Timestamp.text) ?? "-" }
    var lines = [
      "events \(state.eventCount) next \(state.nextNumber) people \(state.people.map(\.text))", "left out \(state.leftOut.map(\.reason))",
    ]
    for breakthrough in state.breakthroughs {
      let terms = breakthrough.terms
      lines.append(
        "B \(terms.id) \(terms.statement) \(terms.measure ?? "-") \(terms.why ?? "-") \(terms.by.ledgerText) "
          + "\(breakthrough.declaredBy) \(time(breakthrough.declaredAt)) \(breakthrough.outcome?.rawValue ?? "-") "
          + "\(breakthrough.outcomeNote ?? "-") \(time(breakthrough.accountedAt))")
    }
    for promise in state.promises.readEach() {
      let terms = promise.terms
      lines.append(
        "P \(terms.id) \(terms.number) \(terms.performer) \(terms.customer) \(terms.what) \(terms.by.ledgerText) "
          + "\(terms.breakthrough ?? "-") \(terms.replaces ?? "-") \(time(promise.madeAt)) \(promise.state.word) \(time(promise.deliveredAt)) "
          + "\(time(promise.closedAt)) \(promise.closedBy?.text ?? "-") \(promise.confidence?.rawValue ?? "-") \(promise.replacedBy ?? "-") "
          + "\(promise.wasRenegotiatedLate) \(terms.request ?? "-") \(terms.element ?? "-") \(terms.addresses ?? "-")")
      for entry in promise.history { lines.append("  \(time(entry.at)) \(entry.actor) \(entry.summary) \(entry.note ?? "-")") }
    }
    let conversations = state.conversations
    for request in conversations.requests {
      let terms = request.terms
      lines.append(
        "R \(terms.id) \(terms.number) \(terms.customer) \(terms.performer) \(terms.what) \(terms.by.ledgerText) "
          + "\(terms.replyBy?.ledgerText ?? "-") \(terms.element ?? "-") \(terms.isOffer) \(time(request.madeAt)) \(request.state.rawValue) "
          + "\(request.promise ?? "-") \(time(request.firstAnsweredAt)) \(time(request.closedAt))")
      for entry in request.history { lines.append("  \(time(entry.at)) \(entry.actor) \(entry.summary) \(entry.note ?? "-")") }
    }
    for element in conversations.elements {
      lines.append(
        "E \(element.id) \(element.terms.number) \(element.what) \(element.terms.by?.ledgerText ?? "-") \(element.addedBy) "
          + "\(time(element.addedAt)) \(element.state.rawValue) covered by \(state.promises(covering: element).map(\.label))")
      for entry in element.history { lines.append("  \(time(entry.at)) \(entry.actor) \(entry.summary) \(entry.note ?? "-")") }
    }
    let reasons = state.reasons
    lines += reasons.reasons.map { "reason \($0.key) \($0.words) \($0.addedBy?.text ?? "-") \($0.isRetired)" }
    lines += reasons.misses.map { "miss \($0.eventID) \($0.label) \($0.reason ?? "-") \(time($0.at)) \($0.kind.rawValue)" }
    lines += reasons.addressedBy.sorted { $0.key < $1.key }.map { "addressed \($0.key) by \($0.value)" }
    lines.append("roll \(conversations.roll.breakthrough ?? "-")")
    for entry in conversations.roll.entries {
      lines.append("  \(entry.person) \(entry.standing) \(entry.wasInBefore) \(time(entry.saidAt))")
    }
    return lines
  }

  static func roundTrip(_ state: LedgerState) throws -> LedgerState {
    let bytes = state.snapshot()
    return try LedgerState(snapshot: bytes)
  }

  /// A ledger with chains, a late renegotiation, undo, a released and a revoked promise.
  static func richFixture() throws -> LedgerFixture {
    var fixture = LedgerFixture()
    try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.declare(
        statement: "Three teams", by: ByWhen(day: context.localNow.day.adding(days: 90)), measure: "invoices", why: nil, context: context)
    }
    for number in 1...6 { try fixture.promise("Promise \(number) 日本", from: number % 2 == 0 ? "ana" : "李娜", to: "ben", dueIn: number) }
    try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.addReason(key: "tooling", words: "the tools got in the way", context: context)
    }
    try fixture.move(1, as: "李娜") { (state, promise, context) throws(Refusal) in
      try state.deliver(promise, accepted: false, note: "see wiki", context: context)
    }
    try fixture.move(1, as: "ben") { (state, promise, context) throws(Refusal) in try state.accept(promise, note: nil, context: context) }
    let newBy = ByWhen(day: fixture.today.adding(days: 12))
    try fixture.move(2, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.renegotiate(promise, by: newBy, what: nil, note: "later", context: context)
    }
    try fixture.move(3, as: "李娜") { (state, promise, context) throws(Refusal) in
      try state.stateConfidence(promise, .atRisk, note: nil, context: context)
    }
    try fixture.move(4, as: "ben") { (state, promise, context) throws(Refusal) in try state.release(promise, note: nil, context: context) }
    fixture.advance(days: 6)
    try fixture.move(5, as: "李娜") { (state, promise, context) throws(Refusal) in
      try state.renegotiate(
        promise, by: ByWhen(day: context.localNow.day.adding(days: 4)), what: "Smaller", note: nil, reason: "tooling", addresses: "tooling",
        context: context)
    }
    try fixture.move(6, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.accountNotKept(promise, note: "no one was free", then: nil, reason: "people", context: context)
    }
    try fixture.perform("ana") { (state, context) throws(Refusal) in try state.retireReason(key: "people", note: nil, context: context) }
    return fixture
  }

  @Test func aSnapshotHoldsWhatTheFoldBuilt() throws {
    let fixture = try Self.richFixture()
    let restored = try Self.roundTrip(fixture.state)
    #expect(Self.fingerprint(restored) == Self.fingerprint(fixture.state))
    // Its index finds every promise by id and by number; an unknown id finds none.
    for promise in fixture.state.promises.readEach() {
      #expect(restored.promise(id: promise.id)?.number == promise.number)
      #expect(restored.promise(number: promise.number)?.id == promise.id)
    }
    #expect(restored.promise(id: "no-such-id") == nil && restored.promise(number: 999) == nil)
    var demo = LedgerState()
    for event in DemoLedger.events(now: fixture.now, zone: fixture.zone) { demo.apply(event) }
    #expect(Self.fingerprint(try Self.roundTrip(demo)) == Self.fingerprint(demo))
    #expect(Self.fingerprint(try Self.roundTrip(LedgerState())) == Self.fingerprint(LedgerState()))
  }

  @Test func theFoldGoesOnFromASnapshotAsFromTheLines() throws {
    var fixture = try Self.richFixture()
    var restored = fixture
    restored.state = try Self.roundTrip(fixture.state)
    // The same moves on both: a new number, an undo of the last move, a chain followed.
    for index in [0, 1] {
      var copy = index == 0 ? fixture : restored
      let made = try copy.promise("After", dueIn: 2)
      #expect(made == 9, "numbers go on from the snapshot")
      let delivered = try copy.move(3, as: "李娜") { (state, promise, context) throws(Refusal) in
        try state.deliver(promise, accepted: false, note: nil, context: context)
      }
      try copy.undo(3, delivered.events.first?.id)
      #expect(copy.promise(3).state == .open)
      #expect(copy.state.chain(of: copy.promise(2)).map(\.label) == ["P2", "P7"])
      if index == 0 { fixture = copy } else { restored = copy }
    }
    #expect(Self.fingerprint(restored.state) == Self.fingerprint(fixture.state))
    // Saved again, pasts still held as the first snapshot's bytes are copied beside ones
    // decoded since, whose summaries ("undone: …") the first snapshot did not have.
    #expect(Self.fingerprint(try Self.roundTrip(restored.state)) == Self.fingerprint(fixture.state))
  }

  @Test func damagedSnapshotBytesAreRefusedNeverCrash() throws {
    Self.expectDamageRefusedNeverCrash(try Self.richFixture().state.snapshot(), rounds: 300, seed: 9)
  }

  /// Damages `bytes` `rounds` times, each way in turn: cut short and with bytes after its end
  /// (always refused), and a byte changed, which may still read as a snapshot (the file's
  /// checksum is the store's): whatever is read back can be looked at whole, a promise's past
  /// being read only then.
  static func expectDamageRefusedNeverCrash(_ bytes: [UInt8], rounds: Int, seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation)
  {
    var generator = SeededGenerator(seed: seed)
    for round in 0..<rounds {
      var damaged = bytes
      switch round % 3 {
      case 0:
        damaged = Array(damaged.prefix(Int.random(in: 0..<damaged.count, using: &generator)))
        #expect(throws: Refusal.self, "cut to \(damaged.count) bytes", sourceLocation: sourceLocation) {
          try LedgerState(snapshot: damaged)
        }
      case 1:
        damaged[Int.random(in: 0..<damaged.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
        if let state = try? LedgerState(snapshot: damaged) { _ = fingerprint(state) }
      default:
        damaged += (0..<Int.random(in: 1...16, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(throws: Refusal.self, "bytes after its end", sourceLocation: sourceLocation) { try LedgerState(snapshot: damaged) }
      }
    }
  }

}
