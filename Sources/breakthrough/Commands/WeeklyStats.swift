import ArgumentParser
import BreakthroughCore
import BreakthroughInterchange
import Foundation

/// `stats --weekly`: for each of the last weeks (Monday first, in the ledger's zone) the
/// promises that came due and what became of them. People's own rows only when asked for.
struct WeeklyStats {
  let weeks: [WeekFigures]
  /// Each person's weeks, in the order people were first named; empty unless `--show-rates`.
  let people: [(person: Handle, weeks: [WeekFigures])]
  let zone: TimeZone

  /// The largest `--weeks` taken: ten years.
  static let mostWeeks = 520

  init(_ state: LedgerState, now: Date, zone: TimeZone, count: Int, perPerson: Bool) throws {
    guard (1...Self.mostWeeks).contains(count) else {
      throw ValidationError("--weeks takes 1 to \(Self.mostWeeks) weeks (\(count) given): try --weeks 12")
    }
    let measures = WeeklyMeasures(state, now: now, zone: zone, weeks: count, perPerson: perPerson)
    weeks = measures.team.weeks
    people = measures.people.map { ($0.person, $0.figures.weeks) }
    self.zone = zone
  }

  func print(as format: OutputFormat, guardsFormulas: Bool) {
    switch format {
    case .table: Swift.print(table(), terminator: "")
    case .json: Swift.print(JSONOutput.text(json()))
    case .tsv:
      var out = TSVWriter()
      for row in rows() {
        row.forEach { out.field($0) }
        out.endLine()
      }
      out.flush()
    case .csv:
      var out = CSVWriter(guardsFormulas: guardsFormulas)
      for row in rows() {
        row.forEach { out.field($0) }
        out.endRow()
      }
      FileHandle.standardOutput.write(Data(out.text.utf8))
    }
  }

  static let nothingDue = "nothing due"

  /// The team's weeks, then (with `--show-rates`) each person's kept-on-time rate per week.
  func table() -> String {
    var text = "Week by week, Monday first (\(zone.identifier)): promises that came due and what became of them\n"
    var table = TextTable(headers: ["WEEK OF", "CAME DUE", "KEPT ON TIME", "HONORED", "NOT KEPT", "LATE", "KEPT ON TIME %", "HONORED %"])
    table.rows = weeks.map { week in
      [week.start.iso] + [week.cameDue, week.keptOnTime, week.honored, week.notKept, week.late].map { "\($0)" }
        + (week.cameDue == 0 ? [Self.nothingDue, ""] : [FigureWords.rate(week.keptOnTimeRate), FigureWords.rate(week.honoredRate)])
    }
    text += table.text
    guard !people.isEmpty else { return text }
    text += "\nKept on time by person (– where nothing came due)\n"
    var byPerson = TextTable(headers: ["PERSON"] + weeks.map { String($0.start.iso.dropFirst(5)) })
    byPerson.rows = people.map { person, weeks in [person.text] + weeks.map { FigureWords.rate($0.keptOnTimeRate) } }
    return text + byPerson.text
  }

  static let header = ["who", "weekOf", "cameDue", "keptOnTime", "honored", "notKept", "late", "keptOnTimeRate", "honoredRate"]

  /// One row per week for the team (`(team)`, which no handle can be), then for each person;
  /// a rate is empty where nothing came due.
  func rows() -> [[String]] {
    let all = [("(team)", weeks)] + people.map { ($0.person.text, $0.weeks) }
    return [Self.header]
      + all.flatMap { who, weeks in
        weeks.map { week in
          [who, week.start.iso] + [week.cameDue, week.keptOnTime, week.honored, week.notKept, week.late].map { "\($0)" }
            + [week.keptOnTimeRate, week.honoredRate].map { $0.map { "\($0)" } ?? "" }
        }
      }
  }

  /// The zone, the team's weeks and (with `--show-rates`) each person's; rates are fractions,
  /// null where nothing came due.
  func json() -> JSONValue {
    var fields: [(key: String, value: JSONValue)] = [("zone", .string(zone.identifier)), ("weeks", .array(weeks.map(Self.json)))]
    if !people.isEmpty {
      fields.append(
        ("people", .array(people.map { .object([("person", .string($0.person.text)), ("weeks", .array($0.weeks.map(Self.json)))]) })))
    }
    return .object(fields)
  }

  static func json(_ week: WeekFigures) -> JSONValue {
    let rate = { (value: Double?) in value.map(JSONValue.number) ?? .null }
    return .object([
      ("weekOf", .string(week.start.iso)), ("cameDue", .number(Double(week.cameDue))), ("keptOnTime", .number(Double(week.keptOnTime))),
      ("honored", .number(Double(week.honored))), ("notKept", .number(Double(week.notKept))), ("late", .number(Double(week.late))),
      ("keptOnTimeRate", rate(week.keptOnTimeRate)), ("honoredRate", rate(week.honoredRate)),
    ])
  }
}
