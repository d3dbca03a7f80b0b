import BreakthroughCore
import Foundation
import TerminalKit

extension MeetingState {
  /// The weeks the meeting's page of reasons looks back over.
  static let slipWeeks = 4

  /// Why promises slipped in the last four weeks: a bar per reason, largest first, with its
  /// count and share, and (where there is room) its words and the promises behind it. The
  /// team's causes, never a person's.
  func drawSlipPage(into grid: inout Grid, _ area: Rect) {
    let since = SlipReport.start(ofLast: Self.slipWeeks, before: localNow, in: zone)
    let report = SlipReport(ledger, since: since)
    let day = LocalMoment(since, in: zone).day
    let title = "Why promises slipped (last \(Self.slipWeeks) weeks): "
    let misses = report.total == 1 ? "1 miss" : "\(report.total) misses"
    let summary = report.total == 0 ? "nothing slipped since \(day.iso)" : "\(misses) since \(day.iso)"
    grid.put(title + summary, row: area.top, column: area.left + 1, limit: area.width - 2, role: .header)
    let labelWidth = min(26, (report.rows.map { DisplayWidth.of($0.key ?? "no reason given") }.max() ?? 0) + 2)
    let figuresWidth = 12
    let barWidth = max(4, area.width - 2 - labelWidth - figuresWidth)
    let largest = report.rows.first?.count ?? 1
    // Its words beneath each bar and a row between them when all fit; tighter when not.
    let room = area.height - 2
    let step = report.rows.count * 3 <= room ? 3 : (report.rows.count * 2 <= room ? 2 : 1)
    let full = glyphs.isUnicode ? "█" : "#"
    var row = area.top + 2
    for item in report.rows where row < area.top + area.height {
      let left = area.left + 1
      grid.put(item.key ?? "no reason given", row: row, column: left, limit: labelWidth - 1, role: .title)
      let filled = max(1, Int((Double(barWidth) * Double(item.count) / Double(largest)).rounded()))
      grid.put(String(repeating: full, count: filled), row: row, column: left + labelWidth, role: .countdown)
      grid.put(
        "\(item.count) \(glyphs.separator) \(FigureWords.rate(item.share))", row: row, column: left + labelWidth + filled + 1,
        limit: area.width - labelWidth - filled - 3, role: .header)
      if step > 1, row + 1 < area.top + area.height {
        let behind = item.promises.suffix(8).joined(separator: " ")
        grid.put(
          "\(item.words) \(glyphs.separator) \(behind)", row: row + 1, column: left + labelWidth, limit: area.width - labelWidth - 3,
          role: .dim)
      }
      row += step
    }
  }
}
