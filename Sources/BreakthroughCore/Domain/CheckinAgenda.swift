import Foundation

/// What one person owes at a moment, in the order a daily check-in walks it: overdue
/// accountings, deliveries awaiting their acceptance, promises due today, then confidence on
/// the rest of their open promises.
public struct CheckinAgenda: Sendable {
  public enum Stage: Int, CaseIterable, Sendable {
    case overdue, awaitingAcceptance, dueToday, confidence

    /// The heading of the stage, as the person reads it.
    public var title: String {
      switch self {
      case .overdue: return "Overdue: account for it"
      case .awaitingAcceptance: return "Delivered to you: accept or reject"
      case .dueToday: return "Due today"
      case .confidence: return "Your other open promises: how confident are you?"
      }
    }
  }

  public struct Item: Equatable, Sendable {
    public let stage: Stage
    public let promiseID: String
  }

  public let person: Handle
  public let items: [Item]

  public init(_ state: LedgerState, person: Handle, now: LocalMoment) {
    self.person = person
    var byStage: [Stage: [Promise]] = [:]
    for promise in state.promises {
      if let stage = Self.stage(of: promise, for: person, now: now) { byStage[stage, default: []].append(promise) }
    }
    // Oldest by-when first in every stage: the longest overdue, and then the soonest due.
    items = Stage.allCases.flatMap { stage in
      (byStage[stage] ?? []).sorted { ($0.by, $0.number) < ($1.by, $1.number) }.map { Item(stage: stage, promiseID: $0.id) }
    }
  }

  public var isEmpty: Bool { items.isEmpty }

  static func stage(of promise: Promise, for person: Handle, now: LocalMoment) -> Stage? {
    switch promise.state {
    case .delivered where promise.customer == person:
      return .awaitingAcceptance
    case .open where promise.performer == person:
      if promise.isOverdue(at: now) { return .overdue }
      return promise.by.day == now.day ? .dueToday : .confidence
    default:
      return nil
    }
  }
}
