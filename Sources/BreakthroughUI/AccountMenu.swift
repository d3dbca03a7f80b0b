import BreakthroughCore

/// The `a` menu: the moves the acting person may make on the selected promise, and nothing
/// they may not (the core's `allowedMoves` decides).
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

  let promiseID: String
  let title: String
  let items: [Item]
  var cursor = 0

  /// Nil when `actor` has nothing to do on `promise`: `LedgerState.whyNothingToDo` says why.
  init?(for promise: Promise, allowed: [Move.Kind]) {
    promiseID = promise.id
    title = "Account for \(promise.label)"
    items = allowed.flatMap { Self.items(for: $0, on: promise) }
    if items.isEmpty { return nil }
  }

  /// The menu lines that make a move of `kind`; confidence has its own keys (1 2 3).
  private static func items(for kind: Move.Kind, on promise: Promise) -> [Item] {
    let id = promise.id
    let toSelf = promise.performer == promise.customer
    switch kind {
    case .deliver where toSelf:
      return [Item(key: "d", label: "done: kept (you promised it to yourself)", choice: .perform(.deliver(promise: id, accepted: true)))]
    case .deliver:
      return [
        Item(
          key: "d", label: "done: report delivery (\(promise.customer) accepts)", choice: .perform(.deliver(promise: id, accepted: false))),
        Item(key: "m", label: "done and accepted in the meeting: kept", choice: .perform(.deliver(promise: id, accepted: true))),
      ]
    case .accept:
      return [Item(key: "a", label: "accept the delivery: kept", choice: .perform(.accept(promise: id)))]
    case .reject:
      return [Item(key: "e", label: "reject it, saying what is missing", choice: .open(.reject(promise)))]
    case .notKept:
      return [Item(key: "x", label: "not kept: say what happened, offer a replacement", choice: .open(.notKept(promise)))]
    case .renegotiate:
      return [Item(key: "r", label: "renegotiate: new by-when agreed with \(promise.customer)", choice: .open(.renegotiate(promise)))]
    case .revoke:
      return [Item(key: "v", label: "revoke: withdraw it, saying why", choice: .open(.revoke(promise)))]
    case .release:
      let who = toSelf || promise.state == .delivered ? "no longer needed" : "you no longer need it from \(promise.performer)"
      return [Item(key: "l", label: "release: \(who)", choice: .open(.release(promise)))]
    case .make, .confidence, .declare, .accountBreakthrough, .undo, .importPromises, .recordMeeting:
      return []
    }
  }
}
