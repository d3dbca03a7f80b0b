/// Figures in the words every view says them in (the board's header, the meeting display,
/// `stats`), so that a rate or a load reads the same wherever it is shown.
public enum FigureWords {
  /// A rate as a whole percentage, or "–" while nothing it counts has come due.
  public static func rate(_ rate: Double?) -> String { rate?.percent ?? "–" }

  /// "kept on time 80%".
  public static func keptOnTime(_ figures: Figures) -> String { "kept on time \(rate(figures.keptOnTimeRate))" }

  /// "honored 90%".
  public static func honored(_ figures: Figures) -> String { "honored \(rate(figures.honoredRate))" }

  /// "unaccounted 2 (5 d)": promises past their by-when, and their days overdue in all.
  public static func unaccounted(_ figures: Figures) -> String { "unaccounted \(figures.unaccounted) (\(figures.daysOverdue) d)" }

  /// "4 open, 1 due in 7 d".
  public static func load(_ figures: Figures) -> String { "\(figures.open) open, \(figures.dueWithinWeek) due in 7 d" }

  /// As many of `figures` as fit in `width` cells after `lead`, whole ones only and in their
  /// order (most important first): a figure cut off would mislead.
  public static func fitted(_ figures: [String], after lead: String = "", separator: String, width: Int) -> String {
    var line = lead
    for (index, figure) in figures.enumerated() {
      let next = line + (index == 0 ? "" : " \(separator) ") + figure
      if DisplayWidth.of(next) > width { break }
      line = next
    }
    return line
  }
}
