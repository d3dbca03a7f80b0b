import BreakthroughCore

extension Move {
  /// A move of `kind` with every field it needs filled in well: on `promise` for a move on a
  /// promise, due `by` where it names a date, the request `r-1` and the element `e-1` for
  /// theirs. What a move may vary is given: a delivery accepted at once, a replacement for a
  /// promise not kept, the confidence stated.
  ///
  /// No `default:`: a new kind of move fails to compile here until it has a sample, so every
  /// test that goes over the kinds (`AllowedMovesTests`, `PromiseLifeTests`,
  /// `IncrementalBoardTests`) covers it.
  public static func sample(
    kind: Kind, on promise: Promise, by: ByWhen, accepted: Bool = false, replacement: Replacement? = nil, level: Confidence = .atRisk
  ) -> Move {
    let id = promise.id
    let someone = promise.customer
    switch kind {
    case .make: return .make(what: "Ship the pilot", to: someone, by: by)
    case .deliver: return .deliver(promise: id, accepted: accepted)
    case .accept: return .accept(promise: id)
    case .reject: return .reject(promise: id, note: "the totals are missing")
    case .notKept: return .notKept(promise: id, note: "ran out of time", replacement: replacement, reason: "underestimated")
    case .renegotiate: return .renegotiate(promise: id, by: by)
    case .revoke: return .revoke(promise: id, note: "no longer mine to do")
    case .release: return .release(promise: id)
    case .confidence: return .confidence(promise: id, level: level)
    case .declare: return .declare(statement: "Every pilot ships", by: by)
    case .accountBreakthrough: return .accountBreakthrough(outcome: .achieved)
    case .undo: return .undo(event: "made-\(id)", promise: id, summary: promise.label)
    case .importPromises: return .importPromises([])
    case .recordMeeting: return .recordMeeting()
    case .request: return .request(what: "A second pilot", of: someone, by: by)
    case .offer: return .offer(what: "A second pilot", to: someone, by: by)
    case .promiseAsAsked: return .promiseAsAsked(request: "r-1")
    case .acceptOffer: return .acceptOffer(request: "r-1")
    case .counter: return .counter(request: "r-1", by: by, what: nil, note: "a week later")
    case .decline: return .decline(request: "r-1", note: "not this quarter")
    case .withdraw: return .withdraw(request: "r-1")
    case .enroll: return .enroll()
    case .notYet: return .notYet(note: "after the launch")
    case .unenroll: return .unenroll(note: "moving teams")
    case .addElement: return .addElement(what: "Three paying teams", by: by)
    case .reviseElement: return .reviseElement(element: "e-1", what: "Four paying teams", by: by, note: nil)
    case .meetElement: return .meetElement(element: "e-1")
    case .dropElement: return .dropElement(element: "e-1", note: "covered elsewhere")
    case .addReason: return .addReason(key: "tooling", words: "the tools got in the way")
    case .retireReason: return .retireReason(key: "people", note: "we count it as priorities")
    }
  }
}
