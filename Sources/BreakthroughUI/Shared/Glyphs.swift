import BreakthroughCore
import TerminalKit

/// The symbols screens use, each with an ASCII fallback for terminals without UTF-8.
/// A glyph always stands beside a word, so colour and shape never carry meaning alone.
public struct Glyphs: Sendable {
  public let arrow: String
  public let onTrack: String
  public let atRisk: String
  public let offTrack: String
  public let delivered: String
  public let overdue: String
  public let separator: String
  public let borders: BorderGlyphs
  /// Whether these are the Unicode glyphs (else ASCII).
  public let isUnicode: Bool

  public static let unicode = Glyphs(
    arrow: "→", onTrack: "●", atRisk: "▲", offTrack: "✖", delivered: "◆", overdue: "!",
    separator: "·", borders: .unicode, isUnicode: true)
  public static let ascii = Glyphs(
    arrow: "->", onTrack: "+", atRisk: "^", offTrack: "x", delivered: "*", overdue: "!",
    separator: "|", borders: .ascii, isUnicode: false)

  public static func forTerminal(isUnicode: Bool) -> Glyphs { isUnicode ? .unicode : .ascii }

  /// Glyph, words and role for where an open promise stands.
  func standing(of promise: Promise, at now: LocalMoment) -> (text: String, role: Role) {
    if promise.state == .delivered { return ("\(delivered) delivered", .delivered) }
    if promise.isOverdue(at: now) { return ("\(overdue) overdue", .overdue) }
    switch promise.confidence {
    case .onTrack?: return ("\(onTrack) on track", .kept)
    case .atRisk?: return ("\(atRisk) at risk", .atRisk)
    case .offTrack?: return ("\(offTrack) off track", .offTrack)
    case nil: return ("open", .dim)
    }
  }
}
