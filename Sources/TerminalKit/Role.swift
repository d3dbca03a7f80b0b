/// What a piece of the screen means. Code draws with roles; a theme says how each looks,
/// so that colour is chosen in one place and never carries meaning alone.
public enum Role: String, CaseIterable, Sendable {
  case text, dim, border
  case borderFocus = "border-focus"
  case title, selection, header, hint, error, input
  case overdue
  case dueSoon = "due-soon"
  case kept
  case notKept = "not-kept"
  case delivered
  case atRisk = "at-risk"
  case offTrack = "off-track"
  case countdown
}
