import BreakthroughCore
import Foundation

/// The breakthrough as one self-contained HTML page, for the people it is promised to: its
/// countdown, the measures, what it will take, the roll, the overdue accountings and the open
/// promises. Inline CSS, no script, nothing fetched; readable on a phone and on paper. The
/// same ledger at the same moment gives the same bytes: the only clock is `now`, passed in.
public struct BreakthroughPage {
  let state: LedgerState
  let now: Date
  let zone: TimeZone

  public init(state: LedgerState, now: Date, zone: TimeZone) {
    self.state = state
    self.now = now
    self.zone = zone
  }

  public var html: String {
    let moment = LocalMoment(now, in: zone)
    let measures = Measures(state, now: now, zone: zone)
    let (overdue, open) = unclosed(at: moment)
    let title = state.currentBreakthrough.map { "Breakthrough: " + $0.terms.statement } ?? "Breakthrough"
    var page = [
      "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "<title>\(HTMLText.escaped(title))</title>",
      "<style>\(Self.style)</style>", "</head>", "<body>", "<main>",
    ]
    page += header(moment)
    page += figures(measures)
    page += needs(moment)
    page += roll
    page += list("Overdue accountings", overdue, empty: "Nothing is overdue: every promise past its by-when is accounted for.") {
      "due \($0.by.description), " + Self.days($0.by.daysLate(at: moment), "overdue")
    }
    page += list("Open promises", open, empty: "No promise is open.") { promise in
      let state = promise.state == .delivered ? "delivered, awaiting acceptance" : promise.confidence?.words ?? "open"
      return "by \(promise.by.description), \(state)"
    }
    page += ["<footer>As of \(moment.day.weekdayName) \(moment.day.iso) \(moment.clock).</footer>", "</main>", "</body>", "</html>"]
    return page.joined(separator: "\n") + "\n"
  }

  private func header(_ moment: LocalMoment) -> [String] {
    guard let breakthrough = state.currentBreakthrough else {
      return ["<header>", "<h1>No breakthrough declared yet</h1>", "</header>"]
    }
    let terms = breakthrough.terms
    var lines = ["<header>", "<p class=\"kicker\">Our breakthrough</p>", "<h1>\(text(terms.statement))</h1>"]
    lines.append("<p class=\"countdown\">\(countdown(breakthrough, moment))</p>")
    lines.append("<p>By \(terms.by.description), declared by \(text(breakthrough.declaredBy.text)).</p>")
    if let measure = terms.measure { lines.append("<p><strong>How we will know:</strong> \(text(measure))</p>") }
    if let why = terms.why { lines.append("<p><strong>Why it matters:</strong> \(text(why))</p>") }
    if let note = breakthrough.outcomeNote { lines.append("<p><strong>What happened:</strong> \(text(note))</p>") }
    return lines + ["</header>"]
  }

  private func countdown(_ breakthrough: Breakthrough, _ moment: LocalMoment) -> String {
    switch breakthrough.outcome {
    case .achieved: return "Achieved"
    case .notAchieved: return "Not achieved"
    case .revised: return "Revised"
    case nil:
      let left = moment.day.days(until: breakthrough.terms.by.day)
      if left == 0 { return "<span class=\"big\">Today</span> is the day" }
      if left < 0 { return "<span class=\"big\">\(-left)</span> \(left == -1 ? "day" : "days") past its by-when" }
      return "<span class=\"big\">\(left)</span> \(left == 1 ? "day" : "days") left"
    }
  }

  private func figures(_ measures: Measures) -> [String] {
    let team = measures.team
    var rows = [
      ("Kept on time", team.keptOnTimeRate?.percent ?? "—", "\(team.keptOnTime) of \(team.cameDue) that came due"),
      ("Honored", team.honoredRate?.percent ?? "—", "kept on time, or renegotiated or revoked with notice"),
      ("Unaccounted", "\(team.unaccounted)", Self.days(team.daysOverdue, "overdue in all")),
      ("Open", "\(team.open)", "\(team.dueWithinWeek) due in the next 7 days"),
    ]
    if let linked = measures.breakthrough {
      rows.append(
        ("For the breakthrough", "\(linked.linkedPromises)", "promises, kept on time \(linked.linked.keptOnTimeRate?.percent ?? "—")"))
    }
    var lines = ["<section>", "<h2>The measures</h2>", "<dl class=\"figures\">"]
    lines += rows.map { "<div><dt>\($0.0)</dt><dd><span class=\"figure\">\($0.1)</span> \(HTMLText.escaped($0.2))</dd></div>" }
    return lines + ["</dl>", "</section>"]
  }

  private func needs(_ moment: LocalMoment) -> [String] {
    let elements = state.elementsByNeed(at: moment).filter { $0.coverage != .dropped }
    guard !elements.isEmpty else { return [] }
    var lines = ["<section>", "<h2>What it will take</h2>", "<ul>"]
    for (element, coverage) in elements {
      let promised = state.promises(covering: element).filter { !$0.state.isClosed }.map(\.label)
      let by = element.terms.by.map { ", by \($0.description)" } ?? ""
      let covering = promised.isEmpty ? "" : " (\(promised.joined(separator: ", ")))"
      lines.append(
        "<li class=\"\(coverage.rawValue)\"><span class=\"label\">\(element.label)</span> \(text(element.what))\(by) "
          + "<span class=\"state\">\(coverage.words)\(covering)</span></li>")
    }
    return lines + ["</ul>", "</section>"]
  }

  private var roll: [String] {
    let roll = state.conversations.roll
    guard let summary = roll.summary, state.currentBreakthrough?.outcome == nil else { return [] }
    var lines = ["<section>", "<h2>Who is in</h2>", "<p>\(text(summary))</p>", "<ul>"]
    for entry in roll.entries {
      switch entry.standing {
      case .enrolled: lines.append("<li>\(text(entry.person.text)): in</li>")
      case .notYet(let said):
        lines.append("<li>\(text(entry.person.text)): not yet\(said.map { ", it would take: " + text($0) } ?? "")</li>")
      case .unenrolled(let said): lines.append("<li>\(text(entry.person.text)): out, \(text(said))</li>")
      }
    }
    return lines + ["</ul>", "</section>"]
  }

  /// The overdue accountings, oldest by-when first, and the rest of the open and delivered
  /// promises by by-when; closed promises are passed over without being built.
  private func unclosed(at moment: LocalMoment) -> (overdue: [Promise], open: [Promise]) {
    var overdue: [Promise] = []
    var open: [Promise] = []
    let promises = state.promises
    for index in promises.indices where !promises.isClosed(at: index) {
      let promise = promises.promise(at: index)
      if promise.isOverdue(at: moment) { overdue.append(promise) } else { open.append(promise) }
    }
    let order = { (first: Promise, second: Promise) in (first.by, first.number) < (second.by, second.number) }
    return (overdue.sorted(by: order), open.sorted(by: order))
  }

  private func list(_ title: String, _ promises: [Promise], empty: String, when: (Promise) -> String) -> [String] {
    var lines = ["<section>", "<h2>\(title) <span class=\"count\">\(promises.count)</span></h2>"]
    guard !promises.isEmpty else { return lines + ["<p>\(empty)</p>", "</section>"] }
    lines.append("<ul class=\"promises\">")
    for promise in promises {
      lines.append(
        "<li><span class=\"label\">\(promise.label)</span> \(text(promise.what)) <span class=\"who\">\(text(promise.performer.text))"
          + " → \(text(promise.customer.text)), \(HTMLText.escaped(when(promise)))</span></li>")
    }
    return lines + ["</ul>", "</section>"]
  }

  /// People's text, escaped and isolated, so a right-to-left mark in it cannot turn the words around it.
  private func text(_ words: String) -> String { "<bdi>\(HTMLText.escaped(words))</bdi>" }

  private static func days(_ count: Int, _ words: String) -> String { "\(count) \(count == 1 ? "day" : "days") \(words)" }

  /// Readable from a phone to a printer: one column, system fonts, states in words as well as colours.
  static let style = """
    body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fafafa}\
    main{max-width:46rem;margin:0 auto;padding:1rem}\
    header{border-bottom:3px solid #1b1b1b;margin-bottom:1rem}\
    .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;margin:0}\
    h1{font-size:1.8rem;line-height:1.2;margin:.2rem 0 .5rem}\
    h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ccc}\
    .countdown .big{font-size:2.6rem;font-weight:700;margin-right:.3rem}\
    .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.5rem;margin:0}\
    .figures div{background:#fff;border:1px solid #ddd;padding:.5rem}\
    dt{font-size:.85rem}dd{margin:0}.figure{font-size:1.5rem;font-weight:700;display:block}\
    ul{padding-left:1.2rem}li{margin:.3rem 0;overflow-wrap:anywhere}\
    .label{font-weight:700;font-variant-numeric:tabular-nums}\
    .who,.state,.count,footer{color:#555;font-size:.9rem}\
    .at-risk .state,.nothing-promised .state{color:#9b1c1c;font-weight:700}\
    footer{margin-top:2rem;border-top:1px solid #ccc;padding-top:.5rem}\
    @media print{body{background:#fff}main{max-width:none}.figures div{border-color:#999}h2{break-after:avoid}li{break-inside:avoid}}
    """
}
