import BreakthroughCore
import Foundation

/// A `DailyDigest` as text for a mail body, Markdown for a chat or a wiki, or JSON for a
/// script. Every line starts with the number it is about, so the next step is one command.
public struct DigestWriter {
  public enum Format: String, CaseIterable, Sendable {
    case text, markdown, json
  }

  /// What the text and Markdown say when nothing waits on the person.
  public static let nothing = "Nothing waits on you."

  let digest: DailyDigest
  let zone: TimeZone

  public init(_ digest: DailyDigest, zone: TimeZone) {
    self.digest = digest
    self.zone = zone
  }

  public func output(_ format: Format) -> String {
    switch format {
    case .text: return text
    case .markdown: return markdown
    case .json: return JSONWriter.prettyText(json) + "\n"
    }
  }

  /// Plain text: a heading, then each section's lines indented under its title; control
  /// characters in people's text written as visible escapes.
  public var text: String {
    var lines = [Escaping.forDisplay(heading)]
    if digest.isEmpty { lines.append(Self.nothing) }
    for (section, items) in sections {
      lines += ["", section.title] + items.map { "  " + Escaping.forDisplay(oneLine($0)) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Markdown: a heading per section and a list item per line, people's text escaped.
  public var markdown: String {
    var lines = ["# " + MarkdownText.escaped(heading)]
    if digest.isEmpty { lines += ["", Self.nothing] }
    for (section, items) in sections {
      lines += ["", "## \(section.title)", ""] + items.map { "- " + MarkdownText.escaped($0) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// JSON: the person, the day, and an array for every section (empty ones too, so a script
  /// need not ask whether a key is there).
  public var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("person", .string(digest.person.text)), ("date", .string(digest.moment.day.iso)), ("empty", .bool(digest.isEmpty)),
    ]
    for section in DailyDigest.Section.allCases {
      let items =
        section == .requests ? digest.requests.map(requestObject) : digest.promises(in: section).map(promiseObject)
      members.append((section.rawValue, .array(items)))
    }
    return .object(members)
  }

  private var heading: String {
    "What waits on \(digest.person), \(digest.moment.day.weekdayName) \(digest.moment.day.iso)"
  }

  /// The sections that have something, each with its lines.
  private var sections: [(DailyDigest.Section, [String])] {
    DailyDigest.Section.allCases.compactMap { section in
      let lines =
        section == .requests
        ? digest.requests.map(requestLine) : digest.promises(in: section).map { promiseLine($0, in: section) }
      return lines.isEmpty ? nil : (section, lines)
    }
  }

  private func promiseLine(_ promise: Promise, in section: DailyDigest.Section) -> String {
    let other = section == .owedToYou || section == .awaitingAcceptance ? "from \(promise.performer)" : "to \(promise.customer)"
    let when: String
    switch section {
    case .overdue, .owedToYou: when = "due \(promise.by.description), \(lateness(promise.by))"
    case .dueToday: when = promise.by.minuteOfDay == nil ? "due today" : "due today by \(promise.by.description.suffix(5))"
    case .awaitingAcceptance:
      when = "delivered" + (promise.deliveredAt.map { " \(LocalMoment($0, in: zone).day.iso)" } ?? "")
    default: when = "due \(promise.by.day.weekdayName) \(promise.by.description)"
    }
    return "\(promise.label) \(other), \(when): \(promise.what)"
  }

  private func requestLine(_ request: Request) -> String {
    var when = "by \(request.by.description)"
    if let replyBy = request.terms.replyBy {
      when =
        "answer by \(replyBy.description)" + (request.isAnswerOverdue(at: digest.moment) ? " (\(lateness(replyBy)))" : "") + ", " + when
    }
    return "\(request.label) \(request.proposal), \(when): \(request.what)"
  }

  private func lateness(_ by: ByWhen) -> String {
    let days = by.daysLate(at: digest.moment)
    switch days {
    case 0: return "overdue since \(by.minuteOfDay == nil ? "today" : by.description)"
    case 1: return "1 day overdue"
    default: return "\(days) days overdue"
    }
  }

  private func oneLine(_ text: String) -> String {
    text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
  }

  private func promiseObject(_ promise: Promise) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("number", .string(promise.label)), ("id", .string(promise.id)), ("state", .string(promise.state.rawValue)),
      ("performer", .string(promise.performer.text)), ("customer", .string(promise.customer.text)), ("what", .string(promise.what)),
      ("by", .string(promise.by.ledgerText)),
    ]
    if promise.isOverdue(at: digest.moment) { members.append(("daysOverdue", .number(Double(promise.by.daysLate(at: digest.moment))))) }
    return .object(members)
  }

  private func requestObject(_ request: Request) -> JSONValue {
    .object([
      ("number", .string(request.label)), ("id", .string(request.id)), ("state", .string(request.state.rawValue)),
      ("performer", .string(request.performer.text)), ("customer", .string(request.customer.text)), ("what", .string(request.what)),
      ("by", .string(request.by.ledgerText)), ("replyBy", request.terms.replyBy.map { .string($0.ledgerText) } ?? .null),
      ("answerOverdue", .bool(request.isAnswerOverdue(at: digest.moment))),
    ])
  }
}
