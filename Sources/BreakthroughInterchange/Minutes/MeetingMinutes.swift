import BreakthroughCore
import Foundation

/// The standing meeting's minutes in Markdown: what was accounted for since the last meeting,
/// what was newly promised, and what is still owed. Lists, not tables: people's text may hold `|`.
public struct MeetingMinutes {
  let state: LedgerState
  /// The events of the period that the rule book allowed, in ledger order.
  let events: [Event]
  /// The events of the period that the rule book left out.
  let leftOut: [LeftOutEvent]
  /// Where the period starts, in words ("the meeting recorded 2026-12-03 09:02").
  let since: String
  let now: Date
  let zone: TimeZone

  public init(state: LedgerState, events: [Event], leftOut: [LeftOutEvent] = [], since: String, now: Date, zone: TimeZone) {
    self.state = state
    self.events = events
    self.leftOut = leftOut
    self.since = since
    self.now = now
    self.zone = zone
  }

  public var markdown: String {
    let moment = LocalMoment(now, in: zone)
    var lines = ["# Standing meeting, \(moment.day.weekdayName) \(moment.day.iso) \(moment.clock)", ""]
    lines.append("Since \(MarkdownText.escaped(since)).")
    if let breakthrough = state.currentBreakthrough, breakthrough.outcome == nil {
      let left = moment.day.days(until: breakthrough.terms.by.day)
      let when = left >= 0 ? "\(left) days left" : "\(-left) days past its by-when"
      lines.append(
        "Breakthrough: \(MarkdownText.escaped(breakthrough.terms.statement)) (by \(breakthrough.terms.by.description), \(when)).")
    }
    var anything = false
    for (title, items) in sections where !items.isEmpty {
      anything = true
      lines += ["", "## \(title)", ""] + items.map { "- \($0)" }
    }
    if !anything { lines += ["", "Nothing was accounted for or promised in this period, nothing is owed and nothing awaits acceptance."] }
    return lines.joined(separator: "\n") + "\n"
  }

  private var sections: [(String, [String])] {
    var breakthrough: [String] = []
    var kept: [String] = []
    var notKept: [String] = []
    var renegotiated: [String] = []
    var ended: [String] = []
    var made: [String] = []
    var requests: [String] = []
    var enrollment: [String] = []
    var elements: [String] = []
    var slipped: [String?] = []
    for event in events {
      switch event.body {
      case .declared, .breakthroughAccounted:
        breakthrough.append(said(event))
      case .made(let terms, _):
        guard let promise = current(terms.id, not: .withdrawn) else { continue }
        made.append("\(head(promise)), by \(promise.by.description)")
      case .accepted(let id, let note), .delivered(let id, true, let note, _):
        guard let promise = current(id, in: .kept), let deliveredAt = promise.deliveredAt else { continue }
        let timing = promise.by.isPast(at: LocalMoment(deliveredAt, in: zone)) ? "delivered late" : "delivered on time"
        kept.append("\(head(promise)) — \(timing)\(said(note))")
      case .notKept(let id, let note, let replacement, let late, let reason):
        guard let promise = current(id, in: .notKept) else { continue }
        let how = late ? "renegotiated after its by-when, so not kept" : "what happened"
        let why = "reason: \(reasonWords(reason))"
        notKept.append("\(head(promise)) — \(why) — \(how): \(MarkdownText.escaped(note))\(replacedBy(replacement))")
        slipped.append(reason)
      case .renegotiated(let id, let note, let replacement):
        guard let promise = current(id, in: .renegotiated) else { continue }
        renegotiated.append("\(head(promise)) — before its by-when, honored with notice\(said(note))\(replacedBy(replacement))")
      case .revoked(let id, let note):
        guard let promise = current(id, in: .revoked) else { continue }
        ended.append("\(head(promise)) — revoked by \(who(event.actor))\(said(note))")
      case .released(let id, let note):
        guard let promise = current(id, in: .released) else { continue }
        ended.append("\(head(promise)) — released by \(who(event.actor))\(said(note))")
      case .requestMade, .requestCountered, .requestDeclined, .requestWithdrawn:
        requests.append(said(event))
      case .enrolled, .notYet, .unenrolled:
        enrollment.append(said(event))
      case .elementAdded, .elementRevised, .elementMet, .elementDropped, .reasonAdded, .reasonRetired:
        elements.append(said(event))
      case .delivered, .rejected, .confidence, .undone, .meetingHeld, .zoneSet:
        continue
      }
    }
    let local = LocalMoment(now, in: zone)
    let running = state.promises.indices.filter { !state.promises.isClosed(at: $0) }.map { state.promises.promise(at: $0) }
    let owed = running.filter { $0.isOverdue(at: local) }.sorted { ($0.by, $0.number) < ($1.by, $1.number) }
    let awaiting = running.filter { $0.state == .delivered }
    return [
      ("Breakthrough", breakthrough), ("Kept", kept), ("Not kept", notKept), ("Why they were not kept", reasonCounts(slipped)),
      ("Renegotiated", renegotiated),
      ("Revoked or released", ended), ("Newly promised", made), ("Requests", requests), ("Enrollment", enrollment),
      ("What it will take", elements),
      ("Still owed (overdue accountings)", owed.map { "\(head($0)) — due \($0.by.description), \(days($0.by.daysLate(at: local))) late" }),
      ("Awaiting acceptance", awaiting.map(awaitingLine)),
      ("Left out by the rule book (kept in the ledger, counted for nothing)", leftOut.map { MarkdownText.escaped($0.reason) }),
    ]
  }

  /// "waiting (waiting on someone's answer or decision): 2", most given first.
  private func reasonCounts(_ reasons: [String?]) -> [String] {
    let counts = Dictionary(grouping: reasons, by: { $0 }).mapValues(\.count)
    return counts.sorted { ($1.value, $0.key ?? "") < ($0.value, $1.key ?? "") }.map { "\(reasonWords($0.key)): \($0.value)" }
  }

  /// "external (client, vendor or outside event)", or "no reason given".
  private func reasonWords(_ key: String?) -> String {
    guard let key else { return "no reason given" }
    return "\(MarkdownText.escaped(key)) (\(MarkdownText.escaped(state.reasons.words(of: key))))"
  }

  /// The promise as it stands now, when it is still in `state` (a later undo may have taken the move back).
  private func current(_ id: String, in wanted: PromiseState) -> Promise? {
    state.promise(id: id).flatMap { $0.state == wanted ? $0 : nil }
  }

  private func current(_ id: String, not unwanted: PromiseState) -> Promise? {
    state.promise(id: id).flatMap { $0.state == unwanted ? nil : $0 }
  }

  private func head(_ promise: Promise) -> String {
    "\(promise.label) \(who(promise.performer)) → \(who(promise.customer)): "
      + MarkdownText.escaped(promise.what)
  }

  private func requestLabel(_ id: String) -> String {
    state.conversations.request(id: id)?.label ?? "a request"
  }

  private func elementLabel(_ id: String) -> String {
    state.conversations.element(id: id).map { "\($0.label) \(MarkdownText.escaped($0.what))" } ?? "an element"
  }

  private func who(_ person: Handle) -> String { MarkdownText.escaped(person.text) }

  /// The event in the words every reader uses, people's text escaped.
  private func said(_ event: Event) -> String {
    "\(who(event.actor)) \(wording.phrase(event).text)"
  }

  private var wording: EventWording { EventWording(state: state, text: MarkdownText.escaped) }

  private func said(_ note: String?) -> String { note.map { ": \(MarkdownText.escaped($0))" } ?? "" }

  private func replacedBy(_ terms: PromiseTerms?) -> String {
    terms.map { "; P\($0.number) replaces it, by \($0.by.description)" } ?? ""
  }

  private func awaitingLine(_ promise: Promise) -> String {
    let delivered = promise.deliveredAt.map { LocalMoment($0, in: zone).day.iso } ?? "?"
    return "\(head(promise)) — delivered \(delivered), awaiting \(who(promise.customer))"
  }

  private func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }
}
