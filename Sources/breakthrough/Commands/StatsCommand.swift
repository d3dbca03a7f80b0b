import ArgumentParser
import BreakthroughCore

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "The measures: kept on time, honored, unaccounted and load, for the team and each person.",
    discussion: "Over the current breakthrough: promises made since it was declared (all promises when none is).")

  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    let measures = Measures(session.state, now: session.now, zone: session.zone)
    var lines: [String] = []
    if let figures = measures.breakthrough {
      let terms = figures.breakthrough.terms
      let left = figures.daysLeft >= 0 ? "\(figures.daysLeft) days left" : "\(-figures.daysLeft) days past its by-when"
      lines.append("Breakthrough: \(terms.statement)")
      lines.append(
        "  by \(terms.by.description), \(left); \(figures.linkedPromises) promises linked, kept on time \(rate(figures.linked.keptOnTimeRate))"
      )
    } else {
      lines.append("No breakthrough declared yet: breakthrough declare STATEMENT --by DATE")
    }
    lines.append("")
    lines.append("Team: " + summary(measures.team))
    lines.append("")
    var table = TextTable(headers: ["PERSON", "KEPT ON TIME", "HONORED", "CAME DUE", "UNACCOUNTED", "DAYS OVERDUE", "OPEN", "DUE IN 7 D"])
    table.rows = measures.people.map { person, figures in
      [
        person.text, rate(figures.keptOnTimeRate), rate(figures.honoredRate), "\(figures.cameDue)", "\(figures.unaccounted)",
        "\(figures.daysOverdue)", "\(figures.open)", "\(figures.dueWithinWeek)",
      ]
    }
    lines += table.lines()
    lines.map(Escaping.forDisplay).forEach { print($0) }
  }

  func rate(_ value: Double?) -> String { value?.percent ?? "–" }

  func summary(_ figures: Figures) -> String {
    "kept on time \(rate(figures.keptOnTimeRate)) (\(figures.keptOnTime) of \(figures.cameDue) that came due), "
      + "honored \(rate(figures.honoredRate)), unaccounted \(figures.unaccounted) (\(figures.daysOverdue) days overdue in all), "
      + "load \(figures.open) open, \(figures.dueWithinWeek) due in 7 days"
  }
}
