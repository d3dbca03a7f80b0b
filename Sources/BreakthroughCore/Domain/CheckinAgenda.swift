import Foundation

/// What one person owes at a moment, in the order a daily check-in walks it: whether they are
/// in for the breakthrough, overdue accountings, deliveries awaiting their acceptance, requests
/// awaiting their answer, promises due today, then confidence on the rest of their open promises.
public struct CheckinAgenda: Sendable {
  public enum Stage: Int, CaseIterable, Sendable {
    case enrollment, overdue, awaitingAcceptance, requests, dueToday, confidence

    /// The heading of the stage, as the person reads it.
    public var title: String {
      switch self {
      case .enrollment: return "The breakthrough: are you in?"
      case .overdue: return "Overdue: account for it"
      case .awaitingAcceptance: return "Delivered to you: accept or reject"
      case .requests: return "Asked of you: answer it"
      case .dueToday: return "Due today"
      case .confidence: return "Your other open promises: how confident are you?"
      }
    }

    /// Whether its items are promises (else a request, or the breakthrough).
    public var isAboutPromises: Bool { self != .enrollment && self != .requests }
  }

  public struct Item: Equatable, Sendable {
    public let stage: Stage
    /// The promise, the request, or (for enrollment) the breakthrough the item is about.
    public let id: String

    /// The promise it is about, when it is about one.
    public var promiseID: String? { stage.isAboutPromises ? id : nil }
  }

  public let person: Handle
  public let items: [Item]

  public init(_ state: LedgerState, person: Handle, now: LocalMoment) {
    self.person = person
    var byStage: [Stage: [Promise]] = [:]
    let promises = state.promises
    for index in promises.indices where !promises.isClosed(at: index) {
      let promise = promises[index]
      if let stage = Self.stage(of: promise, for: person, now: now) { byStage[stage, default: []].append(promise) }
    }
    var items: [Item] = []
    let roll = state.conversations.roll
    if let breakthrough = roll.breakthrough, state.currentBreakthrough?.outcome == nil, roll.standing(of: person) != .enrolled {
      items.append(Item(stage: .enrollment, id: breakthrough))
    }
    // Oldest by-when first in every stage: the longest overdue, and then the soonest due.
    for stage in Stage.allCases {
      if stage == .requests {
        items += state.conversations.waiting(on: person, at: now).map { Item(stage: .requests, id: $0.id) }
        continue
      }
      items += (byStage[stage] ?? []).sorted { ($0.by, $0.number) < ($1.by, $1.number) }.map { Item(stage: stage, id: $0.id) }
    }
    self.items = items
  }

  public var isEmpty: Bool { items.isEmpty }

  /// The stages this agenda has, numbered from 1 in the order walked.
  public func number(of stage: Stage) -> Int {
    let present = Stage.allCases.filter { stage in items.contains { $0.stage == stage } }
    return (present.firstIndex(of: stage) ?? 0) + 1
  }

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
