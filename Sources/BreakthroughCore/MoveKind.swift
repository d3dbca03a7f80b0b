extension Move {
  /// A kind of move, without its details. For the moves on a promise, `rule` says in which
  /// states it may be made and by whom: the one place the life of a promise is written down,
  /// read by the moves' refusals, by `allowedMoves` and so by every menu and key that offers one.
  public enum Kind: CaseIterable, Sendable {
    case make, deliver, accept, reject, notKept, renegotiate, revoke, release, confidence
    case declare, accountBreakthrough, undo

    /// Who may make a move on a promise.
    public enum Party: Sendable {
      case performer, customer
    }

    /// When a move on a promise may be made, and by whom; nil for moves not on a promise.
    public var rule: (states: Set<PromiseState>, party: Party)? {
      switch self {
      case .deliver, .notKept, .renegotiate, .revoke, .confidence: return ([.open], .performer)
      case .accept, .reject: return ([.delivered], .customer)
      case .release: return ([.open, .delivered], .customer)
      case .make, .declare, .accountBreakthrough, .undo: return nil
      }
    }

    /// The move as a verb phrase: "report it done", "accept it".
    public var verb: String {
      switch self {
      case .make: return "make a promise"
      case .deliver: return "report it done"
      case .accept: return "accept it"
      case .reject: return "reject it"
      case .notKept: return "account it as not kept"
      case .renegotiate: return "renegotiate it"
      case .revoke: return "revoke it"
      case .release: return "release it"
      case .confidence: return "state confidence in it"
      case .declare: return "declare the breakthrough"
      case .accountBreakthrough: return "account for the breakthrough"
      case .undo: return "undo it"
      }
    }

    /// The moves on a promise, in the order menus offer them.
    public static let onPromise: [Kind] = allCases.filter { $0.rule != nil }
  }
}
