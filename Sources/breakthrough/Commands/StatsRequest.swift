import ArgumentParser
import BreakthroughCore
import Foundation

/// What `stats` is asked for, however it was typed: the command's options, or the words a
/// script passes, read without the argument parser (`init?(typed:)`).
struct StatsRequest: Equatable {
  var format: OutputFormat = .table
  var reasons = false
  var since: String?
  var weekly = false
  var weeks: Int?
  var showRates = false
  var raw = false
  var ledger = LedgerChoice()

  /// Why the options do not go together, as the sentence that says so; nil when they do.
  var problem: String? {
    if reasons, weekly { return "--reasons and --weekly are two reports: ask for one at a time" }
    if since != nil, !reasons { return "--since goes with --reasons: breakthrough stats --reasons --since DATE" }
    if !weekly, weeks != nil || showRates || raw {
      return "--weeks, --show-rates and --raw go with --weekly: stats --weekly --weeks 12 --show-rates"
    }
    return nil
  }

  func run() throws {
    let session = try ledger.openSession()
    if reasons { return try slipOutput(session).print(format) }
    if weekly {
      let stats = try WeeklyStats(session.state, now: session.now, zone: session.zone, count: weeks ?? 12, perPerson: showRates)
      return stats.print(as: format, guardsFormulas: !raw)
    }
    let measures = Measures(session.state, now: session.now, zone: session.zone)
    switch format {
    case .table: printTable(measures, session.state, now: session.localNow)
    case .json: print(JSONOutput.text(json(measures, session.state, now: session.localNow)))
    case .tsv: printTSV(measures)
    case .csv: throw ValidationError("stats writes table, tsv or json")
    }
  }

  /// The figures for scripts: the team's, then each person's (rates are fractions, null when nothing came due).
  func json(_ measures: Measures, _ state: LedgerState, now: LocalMoment) -> JSONValue {
    let breakthrough: JSONValue =
      measures.breakthrough.map { figures in
        .object([
          ("statement", .string(figures.breakthrough.terms.statement)), ("by", .string(figures.breakthrough.terms.by.ledgerText)),
          ("daysLeft", .number(Double(figures.daysLeft))), ("linkedPromises", .number(Double(figures.linkedPromises))),
          ("linked", .object(Self.fields(of: figures.linked))),
        ])
      } ?? .null
    let conversations = state.conversations
    let requests: JSONValue = .object([
      ("unanswered", .number(Double(conversations.unanswered.count))),
      ("answerOverdue", .number(Double(conversations.unanswered.filter { $0.isAnswerOverdue(at: now) }.count))),
      ("medianHoursToAnswer", conversations.medianTimeToAnswer.map { .number(($0 / 36).rounded() / 100) } ?? .null),
    ])
    return .object([
      ("breakthrough", breakthrough), ("coverage", state.coverageRate(at: now).map(JSONValue.number) ?? .null), ("requests", requests),
      ("team", .object(Self.fields(of: measures.team))),
      ("people", .array(measures.people.map { .object([("person", .string($0.person.text))] + Self.fields(of: $0.figures)) })),
      ("leftOut", .number(Double(state.leftOut.count))),
    ])
  }

  static func fields(of figures: Figures) -> [(key: String, value: JSONValue)] {
    let rate = { (value: Double?) in value.map(JSONValue.number) ?? .null }
    return [
      ("cameDue", .number(Double(figures.cameDue))), ("keptOnTime", .number(Double(figures.keptOnTime))),
      ("closedWithNotice", .number(Double(figures.closedWithNotice))), ("keptOnTimeRate", rate(figures.keptOnTimeRate)),
      ("honoredRate", rate(figures.honoredRate)), ("unaccounted", .number(Double(figures.unaccounted))),
      ("daysOverdue", .number(Double(figures.daysOverdue))), ("open", .number(Double(figures.open))),
      ("dueWithinWeek", .number(Double(figures.dueWithinWeek))),
    ]
  }

  static let tsvHeader = [
    "who", "cameDue", "keptOnTime", "closedWithNotice", "keptOnTimeRate", "honoredRate", "unaccounted", "daysOverdue", "open",
    "dueWithinWeek",
  ]

  /// One line for the team (`(team)`, which no handle can be) and one for each person.
  func printTSV(_ measures: Measures) {
    var out = TSVWriter()
    Self.tsvHeader.forEach { out.field($0) }
    out.endLine()
    for (who, figures) in [("(team)", measures.team)] + measures.people.map({ ($0.person.text, $0.figures) }) {
      out.field(who)
      for value in [figures.cameDue, figures.keptOnTime, figures.closedWithNotice] { out.field("\(value)") }
      for rate in [figures.keptOnTimeRate, figures.honoredRate] { out.field(rate.map { "\($0)" } ?? "") }
      for value in [figures.unaccounted, figures.daysOverdue, figures.open, figures.dueWithinWeek] { out.field("\(value)") }
      out.endLine()
    }
    out.flush()
  }

  func printTable(_ measures: Measures, _ state: LedgerState, now: LocalMoment) {
    var lines: [String] = []
    if let figures = measures.breakthrough {
      let terms = figures.breakthrough.terms
      let left = figures.daysLeft >= 0 ? "\(figures.daysLeft) days left" : "\(-figures.daysLeft) days past its by-when"
      lines.append("Breakthrough: \(terms.statement)")
      lines.append(
        "  by \(terms.by.description), \(left); \(FigureWords.grouped(figures.linkedPromises)) promises linked, kept on time \(rate(figures.linked.keptOnTimeRate))"
      )
    } else {
      lines.append("No breakthrough declared yet: breakthrough declare STATEMENT --by DATE")
    }
    if let roll = state.conversations.roll.summary { lines.append("  " + roll) }
    if let elements = state.elementsSummary(at: now) {
      lines.append("  \(elements); coverage \(rate(state.coverageRate(at: now))) of open elements have a promise")
    }
    let conversations = state.conversations
    if !conversations.requests.isEmpty {
      let overdue = conversations.unanswered.filter { $0.isAnswerOverdue(at: now) }.count
      let median = conversations.medianTimeToAnswer.map { "; median time to answer \(Self.duration($0))" } ?? ""
      lines.append("  Requests: \(conversations.unanswered.count) waiting for an answer (\(overdue) overdue)\(median)")
    }
    if let leftOut = state.leftOutSummary { lines.append("  " + leftOut) }
    lines.append("")
    lines.append("Team: " + summary(measures.team))
    lines.append("")
    var table = TextTable(headers: ["PERSON", "KEPT ON TIME", "HONORED", "CAME DUE", "UNACCOUNTED", "DAYS OVERDUE", "OPEN", "DUE IN 7 D"])
    table.rows = measures.people.map { person, figures in
      [person.text, rate(figures.keptOnTimeRate), rate(figures.honoredRate)]
        + [figures.cameDue, figures.unaccounted, figures.daysOverdue, figures.open, figures.dueWithinWeek].map(FigureWords.grouped)
    }
    lines += table.lines()
    lines.map(Escaping.forDisplay).forEach { print($0) }
  }

  /// "3 h" under two days, else "2.5 d".
  static func duration(_ seconds: TimeInterval) -> String {
    seconds < 172_800 ? "\(Int((seconds / 3600).rounded())) h" : "\(((seconds / 8640).rounded()) / 10) d"
  }

  func rate(_ value: Double?) -> String { FigureWords.rate(value) }

  func summary(_ figures: Figures) -> String {
    let count = FigureWords.grouped
    return "kept on time \(rate(figures.keptOnTimeRate)) (\(count(figures.keptOnTime)) of \(count(figures.cameDue)) that came due), "
      + "honored \(rate(figures.honoredRate)), unaccounted \(count(figures.unaccounted)) (\(count(figures.daysOverdue)) days overdue in all), "
      + "load \(count(figures.open)) open, \(count(figures.dueWithinWeek)) due in 7 days"
  }
}

extension StatsRequest: TypedRequest {
  /// `stats` as scripts type it (`TypedOptions`); nil too when the options do not go together,
  /// for the argument parser to say so.
  init?(typed arguments: [String]) {
    guard
      let typed = TypedOptions(
        arguments, flags: ["--reasons", "--weekly", "--show-rates", "--raw"], valued: ["--format", "--since", "--weeks", "--store", "--as"])
    else { return nil }
    if let text = typed["--format"] {
      guard let format = OutputFormat(rawValue: text) else { return nil }
      self.format = format
    }
    if let text = typed["--weeks"] {
      guard let weeks = Int(text) else { return nil }
      self.weeks = weeks
    }
    reasons = typed.has("--reasons")
    weekly = typed.has("--weekly")
    showRates = typed.has("--show-rates")
    raw = typed.has("--raw")
    since = typed["--since"]
    ledger = LedgerChoice(store: typed["--store"], actor: typed["--as"])
    guard problem == nil else { return nil }
  }
}
