import Foundation

/// A promise as the ledger has made it so far: its terms, where it stands, and its history.
public struct Promise: Sendable {
  public internal(set) var terms: PromiseTerms
  public let madeAt: Date

  /// A promise as made (open), or as it stood when a snapshot was written (`progress`).
  init(terms: PromiseTerms, madeAt: Date, progress: Progress = Progress(), past: StoredPast) {
    self.terms = terms
    self.madeAt = madeAt
    self.progress = progress
    storedPast = past
  }
  /// Where it stands, kept as one value: undo puts back a whole one, and the snapshot writes
  /// and reads it with one codec for the record and the undo trail (`StoredProgress`).
  var progress: Progress
  public internal(set) var state: PromiseState {
    get { progress.state }
    set { progress.state = newValue }
  }
  /// When the performer last reported delivery (delivery time decides "on time").
  public internal(set) var deliveredAt: Date? {
    get { progress.deliveredAt }
    set { progress.deliveredAt = newValue }
  }
  /// When and by whom it was closed.
  public internal(set) var closedAt: Date? {
    get { progress.closedAt }
    set { progress.closedAt = newValue }
  }
  public internal(set) var closedBy: Handle? {
    get { progress.closedBy }
    set { progress.closedBy = newValue }
  }
  public internal(set) var confidence: Confidence? {
    get { progress.confidence }
    set { progress.confidence = newValue }
  }
  /// The promise that replaced this one, after a renegotiation or a not-kept accounting.
  public internal(set) var replacedBy: String? {
    get { progress.replacedBy }
    set { progress.replacedBy = newValue }
  }
  /// Renegotiation was asked for after the by-when, so it was recorded as not kept.
  public internal(set) var wasRenegotiatedLate: Bool {
    get { progress.wasRenegotiatedLate }
    set { progress.wasRenegotiatedLate = newValue }
  }
  var storedPast: StoredPast

  /// What happened to the promise, oldest first.
  public var history: [HistoryEntry] { storedPast.past.history }
  /// The last event that changed this promise: only it can be undone.
  var lastEventID: String { storedPast.past.lastEventID }
  var undoTrail: [UndoStep] { storedPast.past.undoTrail }
  /// Who made the promise's last move, the only one who may undo it (nil when it cannot be).
  public var lastMover: Handle? { undoTrail.last?.actor }

  /// Changes the past, decoding it first if it is still snapshot bytes.
  mutating func changePast<Result>(_ change: (inout PromisePast) -> Result) -> Result {
    var past = storedPast.past
    storedPast = .decoded(PromisePast(lastEventID: ""))
    defer { storedPast = .decoded(past) }
    return change(&past)
  }

  /// Notes that `eventID`, said by `actor`, changed the promise, and how it stood before.
  mutating func remember(_ eventID: String, by actor: Handle, before: Progress?) {
    changePast { $0.remember(eventID, by: actor, before: before) }
  }

  mutating func record(_ entry: HistoryEntry) {
    changePast { $0.history.append(entry) }
  }

  /// Where a promise stands, apart from its terms and history.
  struct Progress: Sendable, Equatable {
    var state: PromiseState = .open
    var deliveredAt: Date?
    var closedAt: Date?
    var closedBy: Handle?
    var confidence: Confidence?
    var replacedBy: String?
    var wasRenegotiatedLate = false
  }

  @inlinable
  public var id: String { terms.id }
  @inlinable
  public var number: Int { terms.number }
  @inlinable
  public var performer: Handle { terms.performer }
  @inlinable
  public var customer: Handle { terms.customer }
  @inlinable
  public var what: String { terms.what }
  @inlinable
  public var by: ByWhen { terms.by }
  @inlinable
  public var replaces: String? { terms.replaces }

  /// `P12`.
  public var label: String { "P\(terms.number)" }

  /// Open and past its by-when: an accounting is owed.
  @inlinable
  public func isOverdue(at now: LocalMoment) -> Bool {
    state == .open && by.isPast(at: now)
  }

  /// Delivered at or before the by-when (delivery time counts, not acceptance time).
  public func wasDeliveredOnTime(on clock: inout LocalClock) -> Bool {
    PromiseFacts(self).wasDeliveredOnTime(on: &clock)
  }

  /// Closed before its by-when by renegotiation or revocation: honored with notice.
  public func wasClosedWithNotice(on clock: inout LocalClock) -> Bool {
    PromiseFacts(self).wasClosedWithNotice(on: &clock)
  }
}

/// One line of a promise's history.
public struct HistoryEntry: Sendable {
  public let at: Date
  public let actor: Handle
  /// What happened, in words ("made", "delivered", "accepted", "stated at risk" …).
  public let summary: String
  public let note: String?

  public init(at: Date, actor: Handle, summary: String, note: String?) {
    self.at = at
    self.actor = actor
    self.summary = summary
    self.note = note
  }
}

/// A breakthrough as declared, and how it was accounted for.
public struct Breakthrough: Sendable {
  public let terms: BreakthroughTerms
  public let declaredBy: Handle
  public let declaredAt: Date
  public internal(set) var outcome: BreakthroughOutcome?
  public internal(set) var outcomeNote: String?
  public internal(set) var accountedAt: Date?

  public var id: String { terms.id }
}
