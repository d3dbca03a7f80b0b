import Foundation

/// Where a promise stands in its life.
public enum PromiseState: String, CaseIterable, Sendable {
  case open
  case delivered
  case kept
  case notKept = "not-kept"
  case renegotiated
  case revoked
  case released
  /// Made by mistake and taken back at once (undone): it counts nowhere.
  case withdrawn

  /// Open and delivered promises still ask something of someone; the rest are closed.
  public var isClosed: Bool {
    switch self {
    case .open, .delivered: return false
    default: return true
    }
  }

  /// The word shown for the state.
  public var word: String {
    switch self {
    case .notKept: return "not kept"
    default: return rawValue
    }
  }
}

/// How a performer feels about an open promise, stated at check-in.
public enum Confidence: String, CaseIterable, Sendable {
  case onTrack = "on-track"
  case atRisk = "at-risk"
  case offTrack = "off-track"

  /// The words shown for the level.
  public var words: String {
    switch self {
    case .onTrack: return "on track"
    case .atRisk: return "at risk"
    case .offTrack: return "off track"
    }
  }
}
