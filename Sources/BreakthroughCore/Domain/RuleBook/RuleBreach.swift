import Foundation

/// An event the rule book refuses: what was tried, on what, and the rule it breaks. The fold
/// keeps such an event as left out; a move that would write it refuses with the same rule.
public struct RuleBreach: Error, Equatable, Sendable {
  /// What was tried, as a verb phrase with its object: "accept P1".
  public let attempt: String
  /// The record it names, when it names one: "P1", "R3", "E2".
  public let subject: String?
  /// The rule, as a clause: "only ben, to whom P1 was made, can accept it".
  public let rule: String

  public init(attempt: String, subject: String?, rule: String) {
    self.attempt = attempt
    self.subject = subject
    self.rule = rule
  }

  /// The sentence every reader shows for a left-out event:
  /// "ana may not accept P1: only ben, to whom P1 was made, can accept it".
  public func sentence(actor: Handle) -> String { "\(actor) may not \(attempt): \(rule)" }

  /// The refusal a move says when it would break the rule.
  public func refusal(actor: Handle) -> Refusal {
    Refusal("\(rule); you are acting as \(actor); nothing changed")
  }
}

/// An event in the ledger that the rule book refused, or a line that could not be read as an
/// event at all: kept in the ledger (it is append-only, and the attempt stays on the record),
/// never applied, never counted.
public struct LeftOutEvent: Sendable, Equatable {
  /// Which event of the ledger it is, counting from 1 the lines read as events (what `log` and
  /// the minutes count); nil for a line that could not be read.
  public let ordinal: Int?
  /// The event's id; nil when the line could not be read.
  public let eventID: String?
  /// When the event says it was made; nil when the line could not be read.
  public let at: Date?
  /// Who the event says made it; nil when the line could not be read.
  public let actor: Handle?
  /// The ledger's name for its kind, as written ("promise.accepted").
  public let kind: String
  /// The record it names, when it names one: "P1".
  public let subject: String?
  /// Why, in one sentence: "ana may not accept P1: only ben, to whom P1 was made, can accept it".
  public let reason: String

  public init(ordinal: Int?, eventID: String?, at: Date?, actor: Handle?, kind: String, subject: String?, reason: String) {
    self.ordinal = ordinal
    self.eventID = eventID
    self.at = at
    self.actor = actor
    self.kind = kind
    self.subject = subject
    self.reason = reason
  }
}

extension LedgerState {
  /// "2 events left out by the rule book: `breakthrough log --left-out` shows them"; nil when
  /// none is.
  public var leftOutSummary: String? {
    guard !leftOut.isEmpty else { return nil }
    let events = leftOut.count == 1 ? "1 event" : "\(leftOut.count) events"
    return "\(events) left out by the rule book: `breakthrough log --left-out` shows them"
  }

  /// The left-out events that name `label` (`P3`), oldest first.
  public func leftOut(naming label: String) -> [LeftOutEvent] {
    leftOut.filter { $0.subject == label }
  }
}
