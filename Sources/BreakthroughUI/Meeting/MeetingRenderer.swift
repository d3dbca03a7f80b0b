import BreakthroughCore
import Foundation
import TerminalKit

extension MeetingState {
  /// Draws the breakthrough with its countdown, the page, the timebox and the keys.
  public mutating func render() -> Grid {
    var grid = Grid(width: width, height: height, isUnicode: glyphs.isUnicode)
    drawTitle(into: &grid)
    let headerBottom = drawBreakthrough(into: &grid)
    let area = Rect(top: headerBottom + 1, left: 1, width: width - 2, height: height - 4 - headerBottom)
    switch page {
    case .team: drawTeamPage(into: &grid, area)
    case .elements: drawElementsPage(into: &grid, area)
    case .weekly: drawWeeklyPage(into: &grid, area)
    case .slips: drawSlipPage(into: &grid, area)
    case .person(let handle): drawPersonPage(handle, into: &grid, area)
    }
    drawTimebox(into: &grid, row: height - 3)
    if let status { grid.put(status.text, row: height - 2, column: 1, limit: width - 2, role: status.isError ? .error : .text) }
    grid.put(Self.actions.hints, row: height - 1, column: 1, limit: width - 2, role: .hint)
    // The chain's head, small in the corner, for the team to compare aloud with `store check`.
    if let chainHead = frame.chainHead, DisplayWidth.of(Self.actions.hints) + DisplayWidth.of(chainHead) + 4 <= width {
      grid.put(chainHead, row: height - 1, column: width - DisplayWidth.of(chainHead) - 1, role: .dim)
    }
    return grid
  }

  private func drawTitle(into grid: inout Grid) {
    grid.fill(row: 0, column: 0, count: width, role: .header)
    let today = localNow.day
    grid.put(
      "Standing meeting \(glyphs.separator) \(today.weekdayName) \(today.iso) \(localNow.clock)", row: 0, column: 1,
      limit: width / 2, role: .header)
    let updated =
      [connectionNote, frame.zoneNote].compactMap { $0 }.map { "\($0) \(glyphs.separator) " }.joined()
      + "updated \(LocalMoment(updatedAt, in: zone).clockWithSeconds)"
    grid.put(updated, row: 0, column: width - DisplayWidth.of(updated) - 1, role: .header)
  }

  /// The breakthrough and its countdown, in block digits when there is room; returns the
  /// last row it used.
  private func drawBreakthrough(into grid: inout Grid) -> Int {
    guard let figures = digest.measures.breakthrough else {
      let frame = Rect(top: 1, left: 0, width: width, height: 3)
      grid.box(frame, title: "Breakthrough", borders: glyphs.borders)
      grid.put(
        "No breakthrough declared yet: declare it on the board (D) or with `breakthrough declare`.", row: 2, column: 2,
        limit: width - 4, role: .dim)
      return frame.top + frame.height - 1
    }
    let terms = figures.breakthrough.terms
    let days = String(abs(figures.daysLeft))
    let label = figures.daysLeft >= 0 ? (figures.daysLeft == 1 ? "day left" : "days left") : "days past"
    let role: Role = figures.daysLeft < 0 ? .overdue : .countdown
    let blockWidth = BlockDigits.width(of: days)
    let usesBlocks = height >= 30 && blockWidth + 12 <= width / 2
    let frame = Rect(top: 1, left: 0, width: width, height: usesBlocks ? BlockDigits.height + 2 : 4)
    grid.box(frame, title: "Breakthrough", borders: glyphs.borders)
    let countdownWidth = usesBlocks ? blockWidth + DisplayWidth.of(label) + 2 : DisplayWidth.of("\(days) \(label)")
    let textWidth = width - 6 - countdownWidth
    let statementRows = usesBlocks ? 3 : 1
    for (offset, line) in wrap(terms.statement, width: textWidth, lines: statementRows).enumerated() {
      grid.put(line, row: frame.top + 1 + offset, column: 2, limit: textWidth, role: .header)
    }
    var detail = "by \(terms.by.description)"
    if let measure = terms.measure { detail += " \(glyphs.separator) measure: \(measure)" }
    grid.put(detail, row: frame.top + frame.height - 2, column: 2, limit: textWidth, role: .dim)
    let right = width - 2
    if usesBlocks {
      grid.putBlock(days, row: frame.top + 1, column: right - countdownWidth, role: role)
      grid.put(label, row: frame.top + BlockDigits.height, column: right - DisplayWidth.of(label), role: role)
    } else {
      grid.put("\(days) \(label)", row: frame.top + 1, column: right - countdownWidth, role: role)
    }
    return frame.top + frame.height - 1
  }

  private func drawTimebox(into grid: inout Grid, row: Int) {
    let name: String
    switch page {
    case .team: name = "Team"
    case .elements: name = "What it will take"
    case .weekly: name = "Week by week"
    case .slips: name = "Why promises slipped"
    case .person(let handle): name = handle.text
    }
    let label = "\(name) \(glyphs.separator) page \(pageIndex + 1) of \(pages.count) "
    let left = Int(secondsLeft.rounded(.up))
    let tail = pausedAfter == nil ? " \(left) s" : " paused (Space resumes)"
    let labelWidth = grid.put(label, row: row, column: 1, limit: width / 2, role: .title)
    let barWidth = max(0, width - 2 - labelWidth - DisplayWidth.of(tail))
    let filled = options.interval > 0 ? Int((Double(barWidth) * secondsLeft / options.interval).rounded()) : 0
    let full = glyphs.isUnicode ? "█" : "#"
    let empty = glyphs.isUnicode ? "░" : "."
    grid.put(String(repeating: full, count: filled), row: row, column: 1 + labelWidth, role: .countdown)
    grid.put(String(repeating: empty, count: barWidth - filled), row: row, column: 1 + labelWidth + filled, role: .dim)
    grid.put(tail, row: row, column: 1 + labelWidth + barWidth, role: pausedAfter == nil ? .text : .atRisk)
  }
}

/// Breaks `text` into at most `lines` lines of `width` cells at spaces; the last line is cut
/// with an ellipsis by the grid when it is still too long.
func wrap(_ text: String, width: Int, lines: Int) -> [String] {
  var result: [String] = []
  var current = ""
  for word in text.split(separator: " ", omittingEmptySubsequences: true) {
    let candidate = current.isEmpty ? String(word) : current + " " + word
    if DisplayWidth.of(candidate) <= width || current.isEmpty || result.count == lines - 1 {
      current = candidate
    } else {
      result.append(current)
      current = String(word)
    }
  }
  if !current.isEmpty { result.append(current) }
  return Array(result.prefix(lines))
}
