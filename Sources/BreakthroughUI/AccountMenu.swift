import BreakthroughCore

/// The `a` menu: how the selected promise can be accounted for, given where it stands.
struct AccountMenu: Sendable {
  struct Item: Sendable {
    let key: Character
    let label: String
    let choice: Choice
  }

  enum Choice: Sendable {
    case perform(MoveRequest)
    case open(Form)
  }

  let promiseID: String
  let title: String
  let items: [Item]
  var cursor = 0

  init?(for promise: Promise) {
    promiseID = promise.id
    title = "Account for \(promise.label)"
    let id = promise.id
    switch promise.state {
    case .open:
      items = [
        Item(key: "d", label: "done: report delivery (\(promise.customer) accepts)", choice: .perform(.deliver(promise: id, accepted: promise.performer == promise.customer))),
        Item(key: "m", label: "done and accepted in the meeting: kept", choice: .perform(.deliver(promise: id, accepted: true))),
        Item(key: "x", label: "not kept: say what happened, offer a replacement", choice: .open(.notKept(promise))),
        Item(key: "r", label: "renegotiate: new by-when agreed with \(promise.customer)", choice: .open(.renegotiate(promise))),
        Item(key: "v", label: "revoke: withdraw it, saying why", choice: .open(.revoke(promise))),
        Item(key: "l", label: "release: \(promise.customer) no longer needs it", choice: .open(.release(promise))),
      ]
    case .delivered:
      items = [
        Item(key: "a", label: "accept the delivery: kept", choice: .perform(.accept(promise: id))),
        Item(key: "e", label: "reject it, saying what is missing", choice: .open(.reject(promise))),
        Item(key: "l", label: "release: no longer needed", choice: .open(.release(promise))),
      ]
    default:
      return nil
    }
  }
}
