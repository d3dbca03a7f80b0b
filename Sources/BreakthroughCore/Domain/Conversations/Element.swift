import Foundation

/// One of the specific, discrete things the breakthrough will take.
public struct ElementTerms: Sendable, Equatable {
  public var id: String
  /// The short number (`E2`).
  public var number: Int
  public var what: String
  public var by: ByWhen?

  public init(id: String, number: Int, what: String, by: ByWhen?) {
    self.id = id
    self.number = number
    self.what = what
    self.by = by
  }
}

public enum ElementState: String, Sendable {
  case open, met, dropped
}

/// An element as it stands: its current terms and what happened to it.
public struct Element: Sendable {
  public internal(set) var terms: ElementTerms
  public let addedBy: Handle
  public let addedAt: Date
  public internal(set) var state: ElementState = .open
  public internal(set) var history: [HistoryEntry] = []

  public var id: String { terms.id }
  public var label: String { "E\(terms.number)" }
  public var what: String { terms.what }
}

/// How well an element is covered by promises.
public enum Coverage: String, CaseIterable, Sendable {
  /// At least one open or delivered promise covers it that is neither overdue nor off track.
  case covered
  /// Every promise covering it is overdue or off track.
  case atRisk = "at-risk"
  /// No open promise covers it (a request alone does not count).
  case nothingPromised = "nothing-promised"
  case met
  case dropped

  /// In words, never only in colour.
  public var words: String {
    switch self {
    case .covered: return "promised"
    case .atRisk: return "at risk"
    case .nothingPromised: return "nothing promised yet"
    case .met: return "met"
    case .dropped: return "dropped"
    }
  }
}
