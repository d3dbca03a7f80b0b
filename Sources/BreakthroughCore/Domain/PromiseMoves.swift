import Foundation

/// Every move in the life of a promise. Each checks that the state allows it, and either
/// returns the event to append or refuses with a sentence that says why and what is allowed.
extension LedgerState {
  /// The promise that `reference` names: `P12`, `p12` or `12`.
  public func promise(named reference: String) throws(Refusal) -> Promise {
    let number = try Self.number(in: reference, prefix: "P", of: "promise")
    guard let promise = promise(number: number) else {
      if let attempt = leftOut(naming: "P\(number)").first {
        throw Refusal(
          "there is no promise P\(number): the event that would have made it was left out (\(attempt.reason)); see `breakthrough log --left-out`"
        )
      }
      let range = promises.isEmpty ? "the ledger has no promises yet" : "numbers go from P1 to P\(nextNumber - 1)"
      throw Refusal("there is no promise P\(number): \(range); see `breakthrough list --all`")
    }
    return promise
  }

  /// The number in `P12`, `p12` or `12` (with `prefix` P); a refusal that shows the form otherwise.
  static func number(in reference: String, prefix: Character, of kind: String) throws(Refusal) -> Int {
    let trimmed = reference.trimmingCharacters(in: .whitespaces)
    let digits = trimmed.first.map { $0.uppercased() == String(prefix) } == true ? trimmed.dropFirst() : Substring(trimmed)
    guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits) else {
      throw Refusal("\"\(Escaping.forDisplay(reference))\" is not a \(kind) number: write it as \(prefix)12 (or 12)")
    }
    return number
  }

  /// Makes a new promise from the actor to `customer`, linked to the current breakthrough and,
  /// when given, to the element it covers.
  public func makePromise(
    what: String, to customer: Handle, by: ByWhen, element: String? = nil, addresses: String? = nil, context: MoveContext
  ) throws(Refusal) -> MoveOutcome {
    let terms = PromiseTerms(
      id: context.makeID(), number: nextNumber, performer: context.actor, customer: customer,
      what: try Self.sentence(what, field: "what"), by: by, breakthrough: openBreakthroughID, replaces: nil,
      element: try openElement(element), addresses: try givenReason(addresses, for: "--addresses"))
    return MoveOutcome(events: [context.event(.made(terms))], summary: "P\(terms.number)")
  }

  /// The performer reports delivery; kept at once when accepted or when performer and customer are one.
  public func deliver(
    _ promise: Promise, accepted: Bool, note: String?, reason: String? = nil, context: MoveContext
  ) throws(Refusal) -> MoveOutcome {
    try check(.deliver, on: promise, context: context)
    let isLate = promise.by.isPast(at: context.localNow)
    if reason != nil, !isLate {
      throw Refusal("\(promise.label) is on time: a reason is for a late delivery; leave out --reason")
    }
    let reason = try missReason(reason, note: note, required: false)
    let keptAtOnce = accepted || promise.performer == promise.customer
    let event = context.event(.delivered(promise: promise.id, accepted: keptAtOnce, note: Self.optional(note), reason: reason))
    let lateness = isLate ? " (after its by-when, \(promise.by.description))" : " (on time)"
    let summary =
      keptAtOnce
      ? "\(promise.label) delivered\(lateness) and kept"
      : "\(promise.label) delivered\(lateness); it waits for \(promise.customer) to accept or reject it"
    return MoveOutcome(events: [event], summary: summary)
  }

  /// The customer accepts a delivery: the promise is kept.
  public func accept(_ promise: Promise, note: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try check(.accept, on: promise, context: context)
    return MoveOutcome(
      events: [context.event(.accepted(promise: promise.id, note: Self.optional(note)))],
      summary: "\(promise.label) accepted: kept")
  }

  /// The customer rejects a delivery, saying what is missing: the promise is open again.
  public func reject(_ promise: Promise, note: String, reason: String? = nil, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try check(.reject, on: promise, context: context)
    let note = try Self.sentence(note, field: "note (what is missing)")
    let reason = try missReason(reason, note: note, required: false)
    return MoveOutcome(
      events: [context.event(.rejected(promise: promise.id, note: note, reason: reason))],
      summary: "\(promise.label) rejected: open again for \(promise.performer)")
  }

  /// The performer accounts that it was not kept, optionally with the promise that replaces it.
  public func accountNotKept(
    _ promise: Promise, note: String, then replacement: Move.Replacement?, reason: String? = nil,
    context: MoveContext
  ) throws(Refusal) -> MoveOutcome {
    try check(.notKept, on: promise, context: context)
    let note = try Self.sentence(note, field: "note (what happened)")
    let reason = try missReason(reason, note: note, required: true)
    let terms = try replacement.map { (replacement) throws(Refusal) in
      try replacementTerms(
        for: promise, what: replacement.what, by: replacement.by, addresses: replacement.addresses, context: context)
    }
    let event = context.event(.notKept(promise: promise.id, note: note, replacement: terms, lateRenegotiation: false, reason: reason))
    let then = terms.map { "; P\($0.number) replaces it, by \($0.by.description)" } ?? ""
    return MoveOutcome(events: [event], summary: "\(promise.label) accounted as not kept\(then)")
  }

  /// New terms agreed: the promise closes and a linked one carries the new by-when. After the
  /// by-when this is recorded as not kept plus the replacement, and the summary says so.
  public func renegotiate(
    _ promise: Promise, by newBy: ByWhen, what: String?, note: String?, reason: String? = nil, addresses: String? = nil,
    context: MoveContext
  ) throws(Refusal) -> MoveOutcome {
    try check(.renegotiate, on: promise, context: context)
    let terms = try replacementTerms(
      for: promise, what: what ?? promise.what, by: newBy, addresses: addresses, context: context)
    guard promise.by.isPast(at: context.localNow) else {
      if reason != nil {
        throw Refusal("\(promise.label) is not due yet, so renegotiating it now is with notice, not a miss; leave out --reason")
      }
      let event = context.event(.renegotiated(promise: promise.id, note: Self.optional(note), replacement: terms))
      return MoveOutcome(
        events: [event], summary: "\(promise.label) renegotiated with notice; P\(terms.number) replaces it, by \(newBy.description)")
    }
    let reason = try missReason(reason, note: note, required: true)
    let note = Self.optional(note) ?? "renegotiated after the by-when"
    let event = context.event(.notKept(promise: promise.id, note: note, replacement: terms, lateRenegotiation: true, reason: reason))
    return MoveOutcome(
      events: [event],
      summary:
        "\(promise.label) was due \(promise.by.description), so it is recorded as not kept; P\(terms.number) replaces it, by \(newBy.description)"
    )
  }

  /// The performer withdraws the promise, with a note.
  public func revoke(_ promise: Promise, note: String, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try check(.revoke, on: promise, context: context)
    let note = try Self.sentence(note, field: "note (why)")
    let notice = promise.by.isPast(at: context.localNow) ? " after its by-when" : " with notice"
    return MoveOutcome(
      events: [context.event(.revoked(promise: promise.id, note: note))],
      summary: "\(promise.label) revoked\(notice)")
  }

  /// The customer no longer needs it.
  public func release(_ promise: Promise, note: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try check(.release, on: promise, context: context)
    return MoveOutcome(
      events: [context.event(.released(promise: promise.id, note: Self.optional(note)))],
      summary: "\(promise.label) released by \(promise.customer)")
  }

  /// The performer states confidence in an open promise.
  public func stateConfidence(_ promise: Promise, _ level: Confidence, note: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try check(.confidence, on: promise, context: context)
    var summary = "\(promise.label): \(level.words)"
    let daysLeft = context.localNow.day.days(until: promise.by.day)
    if level != .onTrack, promise.by.isPast(at: context.localNow) {
      // Past its by-when there is no "while you still can": a renegotiation now is recorded as not kept.
      summary +=
        "; it was due \(promise.by.description), so renegotiating now records it as not kept and makes a new promise "
        + "(breakthrough renegotiate \(promise.label) --by DATE)"
    } else if level != .onTrack, daysLeft <= 2 {
      summary +=
        "; it is due \(promise.by.description): renegotiate now, while you still can (breakthrough renegotiate \(promise.label) --by DATE)"
    }
    return MoveOutcome(events: [context.event(.confidence(promise: promise.id, level: level, note: Self.optional(note)))], summary: summary)
  }

  /// Takes back the last move on `promise` with a compensating event, if nothing happened since.
  public func undo(eventID: String, on promise: Promise, what summary: String, context: MoveContext) throws(Refusal) -> MoveOutcome {
    guard promise.lastEventID == eventID else {
      throw Refusal(
        "\(promise.label) has changed since (\(promise.history.last?.summary ?? "another move")), so your move can no longer be undone; nothing changed"
      )
    }
    return MoveOutcome(events: [context.event(.undone(event: eventID, promise: promise.id))], summary: "undone: \(summary)")
  }

  // MARK: - Rules shared by the moves

  var openBreakthroughID: String? {
    guard let current = currentBreakthrough, current.outcome == nil else { return nil }
    return current.id
  }

  func replacementTerms(
    for promise: Promise, what: String, by: ByWhen, addresses: String? = nil, context: MoveContext
  ) throws(Refusal) -> PromiseTerms {
    PromiseTerms(
      id: context.makeID(), number: nextNumber, performer: promise.performer, customer: promise.customer,
      what: try Self.sentence(what, field: "what"), by: by, breakthrough: promise.terms.breakthrough,
      replaces: promise.id, element: promise.terms.element, addresses: try givenReason(addresses, for: "--addresses"))
  }

  /// Where a promise stands, in words: "already kept (accepted by ben on 2026-11-20)".
  public func standing(of promise: Promise, zone: TimeZone) -> String {
    let when = promise.closedAt.map { " on \(LocalMoment($0, in: zone).day.iso)" } ?? ""
    let who = promise.closedBy.map { " by \($0)" } ?? ""
    let replaced = promise.replacedBy.flatMap { self.promise(id: $0) }.map { ", replaced by \($0.label)" } ?? ""
    switch promise.state {
    case .open: return "open"
    case .delivered: return "delivered and waits for \(promise.customer) to accept or reject it"
    case .kept:
      let how = promise.history.last?.summary ?? "accepted"
      return "already kept (\(how)\(who)\(when))"
    case .notKept: return "already accounted as not kept (\(who.dropFirst())\(when)\(replaced))"
    case .renegotiated: return "already renegotiated (\(who.dropFirst())\(when)\(replaced))"
    case .revoked: return "already revoked (\(who.dropFirst())\(when))"
    case .released: return "already released (\(who.dropFirst())\(when))"
    case .withdrawn: return "withdrawn (its making was undone\(who)\(when))"
    }
  }

  /// Text that must say something: trimmed, not empty.
  static func sentence(_ text: String, field: String) throws(Refusal) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw Refusal("the \(field) is empty: say it in one sentence") }
    return trimmed
  }

  static func optional(_ text: String?) -> String? {
    guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
    return trimmed
  }
}
