import Foundation

/// What waits on one person at a moment, for a message once a day: what they owe (overdue
/// first, then due today, then in the next seven days), deliveries waiting for their
/// acceptance, requests waiting for their answer, and what others owe them that is overdue.
/// Empty when nothing waits on them, so a daily job can stay silent.
public struct DailyDigest: Sendable {
  /// The digest's parts, in the order they are read; the raw value is the JSON key.
  public enum Section: String, CaseIterable, Sendable {
    case overdue
    case dueToday
    case dueThisWeek
    case awaitingAcceptance
    case requests
    case owedToYou

    /// The heading, as the person reads it.
    public var title: String {
      switch self {
      case .overdue: return "You owe, overdue: account for it"
      case .dueToday: return "You owe, due today"
      case .dueThisWeek: return "You owe, due in the next 7 days"
      case .awaitingAcceptance: return "Delivered to you: accept or reject"
      case .requests: return "Asked of you: answer it"
      case .owedToYou: return "Owed to you, overdue"
      }
    }
  }

  public let person: Handle
  public let moment: LocalMoment
  /// The promises of each section but `requests`, oldest by-when first.
  public let promises: [Section: [Promise]]
  /// Requests and offers waiting for the person's answer, answers overdue first.
  public let requests: [Request]

  public init(_ state: LedgerState, person: Handle, now: LocalMoment) {
    self.person = person
    moment = now
    var promises: [Section: [Promise]] = [:]
    let list = state.promises
    // Closed promises are passed over without being built: a long ledger is mostly closed.
    for index in list.indices where !list.isClosed(at: index) {
      let promise = list[index]
      if let section = Self.section(of: promise, for: person, now: now) { promises[section, default: []].append(promise) }
    }
    self.promises = promises.mapValues { $0.sorted { ($0.by, $0.number) < ($1.by, $1.number) } }
    requests = state.conversations.waiting(on: person, at: now)
  }

  /// The promises in `section` (none for `requests`, which holds requests).
  public func promises(in section: Section) -> [Promise] { promises[section] ?? [] }

  /// True when nothing waits on the person.
  public var isEmpty: Bool { requests.isEmpty && promises.values.allSatisfy(\.isEmpty) }

  /// The section a promise is in: the check-in's stages for what the person owes or must
  /// accept, and what others owe them past its by-when.
  static func section(of promise: Promise, for person: Handle, now: LocalMoment) -> Section? {
    switch CheckinAgenda.stage(of: promise, for: person, now: now) {
    case .overdue: return .overdue
    case .dueToday: return .dueToday
    case .awaitingAcceptance: return .awaitingAcceptance
    case .confidence: return now.day.days(until: promise.by.day) <= 7 ? .dueThisWeek : nil
    case .enrollment, .requests: return nil
    case nil: return promise.customer == person && promise.isOverdue(at: now) ? .owedToYou : nil
    }
  }
}
