import BreakthroughCore

/// The `a` menu: the moves the acting person may make on the selected promise (or request),
/// and nothing they may not (the core's `allowedMoves` decides).
struct AccountMenu: Sendable {
  struct Item: Sendable {
    let key: Character
    let label: String
    let choice: Choice
  }

  enum Choice: Sendable {
    case perform(Move)
    case open(Form)
  }

  let title: String
  let items: [Item]
  var cursor = 0

  /// Nil when `actor` has nothing to do on `promise`: `LedgerState.whyNothingToDo` says why.
  /// `reasons`: the team's list, which the forms of a miss pick from; `now` says whether a
  /// renegotiation would come after the by-when (and so need one).
  init?(for promise: Promise, allowed: [Move.Kind], reasons: [Reason], now: LocalMoment) {
    title = "Account for \(promise.label)"
    items = allowed.flatMap { Self.items(for: $0, on: promise, reasons: reasons, now: now) }
    if items.isEmpty { return nil }
  }

  /// Nil when `actor` has nothing to do on `request`: `LedgerState.whyNothingToDo` says why.
  init?(for request: Request, allowed: [Move.Kind]) {
    title = "Answer \(request.label): \(request.what)"
    items = allowed.compactMap { Self.item(for: $0, on: request) }
    if items.isEmpty { return nil }
  }

  private static func item(for kind: Move.Kind, on request: Request) -> Item? {
    let id = request.id
    switch kind {
    case .promiseAsAsked:
      return Item(
        key: "p", label: "promise it as asked: to \(request.customer), by \(request.by.description)",
        choice: .perform(.promiseAsAsked(request: id)))
    case .acceptOffer:
      return Item(
        key: "a", label: "accept: \(request.performer) promises it, by \(request.by.description)",
        choice: .perform(.acceptOffer(request: id)))
    case .counter: return Item(key: "c", label: "counter: propose another by-when or what", choice: .open(.counter(request)))
    case .decline: return Item(key: "d", label: "decline it, saying why (an honest no)", choice: .open(.decline(request)))
    case .withdraw: return Item(key: "w", label: "withdraw your proposal", choice: .open(.withdraw(request)))
    case .make, .deliver, .accept, .reject, .notKept, .renegotiate, .revoke, .release, .confidence, .declare, .accountBreakthrough, .undo,
      .importPromises, .recordMeeting, .request, .offer, .enroll, .notYet, .unenroll, .addElement, .reviseElement, .meetElement,
      .dropElement, .addReason, .retireReason:
      return nil
    }
  }

  /// The menu lines that make a move of `kind`; confidence has its own keys (1 2 3).
  private static func items(for kind: Move.Kind, on promise: Promise, reasons: [Reason], now: LocalMoment) -> [Item] {
    let id = promise.id
    let toSelf = promise.performer == promise.customer
    switch kind {
    case .deliver:
      // After the by-when a reason may be given, never asked for: one more line, one key.
      let late =
        promise.by.isPast(at: now)
        ? [
          Item(key: "w", label: "done late: say why (a reason)", choice: .open(.lateDelivery(promise, accepted: toSelf, reasons: reasons)))
        ]
        : []
      guard !toSelf else {
        return [Item(key: "d", label: "done: kept (you promised it to yourself)", choice: .perform(.deliver(promise: id, accepted: true)))]
          + late
      }
      return [
        Item(
          key: "d", label: "done: report delivery (\(promise.customer) accepts)", choice: .perform(.deliver(promise: id, accepted: false))),
        Item(key: "m", label: "done and accepted in the meeting: kept", choice: .perform(.deliver(promise: id, accepted: true))),
      ] + late
    case .accept:
      return [Item(key: "a", label: "accept the delivery: kept", choice: .perform(.accept(promise: id)))]
    case .reject:
      return [Item(key: "e", label: "reject it, saying what is missing", choice: .open(.reject(promise, reasons: reasons)))]
    case .notKept:
      return [
        Item(key: "x", label: "not kept: why, what happened, offer a replacement", choice: .open(.notKept(promise, reasons: reasons)))
      ]
    case .renegotiate:
      let late = promise.by.isPast(at: now) ? reasons : nil
      return [
        Item(
          key: "r", label: "renegotiate: new by-when agreed with \(promise.customer)",
          choice: .open(.renegotiate(promise, lateReasons: late)))
      ]
    case .revoke:
      return [Item(key: "v", label: "revoke: withdraw it, saying why", choice: .open(.revoke(promise)))]
    case .release:
      let who = toSelf || promise.state == .delivered ? "no longer needed" : "you no longer need it from \(promise.performer)"
      return [Item(key: "l", label: "release: \(who)", choice: .open(.release(promise)))]
    case .confidence, .make, .declare, .accountBreakthrough, .undo, .importPromises, .recordMeeting, .request, .offer, .promiseAsAsked,
      .acceptOffer, .counter, .decline, .withdraw, .enroll, .notYet, .unenroll, .addElement, .reviseElement, .meetElement, .dropElement,
      .addReason, .retireReason:
      return []
    }
  }
}
