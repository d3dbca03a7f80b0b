import Foundation

/// A promise that slipped, as the reasons count it: an accounting as not kept (always), or a
/// late delivery or a rejection that gave a reason.
public struct Miss: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case notKept = "not kept"
    case lateRenegotiation = "renegotiated late"
    case lateDelivery = "delivered late"
    case rejection = "rejected"
  }

  /// The event that said it, so that undoing it takes the miss back.
  public let eventID: String
  public let promiseID: String
  /// The promise's number (`12` for P12).
  public let number: Int
  /// The reason's key; nil for an accounting older than reasons ("no reason given").
  public let reason: String?
  public let at: Date
  public let kind: Kind

  public init(eventID: String, promiseID: String, number: Int, reason: String?, at: Date, kind: Kind) {
    self.eventID = eventID
    self.promiseID = promiseID
    self.number = number
    self.reason = reason
    self.at = at
    self.kind = kind
  }

  /// `P12`.
  public var label: String { "P\(number)" }

  /// The miss `event` records on the promise numbered `number`, if it records one.
  static func recorded(by event: Event, number: Int) -> Miss? {
    func miss(_ id: String, _ reason: String?, _ kind: Kind) -> Miss {
      Miss(eventID: event.id, promiseID: id, number: number, reason: reason, at: event.at, kind: kind)
    }
    switch event.body {
    case .notKept(let id, _, _, let late, let reason): return miss(id, reason, late ? .lateRenegotiation : .notKept)
    case .delivered(let id, _, _, let reason?): return miss(id, reason, .lateDelivery)
    case .rejected(let id, _, let reason?): return miss(id, reason, .rejection)
    case .delivered, .rejected, .declared, .breakthroughAccounted, .made, .accepted, .renegotiated, .revoked, .released, .confidence,
      .undone, .meetingHeld, .requestMade, .requestCountered, .requestDeclined, .requestWithdrawn, .enrolled, .notYet, .unenrolled,
      .elementAdded, .elementRevised, .elementMet, .elementDropped, .reasonAdded, .reasonRetired, .zoneSet:
      return nil
    }
  }
}
