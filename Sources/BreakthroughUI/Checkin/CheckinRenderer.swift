import BreakthroughCore
import Foundation
import TerminalKit

extension CheckinState {
  /// Draws the item on screen, the keys that answer it, and what was recorded so far.
  public mutating func render() -> Grid {
    var grid = Grid(width: width, height: height, isUnicode: glyphs.isUnicode)
    drawTitle(into: &grid)
    let left = 2
    let inner = width - 4
    var row = 2
    if isFinished {
      drawSummary(into: &grid, row: row, left: left, width: inner)
    } else if let item = currentItem {
      row = drawItem(item, into: &grid, row: row, left: left, width: inner)
      drawRecorded(into: &grid, from: row + 1, left: left, width: inner)
    } else {
      row = drawClosingQuestion(into: &grid, row: row, left: left, width: inner)
      drawRecorded(into: &grid, from: row + 1, left: left, width: inner)
    }
    if let status {
      grid.put(status.text, row: height - 2, column: left, limit: inner, role: status.isError ? .error : .text)
    }
    grid.put(Self.actions.hints, row: height - 1, column: left, limit: inner, role: .hint)
    drawOverlay(into: &grid)
    return grid
  }

  private var progress: String {
    let total = agenda.items.count
    if isFinished { return "done" }
    if total == 0 { return "nothing owed" }
    return currentItem == nil ? "\(total) of \(total) answered or skipped" : "\(position + 1) of \(total)"
  }

  private func drawTitle(into grid: inout Grid) {
    grid.fill(row: 0, column: 0, count: width, role: .header)
    let today = localNow.day
    var title = "Check-in \(glyphs.separator) \(actor) \(glyphs.separator) \(today.weekdayName) \(today.iso)"
    for note in [connectionNote, frame.zoneNote].compactMap({ $0 }) { title += " \(glyphs.separator) \(note)" }
    let progressWidth = DisplayWidth.of(progress)
    grid.put(title, row: 0, column: 2, limit: width - progressWidth - 6, role: .header)
    grid.put(progress, row: 0, column: width - progressWidth - 2, role: .header)
  }

  /// Returns the first free row below the item.
  private func drawItem(_ item: CheckinAgenda.Item, into grid: inout Grid, row top: Int, left: Int, width inner: Int) -> Int {
    grid.put("\(agenda.number(of: item.stage)). \(item.stage.title)", row: top, column: left, limit: inner, role: .title)
    if item.stage == .enrollment { return drawEnrollment(into: &grid, row: top + 1, left: left, width: inner) }
    if let request = currentRequest { return drawRequest(request, into: &grid, row: top + 1, left: left, width: inner) }
    guard let promise = currentPromise else { return top + 1 }
    let now = localNow
    let standing = glyphs.standing(of: promise, at: now)
    let lines: [(String, Role)] = [
      (promise.what, .header),
      (
        "\(promise.performer) \(glyphs.arrow) \(promise.customer) \(glyphs.separator) by \(promise.by.description) (\(promise.byWords(at: now)))",
        promise.isOverdue(at: now) ? .overdue : .text
      ),
      (promise.state.isClosed ? "now \(promise.state.word)" : standing.text, promise.state.isClosed ? .kept : standing.role),
      ("history: " + promise.recentHistory(in: zone), .dim),
      ("", .text),
      (question(for: item.stage, promise: promise), .title),
    ]
    let frame = Rect(top: top + 1, left: left, width: inner, height: lines.count + 2)
    grid.box(frame, title: promise.label, role: .borderFocus, borders: glyphs.borders)
    for (offset, line) in lines.enumerated() {
      grid.put(line.0, row: frame.top + 1 + offset, column: left + 2, limit: inner - 4, role: line.1)
    }
    return drawKeys(into: &grid, row: frame.top + frame.height + 1, left: left, width: inner)
  }

  private func question(for stage: CheckinAgenda.Stage, promise: Promise) -> String {
    if promise.state.isClosed { return "Already \(promise.state.word): s moves on." }
    switch stage {
    case .overdue: return "It was due \(promise.by.description). Kept, not kept, or renegotiate?"
    case .awaitingAcceptance: return "\(promise.performer) reports it done. Does it satisfy you?"
    case .dueToday: return "Due today. Done? If not yet, how confident are you?"
    case .confidence: return "How confident are you that you will keep it?"
    case .enrollment, .requests: return ""
    }
  }

  /// The keys offered here, read from the action table (so only what the person may do),
  /// wrapped over as many rows as they need. Returns the first free row below them.
  func drawKeys(into grid: inout Grid, row top: Int, left: Int, width inner: Int) -> Int {
    var row = top
    var column = left + 2
    for (key, words) in Self.actions.offered(in: self) {
      let needed = DisplayWidth.of(key) + 1 + DisplayWidth.of(words)
      if column > left + 2, column + needed > left + inner {
        row += 1
        column = left + 2
      }
      column += grid.put(key, row: row, column: column, role: .title)
      column += 1 + grid.put(words, row: row, column: column + 1, limit: left + inner - column - 1, role: .text) + 3
    }
    return row + 1
  }

  /// Returns the first free row below the question.
  private func drawClosingQuestion(into grid: inout Grid, row top: Int, left: Int, width inner: Int) -> Int {
    var row = top
    if agenda.isEmpty {
      grid.put(
        "Nothing to account for, \(actor): nothing overdue, nothing waiting on you.",
        row: row, column: left, limit: inner, role: .kept)
      row += 2
    }
    grid.put("Anything to promise or ask today?", row: row, column: left, limit: inner, role: .header)
    row += 1
    for item in uncoveredElements.prefix(3) {
      let line = "\(item.element.label) \(item.coverage.words): \(item.element.what)"
      grid.put(line, row: row, column: left + 2, limit: inner - 2, role: BoardState.role(of: item.coverage))
      row += 1
    }
    return drawKeys(into: &grid, row: row + 1, left: left, width: inner)
  }

  private func drawRecorded(into grid: inout Grid, from top: Int, left: Int, width inner: Int) {
    guard !recorded.isEmpty, top < height - 3 else { return }
    grid.put("Recorded in this check-in", row: top, column: left, limit: inner, role: .dim)
    let room = height - 3 - (top + 1)
    for (offset, line) in recorded.suffix(max(0, room)).enumerated() {
      grid.put("\(glyphs.onTrack) \(line)", row: top + 1 + offset, column: left, limit: inner, role: .text)
    }
  }

  private func drawSummary(into grid: inout Grid, row top: Int, left: Int, width inner: Int) {
    let answered = recorded.count
    grid.put("Check-in done: \(answered) recorded, \(skipped.count) skipped.", row: top, column: left, limit: inner, role: .header)
    var row = top + 2
    for line in recorded where row < height - 4 {
      grid.put("\(glyphs.onTrack) \(line)", row: row, column: left, limit: inner, role: .text)
      row += 1
    }
    if !skipped.isEmpty, row < height - 3 {
      let labels = agenda.items.filter { skipped.contains($0.id) }.map(label)
      grid.put("Skipped, still as they were: " + labels.joined(separator: ", "), row: row + 1, column: left, limit: inner, role: .dim)
    }
    grid.put("Enter or q leaves.", row: height - 3, column: left, limit: inner, role: .hint)
  }

  private func drawOverlay(into grid: inout Grid) {
    switch overlay {
    case .form(let form)?:
      form.draw(into: &grid, glyphs: glyphs)
    case .renegotiateNow(let id)?:
      guard let promise = ledger.promise(id: id) else { return }
      let frame = grid.panel("Renegotiate now?", width: 70, height: 6, borders: glyphs.borders)
      grid.put(
        "\(promise.label) is due \(promise.by.description) (\(promise.by.words(at: localNow))) and not on track.",
        row: frame.top + 1, column: frame.left + 2, limit: frame.width - 4, role: .atRisk)
      grid.put("Renegotiate now, while you still can?", row: frame.top + 2, column: frame.left + 2, limit: frame.width - 4, role: .header)
      grid.put("y: renegotiate · n or Enter: not now", row: frame.top + 4, column: frame.left + 2, limit: frame.width - 4, role: .hint)
    case nil:
      break
    }
  }
}
