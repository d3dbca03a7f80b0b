import Foundation

/// What is asked (or offered) as first proposed: who would promise whom what, by when.
public struct RequestTerms: Sendable, Equatable {
  public var id: String
  /// The short number (`R3`), assigned under the ledger lock.
  public var number: Int
  /// Who asks, or to whom it is offered.
  public var customer: Handle
  /// Who is asked, or who offers.
  public var performer: Handle
  public var what: String
  public var by: ByWhen
  /// When an answer is wanted; past it, the answer is overdue.
  public var replyBy: ByWhen?
  /// The element of the breakthrough it would cover.
  public var element: String?
  /// Proposed by the performer (an offer) rather than asked by the customer.
  public var isOffer: Bool

  public init(
    id: String, number: Int, customer: Handle, performer: Handle, what: String, by: ByWhen, replyBy: ByWhen?, element: String?,
    isOffer: Bool
  ) {
    self.id = id
    self.number = number
    self.customer = customer
    self.performer = performer
    self.what = what
    self.by = by
    self.replyBy = replyBy
    self.element = element
    self.isOffer = isOffer
  }
}

/// Where a request stands. While asked or offered it is owed an answer, by one side.
public enum RequestState: String, CaseIterable, Sendable {
  /// The performer's move: promise as asked, counter or decline.
  case asked
  /// The customer's move: accept, counter or decline.
  case offered
  /// Answered with a promise, which links back to it.
  case promised
  /// Declined: an honest no, which honors one's word as much as a promise.
  case declined
  /// Taken back by whoever proposed it.
  case withdrawn

  /// Still waiting for an answer.
  public var isOpen: Bool { self == .asked || self == .offered }

  // Made once: the fold asks a rule of every answer it meets.
  static let waitingOnPerformer: Set<RequestState> = [.asked]
  static let waitingOnCustomer: Set<RequestState> = [.offered]
  static let waiting: Set<RequestState> = [.asked, .offered]

  public var word: String { rawValue }
}

/// A request or an offer: the conversation before a promise.
public struct Request: Sendable {
  /// The current proposal (a counter changes what and by).
  public internal(set) var terms: RequestTerms
  public let madeAt: Date
  public internal(set) var state: RequestState
  /// The promise that answered it.
  public internal(set) var promise: String?
  /// When the side that was first asked answered (countered, declined or promised).
  public internal(set) var firstAnsweredAt: Date?
  public internal(set) var closedAt: Date?
  public internal(set) var history: [HistoryEntry] = []
  /// What waits now is a counter-proposal, not the first one.
  public internal(set) var isCountered = false

  init(terms: RequestTerms, madeAt: Date) {
    self.terms = terms
    self.madeAt = madeAt
    state = terms.isOffer ? .offered : .asked
  }

  public var id: String { terms.id }
  public var label: String { "R\(terms.number)" }
  public var customer: Handle { terms.customer }
  public var performer: Handle { terms.performer }
  public var what: String { terms.what }
  public var by: ByWhen { terms.by }

  /// Whose answer it waits for, while it waits.
  public var waitsOn: Handle? {
    switch state {
    case .asked: return performer
    case .offered: return customer
    default: return nil
    }
  }

  /// Who made the current proposal, while it waits: only they can withdraw it.
  public var proposer: Handle? {
    switch state {
    case .asked: return customer
    case .offered: return performer
    default: return nil
    }
  }

  /// Who proposed what now waits, in words: "cleo asks ben", "ben offers cleo", "cleo countered".
  public var proposal: String {
    guard let proposer else { return "\(customer) asked \(performer)" }
    if isCountered { return "\(proposer) countered" }
    return state == .asked ? "\(customer) asks \(performer)" : "\(performer) offers \(customer)"
  }

  /// Waiting for an answer past its reply-by.
  public func isAnswerOverdue(at now: LocalMoment) -> Bool {
    state.isOpen && terms.replyBy?.isPast(at: now) == true
  }
}
