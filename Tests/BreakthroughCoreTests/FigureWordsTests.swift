import BreakthroughCore
import Testing

/// Large counts are said with their thousands marked, wherever figures are shown.
struct FigureWordsTests {
  @Test func countsAreGroupedByThousands() {
    #expect(
      [0, 7, 999, 1_000, 20_000, 281_680, 1_000_000, -7, -999, -1_000, -3_544_716].map(FigureWords.grouped) == [
        "0", "7", "999", "1,000", "20,000", "281,680", "1,000,000", "-7", "-999", "-1,000", "-3,544,716",
      ])
  }

  @Test func aLargeTeamsFiguresAreGrouped() {
    var figures = Figures()
    figures.unaccounted = 9_918
    figures.daysOverdue = 3_544_716
    figures.open = 100_000
    figures.dueWithinWeek = 1_204
    #expect(FigureWords.unaccounted(figures) == "unaccounted 9,918 (3,544,716 d)")
    #expect(FigureWords.load(figures) == "100,000 open, 1,204 due in 7 d")
  }

  @Test func aSmallTeamsFiguresAreAsBefore() {
    var figures = Figures()
    figures.unaccounted = 8
    figures.daysOverdue = 64
    #expect(FigureWords.unaccounted(figures) == "unaccounted 8 (64 d)")
  }
}
