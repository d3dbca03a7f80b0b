import BreakthroughCore
import Foundation

/// A ledger built in memory with a hand-turned clock and ids counted from one, the same on
/// every run: the one builder of ledgers for tests.
public struct LedgerFixture {
  public var state = LedgerState()
  public var now: Date
  public let zone: TimeZone
  /// Every event applied, as ledger lines.
  public private(set) var lines: [String] = []
  private var counter = 0

  public init(now: String = "2026-11-26T12:00:00.000Z", zone: TimeZone = TimeZone(identifier: "UTC") ?? .current) {
    self.now = Timestamp.parse(now) ?? Date(timeIntervalSince1970: 0)
    self.zone = zone
  }

  public mutating func context(_ actor: String) -> MoveContext {
    counter += 1
    let prefix = "id-\(counter)"
    let sequence = IDCounter()
    return MoveContext(actor: handle(actor), now: now, zone: zone, makeID: { prefix + "-" + sequence.next() })
  }

  public var today: CalendarDay { LocalMoment(now, in: zone).day }

  /// Applies a move's events and returns its outcome.
  @discardableResult
  public mutating func perform(_ actor: String, _ move: (LedgerState, MoveContext) throws(Refusal) -> MoveOutcome) throws(Refusal)
    -> MoveOutcome
  {
    let outcome = try move(state, context(actor))
    for event in outcome.events {
      state.apply(event)
      lines.append(EventCoding.line(for: event))
    }
    return outcome
  }

  /// Makes `move` as `actor` through `LedgerState.outcome(of:context:)`, as the product does.
  @discardableResult
  public mutating func perform(_ move: Move, as actor: String) throws(Refusal) -> MoveOutcome {
    try perform(actor) { (state, context) throws(Refusal) in try state.outcome(of: move, context: context) }
  }

  /// Makes a promise from `performer` to `customer` due `days` from today; returns its number.
  @discardableResult
  public mutating func promise(
    _ what: String = "Ship it", from performer: String = "ana", to customer: String = "ben",
    dueIn days: Int = 3
  ) throws(Refusal) -> Int {
    let by = ByWhen(day: today.adding(days: days))
    try perform(performer) { (state, context) throws(Refusal) in
      try state.makePromise(what: what, to: handle(customer), by: by, context: context)
    }
    return state.nextNumber - 1
  }

  public func promise(_ number: Int) -> Promise {
    state.promise(number: number) ?? { fatalError("no P\(number)") }()
  }

  /// Moves the clock by whole days.
  public mutating func advance(days: Int) {
    now = now.addingTimeInterval(Double(days) * 86_400)
  }
}

/// Makes distinct id suffixes within one move.
private final class IDCounter: @unchecked Sendable {
  private var value = 0
  func next() -> String {
    value += 1
    return String(value)
  }
}

extension LedgerFixture {
  /// Sets the clock to a UTC time (`2026-11-01T12:00`).
  public mutating func at(_ text: String) {
    now = Timestamp.parse(text + ":00.000Z") ?? now
  }

  /// Makes a promise due on a given day (`2026-11-05`); returns its number.
  @discardableResult
  public mutating func promise(from performer: String, to customer: String, by day: String) throws(Refusal) -> Int {
    guard let by = ByWhen(ledgerText: day) else { throw Refusal("bad test date \(day)") }
    try perform(performer) { (state, context) throws(Refusal) in
      try state.makePromise(what: "Promise due \(day)", to: handle(customer), by: by, context: context)
    }
    return state.nextNumber - 1
  }

  /// Performs a move on promise `number` as `actor`; returns what it did.
  @discardableResult
  public mutating func move(_ number: Int, as actor: String, _ move: (LedgerState, Promise, MoveContext) throws(Refusal) -> MoveOutcome)
    throws(Refusal) -> MoveOutcome
  {
    let promise = self.promise(number)
    return try perform(actor) { (state, context) throws(Refusal) in try move(state, promise, context) }
  }

  /// Takes back the event `eventID` on promise `number`, as whoever made the promise's last move.
  public mutating func undo(_ number: Int, _ eventID: String?) throws(Refusal) {
    try move(number, as: promise(number).lastMover?.text ?? "ana") { (state, promise, context) throws(Refusal) in
      try state.undo(eventID: eventID ?? "", on: promise, what: promise.label, context: context)
    }
  }
}
