import BreakthroughCore
import TerminalKit

/// An action of the check-in.
public typealias CheckinAction = ScreenAction<CheckinState>

extension CheckinState {
  /// Every key of the check-in, in the order the help lists them and the item shows them. The
  /// move keys are offered only when the core allows the move to the person checking in.
  public static let actions = ActionTable<CheckinState>([
    move(
      "kept", key: "k", help: "Kept: report it done (on a delivery to you: accept it)",
      choices: [(.accept, "accept: kept"), (.deliver, "kept")]
    ) { promise, kind in
      kind == .accept ? .perform(.accept(promise: promise.id)) : .perform(.deliver(promise: promise.id, accepted: false))
    },
    move(
      "not kept", key: "x", help: "Not kept: say what happened, offer a replacement (on a delivery to you: reject it)",
      choices: [(.reject, "reject: say what is missing"), (.notKept, "not kept")]
    ) { promise, kind in
      .open(kind == .reject ? .reject(promise) : .notKept(promise))
    },
    move(
      "renegotiate", key: "r", help: "Renegotiate: a new by-when (after the by-when it is recorded as not kept)",
      choices: [(.renegotiate, "renegotiate")]
    ) { promise, _ in .open(.renegotiate(promise, askingOnlyTheDate: true)) },
    move("revoke", key: "v", help: "Revoke: withdraw it, saying why", choices: [(.revoke, "revoke")]) { promise, _ in
      .open(.revoke(promise))
    },
    confidence(.onTrack, key: "1"),
    confidence(.atRisk, key: "2"),
    confidence(.offTrack, key: "3"),
    CheckinAction(
      name: "skip", keys: [.character("s"), .right, .character("l")], help: "Skip: leave it as it is for now", hint: nil,
      offer: { $0.currentItem == nil ? nil : "skip" }
    ) { state in
      if let item = state.currentItem { state.skipped.insert(item.promiseID) }
      state.advance()
      return []
    },
    CheckinAction(
      name: "new", keys: [.character("n")], help: "Make a new promise", hint: nil,
      offer: { $0.currentItem == nil ? "make a new promise" : nil }
    ) { state in
      state.overlay = .form(.newPromise())
      return []
    },
    CheckinAction(
      name: "finish", keys: [.enter], help: "At the end: finish and see what was recorded", hint: nil,
      offer: { $0.currentItem == nil ? "finish" : nil }
    ) { state in
      guard state.currentItem == nil else {
        state.status = ("answer with one of the keys shown under the promise, or s to skip", true)
        return []
      }
      state.isFinished = true
      return []
    },
    CheckinAction(name: "back", keys: [.left, .character("h")], help: "Back to the previous item", hint: nil, offer: { _ in "back" }) {
      state in
      state.goBack()
      return []
    },
    CheckinAction(name: "help", keys: [.character("?")], help: "Show or hide this help", hint: "?:help") { state in
      state.overlay = .help
      return []
    },
    CheckinAction(
      name: "quit", keys: [.character("q"), .control("c")], help: "Quit: what you answered is already in the ledger", hint: "q:quit",
      offer: { _ in "quit" }
    ) { _ in [.quit] },
  ])

  /// What a move key does once the move is chosen: made at once, or a form that asks the rest.
  enum Answer {
    case perform(Move)
    case open(Form)
  }

  /// A key that makes the first of `choices` the person may make on the item's promise, and is
  /// offered (with that choice's words) only when there is one.
  static func move(
    _ name: String, key: Character, help: String, choices: [(kind: Move.Kind, words: String)],
    answer: @escaping @Sendable (Promise, Move.Kind) -> Answer
  ) -> CheckinAction {
    @Sendable func choice(_ state: CheckinState) -> (promise: Promise, kind: Move.Kind, words: String)? {
      guard let promise = state.currentPromise else { return nil }
      let allowed = state.ledger.allowedMoves(for: promise, actor: state.actor)
      return choices.first { allowed.contains($0.kind) }.map { (promise, $0.kind, $0.words) }
    }
    return CheckinAction(name: name, keys: [.character(key)], help: help, hint: nil, offer: { choice($0)?.words }) { state in
      guard let chosen = choice(state) else {
        state.refuseKey(key, kind: choices[choices.count - 1].kind)
        return []
      }
      switch answer(chosen.promise, chosen.kind) {
      case .perform(let move): return [.perform(move)]
      case .open(let form):
        state.overlay = .form(form)
        return []
      }
    }
  }

  static func confidence(_ level: Confidence, key: Character) -> CheckinAction {
    move(level.words, key: key, help: "Confidence: \(level.words)", choices: [(.confidence, level.words)]) { promise, _ in
      .perform(.confidence(promise: promise.id, level: level))
    }
  }

  /// Says why a key does nothing here, in the core's words.
  mutating func refuseKey(_ key: Character, kind: Move.Kind) {
    guard let promise = currentPromise else {
      status = ("no promise here: n makes a new one, Enter finishes", true)
      return
    }
    let why = ledger.refusal(of: kind, on: promise, actor: actor, zone: zone)?.message ?? ledger.whyNothingToDo(on: promise, actor: actor)
    status = ("\(key): \(why)", true)
  }
}
