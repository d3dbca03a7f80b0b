import BreakthroughCore

/// A move a screen asks for: data, so that `update` stays pure and tests can read it.
public enum MoveRequest: Equatable, Sendable {
  case make(what: String, to: Handle, by: ByWhen)
  case deliver(promise: String, accepted: Bool)
  case accept(promise: String)
  case reject(promise: String, note: String)
  case notKept(promise: String, note: String, replacementWhat: String?, replacementBy: ByWhen?)
  case renegotiate(promise: String, by: ByWhen, what: String?, note: String?)
  case revoke(promise: String, note: String)
  case release(promise: String, note: String?)
  case confidence(promise: String, level: Confidence)
  case declare(statement: String, by: ByWhen, measure: String?, why: String?)
  /// Takes back one of this session's own moves, described by `summary`.
  case undo(event: String, promise: String, summary: String)

  /// Runs the move on `state`, as the ledger's append does under its lock.
  public func outcome(on state: LedgerState, context: MoveContext) throws(Refusal) -> MoveOutcome {
    func promise(_ id: String) throws(Refusal) -> Promise {
      guard let promise = state.promise(id: id) else { throw Refusal("that promise is no longer in the ledger; nothing changed") }
      return promise
    }
    switch self {
    case .make(let what, let to, let by):
      return try state.makePromise(what: what, to: to, by: by, context: context)
    case .deliver(let id, let accepted):
      return try state.deliver(try promise(id), accepted: accepted, note: nil, context: context)
    case .accept(let id):
      return try state.accept(try promise(id), note: nil, context: context)
    case .reject(let id, let note):
      return try state.reject(try promise(id), note: note, context: context)
    case .notKept(let id, let note, let what, let by):
      let replacement = what.flatMap { what in by.map { (what: what, by: $0) } }
      return try state.accountNotKept(try promise(id), note: note, then: replacement, context: context)
    case .renegotiate(let id, let by, let what, let note):
      return try state.renegotiate(try promise(id), by: by, what: what, note: note, context: context)
    case .revoke(let id, let note):
      return try state.revoke(try promise(id), note: note, context: context)
    case .release(let id, let note):
      return try state.release(try promise(id), note: note, context: context)
    case .confidence(let id, let level):
      return try state.stateConfidence(try promise(id), level, note: nil, context: context)
    case .declare(let statement, let by, let measure, let why):
      return try state.declare(statement: statement, by: by, measure: measure, why: why, context: context)
    case .undo(let event, let id, let summary):
      return try state.undo(eventID: event, on: try promise(id), what: summary, context: context)
    }
  }
}

extension MoveRequest {
  /// Whether the move makes a promise (the screens say "P12 made" and select it).
  var isMake: Bool {
    if case .make = self { return true }
    return false
  }

  var isUndo: Bool {
    if case .undo = self { return true }
    return false
  }
}
