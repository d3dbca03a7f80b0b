import Foundation

/// The conversation before a promise: asking, offering, answering.
extension LedgerState {
  /// The request that `reference` names: `R3`, `r3` or `3`.
  public func request(named reference: String) throws(Refusal) -> Request {
    try Self.record(named: reference, prefix: "R", kind: "request", in: conversations.requests, seeAlso: "breakthrough list --requests") {
      $0.terms.number
    }
  }

  /// The record with the number `reference` names, from `records` numbered from 1; a refusal
  /// that says which numbers there are otherwise.
  static func record<Record>(
    named reference: String, prefix: Character, kind: String, in records: [Record], seeAlso: String, number: (Record) -> Int
  ) throws(Refusal) -> Record {
    let wanted = try Self.number(in: reference, prefix: prefix, of: kind)
    guard let record = records.first(where: { number($0) == wanted }) else {
      let range = records.last.map { "numbers go from \(prefix)1 to \(prefix)\(number($0))" } ?? "the ledger has no \(kind)s yet"
      throw Refusal("there is no \(kind) \(prefix)\(wanted): \(range); see `\(seeAlso)`")
    }
    return record
  }

  /// A request (the actor is the customer) or an offer (the actor is the performer).
  func propose(
    what: String, between parties: (customer: Handle, performer: Handle), by: ByWhen, replyBy: ByWhen?, element: String?,
    context: MoveContext
  ) throws(Refusal) -> MoveOutcome {
    let isOffer = context.actor == parties.performer && context.actor != parties.customer
    guard parties.customer != parties.performer else {
      throw Refusal("a request is between two people: to promise something to yourself, use `breakthrough promise … --to \(context.actor)`")
    }
    let terms = RequestTerms(
      id: context.makeID(), number: conversations.nextRequestNumber, customer: parties.customer, performer: parties.performer,
      what: try Self.sentence(what, field: "what"), by: by, replyBy: replyBy, element: try openElement(element), isOffer: isOffer)
    return MoveOutcome(events: [context.event(.requestMade(terms))], summary: "R\(terms.number)")
  }

  /// Promise as asked (the performer) or accept an offer or a counter (the customer): the
  /// promise is made on the request's current terms and links to it.
  func agree(to request: Request, as kind: Move.Kind, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try check(kind, on: request, context: context)
    guard !request.by.isPast(at: context.localNow) else {
      throw Refusal(
        "\(request.label) was wanted by \(request.by.description), which has passed: counter it with a new by-when "
          + "(breakthrough counter \(request.label) --by DATE --note …); nothing changed")
    }
    let terms = PromiseTerms(
      id: context.makeID(), number: nextNumber, performer: request.performer, customer: request.customer, what: request.what,
      by: request.by, breakthrough: openBreakthroughID, replaces: nil, request: request.id, element: request.terms.element)
    return MoveOutcome(
      events: [context.event(.made(terms))],
      summary: "\(request.label) \(kind == .acceptOffer ? "accepted" : "promised"): P\(terms.number), \(request.performer) promises "
        + "\(request.customer) by \(request.by.description)")
  }

  /// Other terms proposed by whoever must answer; the other side answers next.
  func counter(_ request: Request, by: ByWhen?, what: String?, note: String, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try check(.counter, on: request, context: context)
    let what = try what.map { (text) throws(Refusal) in try Self.sentence(text, field: "what") }
    guard by != nil || what != nil, by != request.by || what != request.what else {
      throw Refusal("say what you would promise instead: a new by-when (--by), a new what (--what), or both; nothing changed")
    }
    let note = try Self.sentence(note, field: "note (why these terms)")
    let other = request.state == .asked ? request.customer : request.performer
    return MoveOutcome(
      events: [context.event(.requestCountered(request: request.id, by: by, what: what, note: note))],
      summary: "\(request.label) countered; it waits for \(other) to accept, counter or decline")
  }

  func decline(_ request: Request, note: String, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try check(.decline, on: request, context: context)
    let note = try Self.sentence(note, field: "note (why not)")
    return MoveOutcome(events: [context.event(.requestDeclined(request: request.id, note: note))], summary: "\(request.label) declined")
  }

  func withdraw(_ request: Request, note: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    try check(.withdraw, on: request, context: context)
    return MoveOutcome(
      events: [context.event(.requestWithdrawn(request: request.id, note: Self.optional(note)))], summary: "\(request.label) withdrawn")
  }
}
