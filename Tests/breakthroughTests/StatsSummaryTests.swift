import BreakthroughCore
import Testing

@testable import breakthrough

/// `stats`' summary says a large team's counts with their thousands marked, as the board does.
@Suite struct StatsSummaryTests {
  @Test func aLargeTeamsCountsAreGrouped() {
    var figures = Figures()
    figures.cameDue = 81_000
    figures.keptOnTime = 52_650
    figures.unaccounted = 9_918
    figures.daysOverdue = 3_544_716
    figures.open = 12_423
    figures.dueWithinWeek = 2_115
    let summary = StatsRequest().summary(figures)
    #expect(summary.contains("(52,650 of 81,000 that came due)"), "\(summary)")
    #expect(summary.contains("unaccounted 9,918 (3,544,716 days overdue in all)"))
    #expect(summary.hasSuffix("load 12,423 open, 2,115 due in 7 days"))
  }
}
