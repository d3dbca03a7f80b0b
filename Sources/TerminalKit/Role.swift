/// What a piece of the screen means. Code draws with roles; a theme says how each looks,
/// so that colour is chosen in one place and never carries meaning alone.
public enum Role: String, CaseIterable, Sendable {
  case text, dim, border, borderFocus = "border-focus", title, selection, header, hint, error, input
  case overdue, dueSoon = "due-soon", kept, notKept = "not-kept", delivered, atRisk = "at-risk", offTrack = "off-track"
  case countdown
}
