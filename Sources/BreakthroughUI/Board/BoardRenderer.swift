import BreakthroughCore
import Foundation
import TerminalKit

extension BoardState {
  /// Draws the board into a fresh grid: only what is visible is looked at.
  public mutating func render() -> Grid {
    var grid = Grid(width: width, height: height, isUnicode: glyphs.isUnicode)
    let overdueCount = lists[.overdue]?.promiseCount ?? 0
    let elements = elementRows
    guard
      let layout = BoardLayout(
        width: width, height: height, overdueCount: overdueCount, requestCount: waiting.count, elementCount: elements.count)
    else { return grid }
    drawHeader(into: &grid, layout.header, waiting: layout.requests == nil ? waiting.count : 0)
    if let frame = layout.requests { drawRequests(waiting, into: &grid, frame) }
    if let frame = layout.elements { drawElements(elements, into: &grid, frame) }
    for pane in Pane.allCases {
      guard let frame = layout.panes[pane] else { continue }
      lists[pane]?.keepCursorVisible(frame.height - 2)
      drawPane(pane, into: &grid, frame)
    }
    drawDetail(into: &grid, row: layout.detailRow)
    drawStatus(into: &grid, row: layout.statusRow)
    drawHints(into: &grid, row: layout.hintRow)
    drawOverlay(into: &grid)
    return grid
  }

  private func drawHeader(into grid: inout Grid, _ frame: Rect, waiting: Int) {
    grid.box(frame, title: "Breakthrough", borders: glyphs.borders)
    let inner = frame.width - 4
    let you = actingChoices.isEmpty ? " you are \(actor) " : " you are \(actor) \(glyphs.separator) A: act as another "
    let youWidth = DisplayWidth.of(you)
    let youLeft = frame.left + frame.width - 2 - youWidth
    grid.put(you, row: frame.top, column: youLeft, limit: youWidth, role: .title)
    var freeRight = youLeft - 1
    let notes = [connectionNote, self.frame.zoneNote].compactMap { $0 }
    if !notes.isEmpty {
      let note = " \(notes.joined(separator: " \(glyphs.separator) ")) "
      let noteWidth = min(DisplayWidth.of(note), max(0, youLeft - 18))
      freeRight -= noteWidth
      grid.put(note, row: frame.top, column: youLeft - noteWidth - 1, limit: noteWidth, role: .overdue)
    }
    // The trend on the border beside the title, where the notes leave it room: in full after
    // the title's dash, else shorter and closer (a zone note at 80 columns).
    let weeks = measures.weeks.weeks(last: Glyphs.sparklineWeeks)
    let placed = [(frame.left + 17, false), (frame.left + 16, true)].lazy.map { left, short in
      (left, " \(glyphs.weeklyFigure(weeks, short: short)) ")
    }.first { left, text in left + DisplayWidth.of(text) <= freeRight }
    if let (left, text) = placed { grid.put(text, row: frame.top, column: left, role: .title) }
    let team = measures.team
    var figures = [
      FigureWords.unaccounted(team), FigureWords.keptOnTime(team), FigureWords.honored(team), "load " + FigureWords.load(team),
    ]
    if let breakthrough = measures.breakthrough {
      let terms = breakthrough.breakthrough.terms
      let left = breakthrough.daysLeft >= 0 ? "\(breakthrough.daysLeft) days left" : "\(-breakthrough.daysLeft) days past"
      let when = "by \(terms.by.description) \(glyphs.separator) \(left)"
      let whenWidth = DisplayWidth.of(when)
      grid.put(terms.statement, row: frame.top + 1, column: 2, limit: inner - whenWidth - 2, role: .header)
      grid.put(when, row: frame.top + 1, column: frame.width - 2 - whenWidth, role: breakthrough.daysLeft < 0 ? .overdue : .countdown)
      figures.append("\(FigureWords.grouped(breakthrough.linkedPromises)) linked")
    } else {
      grid.put(
        "No breakthrough declared yet: press D to declare the team's breakthrough.", row: frame.top + 1, column: 2, limit: inner, role: .dim
      )
    }
    let line = FigureWords.fitted(figures, separator: glyphs.separator, width: inner)
    grid.put(line, row: frame.top + 2, column: 2, limit: inner, role: team.unaccounted > 0 ? .overdue : .dim)
    drawConversationLine(into: &grid, row: frame.top + 3, waiting: waiting)
  }

  /// On the header's lower border: requests waiting on you (when no pane shows them), who is
  /// in, and what the breakthrough will take, whole parts only, most pressing first.
  private func drawConversationLine(into grid: inout Grid, row: Int, waiting: Int) {
    var parts: [(String, Role)] = []
    if waiting > 0 { parts.append(("\(waiting) \(waiting == 1 ? "request waits" : "requests wait") on you (r)", .overdue)) }
    if !ledger.leftOut.isEmpty { parts.append(("\(ledger.leftOut.count) left out: log --left-out", .overdue)) }
    if let roll = ledger.conversations.roll.summary { parts.append((roll, .title)) }
    // From the rows kept with the ledger: a frame never walks the elements' promises.
    if let elements = Coverage.summary(of: elementRows.map(\.coverage)) {
      parts.append((elements, elements.contains(Coverage.nothingPromised.words) ? .dueSoon : .title))
    }
    var column = 2
    for (text, role) in parts {
      let piece = " \(text) "
      guard column + DisplayWidth.of(piece) <= width - 2 else { break }
      column += grid.put(piece, row: row, column: column, role: role) + 1
    }
  }

  private func drawRequests(_ requests: [Request], into grid: inout Grid, _ frame: Rect) {
    grid.box(frame, title: "Requests waiting on you (\(requests.count)) · r answers", titleRole: .overdue, borders: glyphs.borders)
    for (offset, request) in requests.prefix(frame.height - 2).enumerated() {
      let overdue = request.isAnswerOverdue(at: localNow)
      let line = "\(request.label) \(overdue ? "ANSWER OVERDUE " : "")\(request.proposal): \(request.what)"
      grid.put(line, row: frame.top + 1 + offset, column: frame.left + 2, limit: frame.width - 4, role: overdue ? .overdue : .text)
    }
  }

  private func drawElements(_ elements: [(element: Element, coverage: Coverage)], into grid: inout Grid, _ frame: Rect) {
    grid.box(frame, title: "What it will take (\(elements.count)) · e", borders: glyphs.borders)
    for (offset, item) in elements.prefix(frame.height - 2).enumerated() {
      let words = item.coverage == .nothingPromised ? "NOTHING PROMISED YET" : item.coverage.words
      let line = "\(item.element.label) \(words): \(item.element.what)"
      grid.put(line, row: frame.top + 1 + offset, column: frame.left + 2, limit: frame.width - 4, role: Self.role(of: item.coverage))
    }
  }

  private func drawPane(_ pane: Pane, into grid: inout Grid, _ frame: Rect) {
    guard let list = lists[pane] else { return }
    let isFocused = pane == focus && overlay == nil && !isShowingHelp
    let count = list.promiseCount
    let counted =
      pane == .open && deliveredCount > 0
      ? "\(FigureWords.grouped(count - deliveredCount)) + \(FigureWords.grouped(deliveredCount)) delivered" : FigureWords.grouped(count)
    grid.box(
      frame, title: "\(pane.title) (\(counted))", role: isFocused ? .borderFocus : .border,
      titleRole: pane == .overdue && count > 0 ? .overdue : .title, borders: glyphs.borders)
    let visible = frame.height - 2
    guard count > 0 else {
      let empty = pane == .overdue ? "Nothing overdue: every promise past its by-when is accounted for." : emptyOpenMessage
      grid.put(empty, row: frame.top + 1, column: frame.left + 2, limit: frame.width - 4, role: .dim)
      return
    }
    let now = localNow
    // Handle columns as wide as the widest handle shown, so that the text gets the rest.
    let shown = list.rows.dropFirst(list.scroll).prefix(visible).compactMap(\.promiseIndex).map { ledger.promises.promise(at: $0) }
    let whoWidth = shown.map { DisplayWidth.of(PromiseRowColumns.who($0, pane: pane, glyphs: glyphs)) }.max().map { $0 + 1 } ?? 0
    for line in 0..<visible {
      let rowIndex = list.scroll + line
      guard rowIndex < list.rows.count else { break }
      let row = frame.top + 1 + line
      let isSelected = rowIndex == list.cursor
      switch list.rows[rowIndex] {
      case .person(let name):
        grid.put(name, row: row, column: frame.left + 2, limit: frame.width - 4, role: .title)
      case .promise(let index):
        let promise = ledger.promises.promise(at: index)
        let columns = PromiseRowColumns(promise: promise, now: now, glyphs: glyphs, pane: pane, labelWidth: labelWidth, whoWidth: whoWidth)
        columns.draw(
          into: &grid, row: row, left: frame.left + 1, width: frame.width - 2,
          marker: isSelected ? (glyphs.isUnicode ? "›" : ">") : " ")
        if isSelected && isFocused { grid.restyle(row: row, column: frame.left + 1, count: frame.width - 2, role: .selection) }
      }
    }
  }

  /// Wide enough for the highest number, so that every row's columns line up.
  private var labelWidth: Int { String(ledger.nextNumber - 1).count + 1 }

  private var emptyOpenMessage: String {
    filter.isEmpty ? "No open promises. Press n to make one." : "No open promise matches the filter \"\(filter)\"."
  }

  private func drawDetail(into grid: inout Grid, row: Int) {
    guard let promise = selectedPromise else {
      grid.put("Select a promise with j/k to see who promised whom, when, and what became of it.", row: row, column: 1, role: .dim)
      return
    }
    let made = LocalMoment(promise.madeAt, in: zone)
    let dot = " \(glyphs.separator) "
    var first = [
      "\(promise.label) \(promise.performer) \(glyphs.arrow) \(promise.customer)",
      "made \(made.day.iso)",
      "by \(promise.by.description)" + (promise.state == .delivered ? "" : " (\(promise.byWords(at: localNow)))"),
      promise.deliveryWords(at: localNow, zone: zone, separator: glyphs.separator) ?? promise.state.word,
    ]
    if let confidence = promise.confidence, promise.state == .open { first.append(confidence.words) }
    grid.put(first.joined(separator: dot), row: row, column: 1, limit: width - 2, role: .text)
    let chain = ledger.chain(of: promise)
    var second = "history: " + promise.recentHistory(in: zone)
    if chain.count > 1 { second += dot + "chain: " + chain.map(\.label).joined(separator: " \(glyphs.arrow) ") }
    grid.put(second, row: row + 1, column: 1, limit: width - 2, role: .dim)
  }

  private func drawStatus(into grid: inout Grid, row: Int) {
    if case .confirm(_, let question)? = overlay {
      grid.fill(row: row, column: 0, count: width, role: .selection)
      grid.put(question, row: row, column: 1, limit: width - 2, role: .selection)
    } else if isEditingFilter {
      let used = grid.put("/", row: row, column: 1, role: .title)
      grid.put(filter + "_", row: row, column: 1 + used, limit: width - 40, role: .input)
      grid.put("text or @handle · Enter keeps · Esc clears", row: row, column: width - 44, role: .hint)
    } else if let status {
      grid.put(status.text, row: row, column: 1, limit: width - 2, role: status.isError ? .error : .text)
    } else if !filter.isEmpty {
      grid.put("filter: \(filter)  (/ then Esc clears it)", row: row, column: 1, limit: width - 2, role: .hint)
    }
  }

  private func drawHints(into grid: inout Grid, row: Int) {
    let hints = Self.actions.hints
    grid.put(hints, row: row, column: 1, limit: width - 2, role: .hint)
  }
}

/// The columns of one promise row: number, who, what, by-when in words, standing.
struct PromiseRowColumns {
  let promise: Promise
  let now: LocalMoment
  let glyphs: Glyphs
  let pane: Pane
  let labelWidth: Int
  /// The widest who-column shown in the pane, and one space.
  let whoWidth: Int

  static let byWidth = 11
  static let standingWidth = 12

  func draw(into grid: inout Grid, row: Int, left: Int, width: Int, marker: String) {
    grid.fill(row: row, column: left, count: width, role: .text)
    grid.put(marker, row: row, column: left, limit: 1, role: .title)
    grid.put(promise.label, row: row, column: left + 2, limit: labelWidth, role: .title)
    let column = left + 3 + labelWidth
    let right = left + width
    if pane == .overdue {
      let lateWidth = 10
      grid.put(promise.performer.text, row: row, column: column, limit: whoWidth - 1, role: .text)
      let whatLeft = column + whoWidth
      grid.put(promise.what, row: row, column: whatLeft, limit: max(0, right - whatLeft - lateWidth - 1), role: .text)
      grid.put(promise.by.words(at: now), row: row, column: right - lateWidth, limit: lateWidth, role: .overdue)
      return
    }
    grid.put(Self.who(promise, pane: pane, glyphs: glyphs), row: row, column: column, limit: whoWidth - 1, role: .dim)
    let whatLeft = column + whoWidth
    let byLeft = right - Self.byWidth - Self.standingWidth
    grid.put(promise.what, row: row, column: whatLeft, limit: max(0, byLeft - whatLeft - 1), role: .text)
    grid.put(byWords, row: row, column: byLeft, limit: Self.byWidth - 1, role: byRole)
    let standing = glyphs.standing(of: promise, at: now)
    grid.put(standing.text, row: row, column: right - Self.standingWidth, limit: Self.standingWidth, role: standing.role)
  }

  /// The who-column: the performer in the overdue pane (it is theirs to account for), both
  /// sides in the open one.
  static func who(_ promise: Promise, pane: Pane, glyphs: Glyphs) -> String {
    pane == .overdue ? promise.performer.text : "\(promise.performer) \(glyphs.arrow) \(promise.customer)"
  }

  /// A delivery past its by-when is not late for the performer: it waits on the customer.
  private var byWords: String { promise.byWords(at: now) }

  /// Overdue in red, due within two days in amber; a delivery waits on the customer, so it is dim.
  private var byRole: Role {
    if promise.state == .delivered { return .dim }
    if promise.isOverdue(at: now) { return .overdue }
    return now.day.days(until: promise.by.day) <= 2 ? .dueSoon : .text
  }
}
