import BreakthroughCore
import BreakthroughInterchange
import Foundation

/// `stats --reasons`: why promises slipped, each reason with its count and share, largest first,
/// and the promises behind it, in every format `stats` writes and CSV.
struct SlipOutput {
  let report: SlipReport
  /// Where the window starts, in words: "since 2026-11-07 (the current breakthrough)".
  let window: String
  /// Where the window starts, for scripts; nil for all time.
  let since: Date?

  static let headers = ["reason", "words", "count", "share", "promises", "addressedBy"]

  func print(_ format: OutputFormat) {
    switch format {
    case .table: table().map(Escaping.forDisplay).forEach { Swift.print($0) }
    case .json: Swift.print(JSONOutput.text(json))
    case .tsv:
      var out = TSVWriter()
      for row in [Self.headers] + cells() {
        row.forEach { out.field($0) }
        out.endLine()
      }
      out.flush()
    case .csv:
      var out = CSVWriter()
      Self.headers.forEach { out.plain($0) }
      out.endRow()
      for row in cells() {
        row.forEach { out.field($0) }
        out.endRow()
      }
      FileHandle.standardOutput.write(Data(out.text.utf8))
    }
  }

  /// One row a reason, as TSV and CSV write them: the share as a fraction, promises space-separated.
  private func cells() -> [[String]] {
    report.rows.map { row in
      [
        row.key ?? "", row.words, "\(row.count)", "\((row.share * 10_000).rounded() / 10_000)", row.promises.joined(separator: " "),
        row.addressedBy.joined(separator: " "),
      ]
    }
  }

  var json: JSONValue {
    .object([
      ("since", since.map { .string(Timestamp.text($0)) } ?? .null), ("misses", .number(Double(report.total))),
      (
        "reasons",
        .array(
          report.rows.map { row in
            .object([
              ("reason", row.key.map(JSONValue.string) ?? .null), ("words", .string(row.words)), ("count", .number(Double(row.count))),
              ("share", .number((row.share * 10_000).rounded() / 10_000)), ("promises", .array(row.promises.map(JSONValue.string))),
              ("addressedBy", .array(row.addressedBy.map(JSONValue.string))),
            ])
          })
      ),
    ])
  }

  /// The Pareto for people: the reason, its words, count and share, and the first promises behind it.
  func table() -> [String] {
    guard report.total > 0 else {
      return ["Why promises slipped \(window): nothing slipped. Every miss names a reason: breakthrough not-kept P12 --reason KEY"]
    }
    let misses = report.total == 1 ? "1 miss" : "\(report.total) misses"
    var table = TextTable(headers: ["REASON", "WHAT IT MEANS", "COUNT", "SHARE", "PROMISES", "ADDRESSED BY"])
    table.rows = report.rows.map { row in
      let shown = row.promises.prefix(6).joined(separator: ", ") + (row.promises.count > 6 ? " and \(row.promises.count - 6) more" : "")
      return [
        row.key ?? "-", row.words, "\(row.count)", FigureWords.rate(row.share), shown, row.addressedBy.prefix(6).joined(separator: ", "),
      ]
    }
    return ["Why promises slipped \(window): \(misses), the largest cause first", ""] + table.lines()
  }
}

extension StatsRequest {
  /// The Pareto over `--since` (a date as people type it, from the start of its day), else
  /// since the current breakthrough was declared, else over everything.
  func slipOutput(_ session: Session) throws -> SlipOutput {
    let state = session.state
    if let since {
      let by = try DateExpression.parse(since, today: session.localNow.day)
      let start = LocalMoment(day: by.day, secondOfDay: (by.minuteOfDay ?? 0) * 60).instant(in: session.zone)
      return SlipOutput(report: SlipReport(state, since: start), window: "since \(by.description)", since: start)
    }
    guard let breakthrough = state.currentBreakthrough else {
      return SlipOutput(report: SlipReport(state, since: nil), window: "since the ledger began", since: nil)
    }
    let day = LocalMoment(breakthrough.declaredAt, in: session.zone).day
    return SlipOutput(
      report: SlipReport(state, since: breakthrough.declaredAt), window: "since \(day.iso) (the current breakthrough)",
      since: breakthrough.declaredAt)
  }
}
