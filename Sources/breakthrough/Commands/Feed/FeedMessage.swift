import BreakthroughCore
import BreakthroughStore
import Foundation

/// One ledger line as the feed hands it on: in words for a chat, and as one JSON object for a
/// command (`{"line": 12, "text": "ana delivered P3", "event": {…the ledger line…}}`, with
/// `"leftOut": "why"` when the ledger keeps the line but does not apply it, and `"event": null`
/// when it cannot read it as an event).
struct FeedMessage {
  let line: Int
  let event: Event?
  /// Why the line was left out, when it was.
  let leftOut: String?
  /// The event in words, with its actor: "ana delivered P3 (accepted): the report"; for a line
  /// left out, why: "left out: ben may not accept P1: only ana, to whom P1 was made, can accept it".
  let text: String

  /// The message for `entry`; `ordinal` is its place among the lines read as events, by which
  /// the fold names the events it left out.
  init(_ entry: LedgerLine, ordinal: Int?, state: LedgerState) {
    line = entry.number
    switch entry.content {
    case .event(let event):
      self.event = event
      leftOut = state.leftOut.first { $0.ordinal == ordinal }?.reason
      let words = "\(event.actor) \(Self.words(for: event, state: state))"
      text = leftOut.map { "left out: \($0)" } ?? words
    case .unknownKind(let kind):
      event = nil
      leftOut = "line \(entry.number) is an event of a newer kind (\(kind)) than this version reads"
      text = "left out: \(leftOut ?? "")"
    case .unreadable(let reason):
      event = nil
      leftOut = "line \(entry.number) could not be read: \(reason)"
      text = "left out: \(leftOut ?? "")"
    }
  }

  /// The object a command reads on its standard input.
  var json: JSONValue {
    let ledgerLine = event.flatMap { try? JSONParser.parse(EventCoding.line(for: $0)) } ?? .null
    var members: [(key: String, value: JSONValue)] = [("line", .number(Double(line))), ("text", .string(text))]
    if let leftOut { members.append(("leftOut", .string(leftOut))) }
    return .object(members + [("event", ledgerLine)])
  }

  /// The body a chat's incoming webhook takes (Slack, Mattermost, Rocket.Chat): the words, with
  /// `&`, `<` and `>` as entities, as Slack asks, so that no text of a promise becomes a
  /// mention (`<!channel>`) or a link; control characters as visible escapes.
  var webhookBody: String {
    var escaped = ""
    for character in Escaping.forDisplay(text) {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      default: escaped.append(character)
      }
    }
    return JSONWriter.text(.object([("text", .string(escaped))]))
  }

  /// The words of an event: the one source `log` and the minutes read them from.
  static func words(for event: Event, state: LedgerState) -> String {
    EventWording(state: state).phrase(event).text
  }
}
