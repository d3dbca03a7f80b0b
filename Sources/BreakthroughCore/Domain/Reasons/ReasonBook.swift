import Foundation

/// The team's reasons for a miss, and the misses that gave them, folded from the ledger: the
/// default list, then each reason added or retired. The misses are kept here, in ledger order,
/// so that counting them never reads a promise's history.
public struct ReasonBook: Sendable {
  /// Every reason, the defaults first, then in the order added; retired ones stay.
  public internal(set) var reasons: [Reason] = Reason.defaults
  /// Every miss, in ledger order.
  public private(set) var misses: [Miss] = []
  /// The events that recorded the misses: an undo asks whether its event was one without
  /// going through every miss of the ledger (38,000 at 1,000,000 promises, on each undo).
  /// Made by the first undo, not by every open: most opens undo nothing.
  private var missEvents: Set<String>?
  /// The promises (by id) made to address each reason, in the order made.
  public internal(set) var addressedBy: [String: [String]] = [:]

  public init() {}

  /// The reasons a miss may give now, in list order.
  public var active: [Reason] { reasons.filter { !$0.isRetired } }

  /// The reason `key` names, retired or not.
  public func reason(key: String) -> Reason? {
    reasons.first { $0.key == key }
  }

  /// The words of `key`, or the key itself when the ledger no longer knows it.
  public func words(of key: String?) -> String {
    guard let key else { return "no reason given" }
    return reason(key: key)?.words ?? key
  }

  /// "prerequisite, waiting, …, other": what a miss may give, for a refusal.
  public var activeKeys: String { active.map(\.key).joined(separator: ", ") }

  /// Why `key` cannot be given now, as a clause; nil when it can.
  func problem(giving key: String) -> String? {
    guard let reason = reason(key: key) else { return "the team's list has no reason \(key)" }
    return reason.isRetired ? "the reason \(key) was retired" : nil
  }

  /// Adds `key`, or brings a retired one back with new words.
  mutating func add(_ key: String, words: String, by actor: Handle) {
    let reason = Reason(key: key, words: words, addedBy: actor)
    if let position = reasons.firstIndex(where: { $0.key == key }) {
      reasons[position] = reason
    } else {
      reasons.append(reason)
    }
  }

  mutating func retire(_ key: String) {
    if let position = reasons.firstIndex(where: { $0.key == key }) { reasons[position].isRetired = true }
  }

  /// Notes the miss `event` records on the promise numbered `number`, if it records one.
  mutating func noteMiss(of event: Event, number: Int) {
    if let miss = Miss.recorded(by: event, number: number) { record(miss) }
  }

  /// Room for `count` misses, before a snapshot's are read.
  mutating func reserveMisses(_ count: Int) { misses.reserveCapacity(count) }

  /// Keeps `miss`, after the others.
  mutating func record(_ miss: Miss) {
    misses.append(miss)
    missEvents?.insert(miss.eventID)
  }

  /// Takes back the miss the event `eventID` recorded, when it is undone.
  mutating func forgetMiss(of eventID: String) {
    if missEvents == nil { missEvents = Set(misses.map(\.eventID)) }
    guard missEvents?.remove(eventID) != nil, let position = misses.lastIndex(where: { $0.eventID == eventID }) else { return }
    misses.remove(at: position)
  }

  /// Notes a promise made to address a reason.
  mutating func madePromise(_ terms: PromiseTerms) {
    if let key = terms.addresses { addressedBy[key, default: []].append(terms.id) }
  }
}
