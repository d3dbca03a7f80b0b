import BreakthroughCore
import TerminalKit

/// An action of the check-in.
public typealias CheckinAction = ScreenAction<CheckinState>

extension CheckinState {
  /// Every key of the check-in, in the order the help lists them.
  public static let actions = ActionTable<CheckinState>([
    CheckinAction(name: "kept", keys: [.character("k")], help: "Kept: report it done (on a delivery to you: accept it)", hint: nil) { state in
      guard let promise = state.promiseOnScreen() else { return [] }
      if promise.state == .delivered && promise.customer == state.actor { return [.perform(.accept(promise: promise.id))] }
      return [.perform(.deliver(promise: promise.id, accepted: promise.performer == promise.customer))]
    },
    CheckinAction(name: "not kept", keys: [.character("x")], help: "Not kept: say what happened, offer a replacement (on a delivery to you: reject it)", hint: nil) { state in
      guard let promise = state.promiseOnScreen() else { return [] }
      state.overlay = .form(promise.state == .delivered && promise.customer == state.actor ? .reject(promise) : .notKept(promise))
      return []
    },
    CheckinAction(name: "renegotiate", keys: [.character("r")], help: "Renegotiate: a new by-when (after the by-when it is recorded as not kept)", hint: nil) { state in
      guard let promise = state.promiseOnScreen() else { return [] }
      state.overlay = .form(.renegotiate(promise, askingOnlyTheDate: true))
      return []
    },
    CheckinAction(name: "revoke", keys: [.character("v")], help: "Revoke: withdraw it, saying why", hint: nil) { state in
      guard let promise = state.promiseOnScreen() else { return [] }
      state.overlay = .form(.revoke(promise))
      return []
    },
    confidence(.onTrack, key: "1"),
    confidence(.atRisk, key: "2"),
    confidence(.offTrack, key: "3"),
    CheckinAction(name: "skip", keys: [.character("s"), .right, .character("l")], help: "Skip: leave it as it is for now", hint: nil) { state in
      if let item = state.currentItem { state.skipped.insert(item.promiseID) }
      state.advance()
      return []
    },
    CheckinAction(name: "back", keys: [.left, .character("h")], help: "Back to the previous item", hint: nil) { state in
      state.goBack()
      return []
    },
    CheckinAction(name: "new", keys: [.character("n")], help: "Make a new promise", hint: nil) { state in
      state.overlay = .form(.newPromise())
      return []
    },
    CheckinAction(name: "finish", keys: [.enter], help: "At the end: finish and see what was recorded", hint: nil) { state in
      guard state.currentItem == nil else {
        state.status = ("answer with one key (k x r v 1 2 3), or s to skip", true)
        return []
      }
      state.isFinished = true
      return []
    },
    CheckinAction(name: "help", keys: [.character("?")], help: "Show or hide this help", hint: "?:help") { state in
      state.overlay = .help
      return []
    },
    CheckinAction(name: "quit", keys: [.character("q"), .control("c")], help: "Quit: what you answered is already in the ledger", hint: "q:quit") { _ in [.quit] },
  ])

  static func confidence(_ level: Confidence, key: Character) -> CheckinAction {
    CheckinAction(name: level.words, keys: [.character(key)], help: "Confidence: \(level.words)", hint: nil) { state in
      guard let promise = state.promiseOnScreen() else { return [] }
      return [.perform(.confidence(promise: promise.id, level: level))]
    }
  }

  /// The promise on screen; when there is none, the status line says what can be done instead.
  mutating func promiseOnScreen() -> Promise? {
    guard let promise = currentPromise else {
      status = ("no promise here: n makes a new one, Enter finishes", true)
      return nil
    }
    return promise
  }
}
