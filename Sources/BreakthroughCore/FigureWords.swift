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
  public static func unaccounted(_ figures: Figures) -> String {
    "unaccounted \(grouped(figures.unaccounted)) (\(grouped(figures.daysOverdue)) d)"
  }

  /// "4 open, 1 due in 7 d".
  public static func load(_ figures: Figures) -> String { "\(grouped(figures.open)) open, \(grouped(figures.dueWithinWeek)) due in 7 d" }

  /// "3,544,716": a count with its thousands marked, as `ls -l --block-size=\'1` and htop mark
  /// them, so that a large one is read at a glance.
  public static func grouped(_ count: Int) -> String {
    let digits = Array(String(count.magnitude))
    var text = count < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return text
  }

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
