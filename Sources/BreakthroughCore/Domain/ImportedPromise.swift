import Foundation

/// A promise carried over from another tool: made by the person importing it, at the time the
/// other tool says, with the other tool's id so that importing again finds it.
public struct ImportedPromise: Equatable, Sendable {
  public let id: String
  public let what: String
  public let customer: Handle
  public let by: ByWhen
  public let madeAt: Date
  /// When it was done, for work the other tool already counts as finished: delivered and accepted then.
  public let keptAt: Date?
  /// What the other tool knew that has no place here (project, tags, notes).
  public let note: String?

  public init(id: String, what: String, customer: Handle, by: ByWhen, madeAt: Date, keptAt: Date?, note: String?) {
    self.id = id
    self.what = what
    self.customer = customer
    self.by = by
    self.madeAt = madeAt
    self.keptAt = keptAt
    self.note = note
  }
}

extension LedgerState {
  /// Makes the imported promises that are not in the ledger yet, numbered in the given order;
  /// refuses when none is new, so that a second import writes nothing.
  public func importPromises(_ imported: [ImportedPromise], context: MoveContext) throws(Refusal) -> MoveOutcome {
    var events: [Event] = []
    var number = nextNumber
    var seen = Set<String>()
    for item in imported where promise(id: item.id) == nil && seen.insert(item.id).inserted {
      let terms = PromiseTerms(
        id: item.id, number: number, performer: context.actor, customer: item.customer,
        what: try Self.sentence(item.what, field: "what (of \(item.id))"), by: item.by, breakthrough: openBreakthroughID, replaces: nil)
      events.append(Event(id: context.makeID(), at: item.madeAt, actor: context.actor, body: .made(terms, note: Self.optional(item.note))))
      if let keptAt = item.keptAt {
        events.append(
          Event(id: context.makeID(), at: keptAt, actor: context.actor, body: .delivered(promise: item.id, accepted: true, note: nil)))
      }
      number += 1
    }
    guard number > nextNumber else {
      throw Refusal("nothing to import: all \(imported.count) are already in the ledger")
    }
    let skipped = imported.count - (number - nextNumber)
    let already = skipped > 0 ? "; \(skipped) already in the ledger" : ""
    let range = number - nextNumber == 1 ? "P\(nextNumber)" : "P\(nextNumber)–P\(number - 1)"
    return MoveOutcome(events: events, summary: "imported \(number - nextNumber) promises as \(range)\(already)")
  }
}
