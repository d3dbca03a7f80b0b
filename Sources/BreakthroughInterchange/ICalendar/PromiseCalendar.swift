import BreakthroughCore
import Foundation

/// The ledger as an iCalendar file: a to-do for the breakthrough and one for each promise,
/// related to it; or, for calendars that ignore to-dos, the open promises as all-day events.
/// The same ledger always gives the same bytes (every stamp comes from the ledger, not the clock).
public struct PromiseCalendar {
  /// Which promises, and in what form.
  public struct Selection: Sendable {
    /// Only promises this person makes or receives.
    public var person: Handle?
    /// Only open and delivered promises.
    public var openOnly: Bool
    /// All-day events instead of to-dos (open promises only).
    public var asEvents: Bool

    public init(person: Handle? = nil, openOnly: Bool = false, asEvents: Bool = false) {
      self.person = person
      self.openOnly = openOnly
      self.asEvents = asEvents
    }
  }

  let state: LedgerState
  let zone: TimeZone
  let selection: Selection

  public init(state: LedgerState, zone: TimeZone, selection: Selection) {
    self.state = state
    self.zone = zone
    self.selection = selection
  }

  /// The promises written, in number order.
  public var promises: [Promise] {
    let openOnly = selection.openOnly || selection.asEvents
    // Closed promises are left out without being built when only open ones are wanted.
    let promises = state.promises
    return promises.indices.filter { !openOnly || !promises.isClosed(at: $0) }.map { promises.promise(at: $0) }.filter { promise in
      guard promise.state != .withdrawn else { return false }
      guard let person = selection.person else { return true }
      return promise.performer == person || promise.customer == person
    }
  }

  /// The whole file, CRLF line ends.
  public var text: String {
    var lines = ContentLines()
    lines.add("BEGIN", "VCALENDAR")
    lines.add("VERSION", "2.0")
    lines.add("PRODID", "-//Breakthrough//Promises//EN")
    lines.add("CALSCALE", "GREGORIAN")
    let promises = self.promises
    let linked = Set(promises.compactMap(\.terms.breakthrough))
    for breakthrough in state.breakthroughs where linked.contains(breakthrough.id) || breakthrough.id == state.currentBreakthrough?.id {
      if selection.asEvents {
        if breakthrough.outcome == nil { addEvent(for: breakthrough, to: &lines) }
      } else {
        addToDo(for: breakthrough, to: &lines)
      }
    }
    for promise in promises {
      if selection.asEvents { addEvent(for: promise, to: &lines) } else { addToDo(for: promise, to: &lines) }
    }
    lines.add("END", "VCALENDAR")
    return lines.text
  }

  private func addToDo(for breakthrough: Breakthrough, to lines: inout ContentLines) {
    beginToDo(
      uid: breakthrough.id, created: breakthrough.declaredAt, modified: breakthrough.accountedAt ?? breakthrough.declaredAt, to: &lines)
    lines.addText("SUMMARY", "Breakthrough: \(breakthrough.terms.statement)")
    var description = ["Declared by \(breakthrough.declaredBy)."]
    if let measure = breakthrough.terms.measure { description.append("How we will know: \(measure)") }
    if let why = breakthrough.terms.why { description.append("Why: \(why)") }
    if let outcome = breakthrough.outcome {
      description.append("Accounted: \(outcome.rawValue)" + (breakthrough.outcomeNote.map { ": \($0)" } ?? ""))
    }
    lines.addText("DESCRIPTION", description.joined(separator: "\n"))
    addDue(breakthrough.terms.by, to: &lines)
    switch breakthrough.outcome {
    case nil: lines.add("STATUS", "NEEDS-ACTION")
    case .achieved:
      lines.add("STATUS", "COMPLETED")
      if let accountedAt = breakthrough.accountedAt { lines.add("COMPLETED", ContentLines.utc(accountedAt)) }
    case .notAchieved, .revised: lines.add("STATUS", "CANCELLED")
    }
    lines.add("CATEGORIES", "BREAKTHROUGH")
    lines.add("END", "VTODO")
  }

  private func addToDo(for promise: Promise, to lines: inout ContentLines) {
    beginToDo(uid: promise.id, created: promise.madeAt, modified: promise.history.last?.at ?? promise.madeAt, to: &lines)
    lines.addText("SUMMARY", "\(promise.label) \(promise.what)")
    lines.addText("DESCRIPTION", description(of: promise))
    addDue(promise.by, to: &lines)
    switch promise.state {
    case .open: lines.add("STATUS", "NEEDS-ACTION")
    case .delivered: lines.add("STATUS", "IN-PROCESS")
    case .kept:
      lines.add("STATUS", "COMPLETED")
      if let deliveredAt = promise.deliveredAt { lines.add("COMPLETED", ContentLines.utc(deliveredAt)) }
    default: lines.add("STATUS", "CANCELLED")
    }
    lines.add("CATEGORIES", [promise.performer.text, promise.customer.text].map(ContentLines.escapedText).joined(separator: ","))
    if let breakthrough = promise.terms.breakthrough { lines.add("RELATED-TO;RELTYPE=PARENT", breakthrough) }
    addChain(of: promise, to: &lines)
    lines.add("END", "VTODO")
  }

  /// The stamps come from the ledger, never the clock, so the same ledger writes the same file.
  private func beginToDo(uid: String, created: Date, modified: Date, to lines: inout ContentLines) {
    lines.add("BEGIN", "VTODO")
    lines.add("UID", uid)
    lines.add("DTSTAMP", ContentLines.utc(modified))
    lines.add("CREATED", ContentLines.utc(created))
    lines.add("LAST-MODIFIED", ContentLines.utc(modified))
  }

  private func addEvent(for breakthrough: Breakthrough, to lines: inout ContentLines) {
    lines.add("BEGIN", "VEVENT")
    lines.add("UID", "\(breakthrough.id)-due")
    lines.add("DTSTAMP", ContentLines.utc(breakthrough.declaredAt))
    lines.addText("SUMMARY", "Breakthrough due: \(breakthrough.terms.statement)")
    addAllDay(breakthrough.terms.by.day, to: &lines)
    lines.add("END", "VEVENT")
  }

  private func addEvent(for promise: Promise, to lines: inout ContentLines) {
    lines.add("BEGIN", "VEVENT")
    lines.add("UID", "\(promise.id)-due")
    lines.add("DTSTAMP", ContentLines.utc(promise.history.last?.at ?? promise.madeAt))
    lines.addText("SUMMARY", "\(promise.label) due: \(promise.what) (\(promise.performer) → \(promise.customer))")
    lines.addText("DESCRIPTION", description(of: promise))
    addAllDay(promise.by.day, to: &lines)
    lines.add("CATEGORIES", [promise.performer.text, promise.customer.text].map(ContentLines.escapedText).joined(separator: ","))
    addChain(of: promise, to: &lines)
    lines.add("END", "VEVENT")
  }

  private func addAllDay(_ day: CalendarDay, to lines: inout ContentLines) {
    lines.add("DTSTART;VALUE=DATE", ContentLines.basic(day))
    lines.add("DTEND;VALUE=DATE", ContentLines.basic(day.adding(days: 1)))
    // A due date is a marker, not a meeting: it does not make anyone busy.
    lines.add("TRANSP", "TRANSPARENT")
  }

  /// A date is due by the end of that day (a DATE value); a time, as that instant in UTC.
  private func addDue(_ by: ByWhen, to lines: inout ContentLines) {
    guard let minute = by.minuteOfDay else { return lines.add("DUE;VALUE=DATE", ContentLines.basic(by.day)) }
    lines.add("DUE", ContentLines.utc(LocalMoment(day: by.day, secondOfDay: minute * 60).instant(in: zone)))
  }

  private func addChain(of promise: Promise, to lines: inout ContentLines) {
    lines.add("X-BREAKTHROUGH-NUMBER", promise.label)
    if let replaces = promise.replaces.flatMap(state.promise(id:)) { lines.add("X-BREAKTHROUGH-REPLACES", replaces.label) }
    if let replacedBy = promise.replacedBy.flatMap(state.promise(id:)) { lines.add("X-BREAKTHROUGH-REPLACED-BY", replacedBy.label) }
  }

  private func description(of promise: Promise) -> String {
    var lines = ["\(promise.performer) promised \(promise.customer); \(promise.state.word)."]
    for entry in promise.history {
      let moment = LocalMoment(entry.at, in: zone)
      lines.append("\(moment.day.iso) \(moment.clock) \(entry.actor) \(entry.summary)" + (entry.note.map { ": \($0)" } ?? ""))
    }
    return lines.joined(separator: "\n")
  }
}
