import Foundation

/// What the breakthrough will take: elements added, revised, met and dropped, and how well
/// promises cover them.
extension LedgerState {
  /// The element that `reference` names: `E2`, `e2` or `2`.
  public func element(named reference: String) throws(Refusal) -> Element {
    try Self.record(named: reference, prefix: "E", kind: "element", in: conversations.elements, seeAlso: "breakthrough elements") {
      $0.terms.number
    }
  }

  /// The id of the element a promise or request is made for, when it is still open.
  func openElement(_ id: String?) throws(Refusal) -> String? {
    guard let id else { return nil }
    guard let element = conversations.element(id: id) else { throw Refusal("that element is not in the ledger; nothing changed") }
    guard element.state == .open else {
      throw Refusal("\(element.label) is \(element.state.rawValue): promises are made for open elements; nothing changed")
    }
    return id
  }

  func addElement(what: String, by: ByWhen?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    guard openBreakthroughID != nil else {
      throw Refusal("elements are what the breakthrough will take: declare it first (breakthrough declare STATEMENT --by DATE)")
    }
    let terms = ElementTerms(
      id: context.makeID(), number: conversations.nextElementNumber, what: try Self.sentence(what, field: "what"), by: by)
    return MoveOutcome(events: [context.event(.elementAdded(terms))], summary: "E\(terms.number)")
  }

  func reviseElement(_ element: Element, what: String?, by: ByWhen?, note: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try checkOpen(element, to: Move.Kind.reviseElement.verb)
    let what = try what.map { (text) throws(Refusal) in try Self.sentence(text, field: "what") }
    guard what != nil || by != nil else { throw Refusal("say what changes: a new what (--what), a new by-when (--by), or both") }
    return MoveOutcome(
      events: [context.event(.elementRevised(element: element.id, what: what, by: by, note: Self.optional(note)))],
      summary: "\(element.label) revised")
  }

  func closeElement(_ element: Element, as state: ElementState, note: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try checkOpen(element, to: state == .met ? Move.Kind.meetElement.verb : Move.Kind.dropElement.verb)
    if state == .dropped {
      let note = try Self.sentence(note ?? "", field: "note (why it is no longer needed)")
      return MoveOutcome(events: [context.event(.elementDropped(element: element.id, note: note))], summary: "\(element.label) dropped")
    }
    return MoveOutcome(
      events: [context.event(.elementMet(element: element.id, note: Self.optional(note)))], summary: "\(element.label) met")
  }

  private func checkOpen(_ element: Element, to verb: String) throws(Refusal) {
    guard element.state == .open else {
      throw Refusal("\(element.label) is already \(element.state.rawValue), so it is too late to \(verb); nothing changed")
    }
  }

  /// The promises made for `element`, replacements included, in the order made.
  public func promises(covering element: Element) -> [Promise] {
    (conversations.promisesByElement[element.id] ?? []).compactMap { promise(id: $0) }
  }

  /// How well `element` is covered now.
  public func coverage(of element: Element, at now: LocalMoment) -> Coverage {
    switch element.state {
    case .met: return .met
    case .dropped: return .dropped
    case .open: break
    }
    let live = promises(covering: element).filter { !$0.state.isClosed }
    if live.isEmpty { return .nothingPromised }
    let sound = live.contains { $0.state == .delivered || (!$0.isOverdue(at: now) && $0.confidence != .offTrack) }
    return sound ? .covered : .atRisk
  }

  /// The elements, uncovered first (nothing promised, at risk, promised, then met and dropped).
  public func elementsByNeed(at now: LocalMoment) -> [(element: Element, coverage: Coverage)] {
    let order: [Coverage] = [.nothingPromised, .atRisk, .covered, .met, .dropped]
    let rated: [(element: Element, coverage: Coverage)] = conversations.elements.map { ($0, coverage(of: $0, at: now)) }
    return order.flatMap { kind in rated.filter { $0.coverage == kind } }
  }

  /// `What it will take: 5 — 1 met · 3 promised · 1 nothing promised yet`; nil when there are none.
  public func elementsSummary(at now: LocalMoment) -> String? {
    Coverage.summary(of: conversations.elements.map { coverage(of: $0, at: now) })
  }

  /// Open elements with at least one open promise, over open elements; nil when none is open.
  public func coverageRate(at now: LocalMoment) -> Double? {
    let open = conversations.elements.filter { $0.state == .open }
    guard !open.isEmpty else { return nil }
    let covered = open.filter { coverage(of: $0, at: now) != .nothingPromised }.count
    return Double(covered) / Double(open.count)
  }
}
