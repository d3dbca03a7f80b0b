/// Every kind of event, by the name the ledger writes for it. The encoder writes this name and
/// the decoder reads it back through the same enum, so a kind cannot be spelt two ways, and
/// every switch over kinds is exhaustive: a new kind makes the compiler point at each place
/// that must handle it.
public enum EventKind: String, CaseIterable, Sendable {
  case declared = "breakthrough.declared"
  case breakthroughAccounted = "breakthrough.accounted"
  case made = "promise.made"
  case delivered = "promise.delivered"
  case accepted = "promise.accepted"
  case rejected = "promise.rejected"
  case notKept = "promise.not-kept"
  case renegotiated = "promise.renegotiated"
  case revoked = "promise.revoked"
  case released = "promise.released"
  case confidence = "promise.confidence"
  case undone = "promise.undone"
  case meetingHeld = "meeting.held"
  case requestMade = "request.made"
  case requestCountered = "request.countered"
  case requestDeclined = "request.declined"
  case requestWithdrawn = "request.withdrawn"
  case enrolled = "breakthrough.enrolled"
  case notYet = "breakthrough.not-yet"
  case unenrolled = "breakthrough.unenrolled"
  case elementAdded = "element.added"
  case elementRevised = "element.revised"
  case elementMet = "element.met"
  case elementDropped = "element.dropped"
  case reasonAdded = "reason.added"
  case reasonRetired = "reason.retired"
  case zoneSet = "ledger.zone-set"

  /// The ledger's name for the kind: `promise.accepted`.
  public var name: String { rawValue }

  /// The kind whose name is spelt by `utf8`, found without making a string of it: the fold
  /// reads one for every line.
  init?(utf8: UnsafeBufferPointer<UInt8>) {
    for (length, kind) in EventKind.lengths where length == utf8.count {
      var name = kind.rawValue
      if name.withUTF8({ utf8.holds($0, at: 0) }) {
        self = kind
        return
      }
    }
    return nil
  }

  /// Every kind with the length of its name's UTF-8, most kinds told apart by it.
  private static let lengths = allCases.map { ($0.rawValue.utf8.count, $0) }
}
