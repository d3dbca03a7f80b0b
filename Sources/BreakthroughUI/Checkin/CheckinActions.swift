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
    ) { promise, kind, _ in
      kind == .accept ? .perform(.accept(promise: promise.id)) : .perform(.deliver(promise: promise.id, accepted: false))
    },
    CheckinAction(
      name: "done late", keys: [.character("w")],
      help: "Kept after its by-when: report it done and say why it came late (a reason, one key)", hint: nil,
      offer: { $0.lateDelivery == nil ? nil : "done late: say why" }
    ) { state in
      guard let promise = state.lateDelivery else {
        if let promise = state.currentPromise, state.ledger.allowedMoves(for: promise, actor: state.actor).contains(.deliver) {
          state.status = .error("w: \(promise.label) is not late (due \(promise.by.description)): k reports it done")
        } else {
          state.refuseKey("w", kind: .deliver)
        }
        return []
      }
      let toSelf = promise.performer == promise.customer
      state.overlay = .form(.lateDelivery(promise, accepted: toSelf, reasons: state.ledger.reasons.active))
      return []
    },
    move(
      "not kept", key: "x", help: "Not kept: say what happened, offer a replacement (on a delivery to you: reject it)",
      choices: [(.reject, "reject: say what is missing"), (.notKept, "not kept")]
    ) { promise, kind, state in
      let reasons = state.ledger.reasons.active
      return .open(kind == .reject ? .reject(promise, reasons: reasons) : .notKept(promise, reasons: reasons))
    },
    move(
      "renegotiate", key: "r", help: "Renegotiate: a new by-when (after the by-when it is recorded as not kept)",
      choices: [(.renegotiate, "renegotiate")]
    ) { promise, _, state in .open(state.renegotiationForm(promise)) },
    move("revoke", key: "v", help: "Revoke: withdraw it, saying why", choices: [(.revoke, "revoke")]) { promise, _, _ in
      .open(.revoke(promise))
    },
    CheckinAction(
      name: "in", keys: [.character("y")], help: "The breakthrough: yes, I'm in", hint: nil,
      offer: { $0.isAskingEnrollment ? "yes, I'm in" : nil }
    ) { state in
      guard state.isAskingEnrollment else { return [] }
      return [.perform(.enroll())]
    },
    CheckinAction(
      name: "not yet / new", keys: [.character("n")],
      help: "The breakthrough: not yet, and what it would take; at the end: make a new promise",
      hint: nil,
      offer: { state in
        if state.isAskingEnrollment { return "not yet: say what it would take" }
        return state.currentItem == nil ? "make a new promise" : nil
      }
    ) { state in
      if state.isAskingEnrollment {
        state.overlay = .form(.notYet())
      } else if state.currentItem == nil {
        state.overlay = .form(.newPromise())
      }
      return []
    },
    answer(
      "promise", key: "p", help: "A request to you: promise it as asked (an offer or a counter: accept it)",
      kinds: [.promiseAsAsked, .acceptOffer]),
    answer("counter", key: "c", help: "A request to you: counter with another by-when or what", kinds: [.counter]),
    answer("decline", key: "d", help: "A request to you: decline it, saying why", kinds: [.decline]),
    confidence(.onTrack, key: "1"),
    confidence(.atRisk, key: "2"),
    confidence(.offTrack, key: "3"),
    CheckinAction(
      name: "skip", keys: [.character("s"), .right, .character("l")], help: "Skip: leave it as it is for now", hint: nil,
      offer: { $0.currentItem == nil ? nil : "skip" }
    ) { state in
      if let item = state.currentItem { state.skipped.insert(item.id) }
      state.advance()
      return []
    },
    CheckinAction(
      name: "ask", keys: [.character("a")], help: "At the end: ask someone for a promise", hint: nil,
      offer: { $0.currentItem == nil ? "ask someone for a promise" : nil }
    ) { state in
      if state.currentItem == nil { state.overlay = .form(.newRequest()) }
      return []
    },
    CheckinAction(
      name: "promise for an element", keys: [.character("e")], help: "At the end: promise something for what the breakthrough needs most",
      hint: nil,
      offer: { state in
        guard state.currentItem == nil, let first = state.uncoveredElements.first else { return nil }
        return "promise something for \(first.element.label)"
      }
    ) { state in
      if state.currentItem == nil, let first = state.uncoveredElements.first { state.overlay = .form(.newPromise(for: first.element)) }
      return []
    },
    CheckinAction(
      name: "finish", keys: [.enter], help: "At the end: finish and see what was recorded", hint: nil,
      offer: { $0.currentItem == nil ? "finish" : nil }
    ) { state in
      guard state.currentItem == nil else {
        state.status = .error("answer with one of the keys shown under the promise, or s to skip")
        return []
      }
      state.isFinished = true
      return []
    },
    CheckinAction(
      name: "undo", keys: [.character("u")], help: "Undo your last answer in this check-in (a compensating event)", hint: nil,
      offer: { $0.undoable.isEmpty ? nil : "undo your last answer" }
    ) { state in
      guard let last = state.undoable.last else {
        state.status = .error("nothing of this check-in to undo")
        return []
      }
      return [.perform(.undo(event: last.event, promise: last.promise, summary: last.summary))]
    },
    CheckinAction(name: "back", keys: [.left, .character("h")], help: "Back to the previous item", hint: nil, offer: { _ in "back" }) {
      state in
      state.goBack()
      return []
    },
    help(CheckinState.self),
    suspend(CheckinState.self),
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
    answer: @escaping @Sendable (Promise, Move.Kind, CheckinState) -> Answer
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
      switch answer(chosen.promise, chosen.kind, state) {
      case .perform(let move): return [.perform(move)]
      case .open(let form):
        state.overlay = .form(form)
        return []
      }
    }
  }

  /// A key that answers the request on screen with the first of `kinds` the person may make.
  static func answer(_ name: String, key: Character, help: String, kinds: [Move.Kind]) -> CheckinAction {
    @Sendable func choice(_ state: CheckinState) -> (request: Request, kind: Move.Kind)? {
      guard let request = state.currentRequest else { return nil }
      let allowed = state.ledger.allowedMoves(for: request, actor: state.actor)
      return kinds.first { allowed.contains($0) }.map { (request, $0) }
    }
    return CheckinAction(name: name, keys: [.character(key)], help: help, hint: nil, offer: { choice($0)?.kind.verb }) { state in
      guard let (request, kind) = choice(state) else {
        if let request = state.currentRequest {
          state.status = .error("\(key): \(state.ledger.whyNothingToDo(on: request, actor: state.actor))")
        } else {
          state.status = .error("\(key): there is no request here to answer")
        }
        return []
      }
      switch kind {
      case .counter: state.overlay = .form(.counter(request))
      case .decline: state.overlay = .form(.decline(request))
      case .acceptOffer: return [.perform(.acceptOffer(request: request.id))]
      default: return [.perform(.promiseAsAsked(request: request.id))]
      }
      return []
    }
  }

  static func confidence(_ level: Confidence, key: Character) -> CheckinAction {
    move(level.words, key: key, help: "Confidence: \(level.words)", choices: [(.confidence, level.words)]) { promise, _, _ in
      .perform(.confidence(promise: promise.id, level: level))
    }
  }

  /// The promise on screen when the person may report it done and its by-when has passed: a
  /// reason may then be given (never asked for: `k` still reports it done without one).
  var lateDelivery: Promise? {
    guard let promise = currentPromise, promise.by.isPast(at: localNow),
      ledger.allowedMoves(for: promise, actor: actor).contains(.deliver)
    else { return nil }
    return promise
  }

  /// Says why a key does nothing here, in the core's words.
  mutating func refuseKey(_ key: Character, kind: Move.Kind) {
    guard let promise = currentPromise else {
      status = .error("no promise here: n makes a new one, Enter finishes")
      return
    }
    let why = ledger.refusal(of: kind, on: promise, actor: actor, zone: zone)?.message ?? ledger.whyNothingToDo(on: promise, actor: actor)
    status = .error("\(key): \(why)")
  }
}
