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

  /// `What it will take: 5 — 1 met · 3 promised · 1 nothing promised yet` for the elements of
  /// these coverages, dropped ones left out; nil when none is left.
  public static func summary(of coverages: [Coverage]) -> String? {
    let shown = coverages.filter { $0 != .dropped }
    guard !shown.isEmpty else { return nil }
    let counts = Dictionary(grouping: shown, by: { $0 }).mapValues(\.count)
    let parts = [Coverage.met, .covered, .atRisk, .nothingPromised].compactMap { kind in counts[kind].map { "\($0) \(kind.words)" } }
    return "What it will take: \(shown.count) — " + parts.joined(separator: " · ")
  }

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
