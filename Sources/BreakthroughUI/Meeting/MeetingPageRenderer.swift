import BreakthroughCore
import Foundation
import TerminalKit

extension MeetingState {
  /// The team's overdue accountings first, then the team's measures and everyone's counts.
  func drawTeamPage(into grid: inout Grid, _ area: Rect) {
    if area.width >= 120 {
      let listWidth = area.width * 11 / 20
      drawOverdue(into: &grid, Rect(top: area.top, left: area.left, width: listWidth, height: area.height))
      let tableLeft = area.left + listWidth + 2
      drawTeamFigures(into: &grid, Rect(top: area.top, left: tableLeft, width: area.left + area.width - tableLeft, height: area.height))
      return
    }
    // One above the other: the overdue list gets what it needs, unless the table would lose
    // its rows; then they share the room.
    let room = max(0, area.height)
    let listNeeds = digest.overdue.count + 2
    let tableNeeds = 3 + digest.people.count
    let listHeight = listNeeds + tableNeeds <= room ? listNeeds : max(min(listNeeds, room / 2), room - tableNeeds)
    drawOverdue(into: &grid, Rect(top: area.top, left: area.left, width: area.width, height: listHeight))
    drawTeamFigures(into: &grid, Rect(top: area.top + listHeight, left: area.left, width: area.width, height: room - listHeight))
  }

  private func drawOverdue(into grid: inout Grid, _ frame: Rect) {
    guard frame.height > 0 else { return }
    let count = digest.overdue.count
    let title = count == 0 ? "Overdue accountings: none" : "Overdue accountings (\(FigureWords.grouped(count)))"
    grid.put(title, row: frame.top, column: frame.left + 1, limit: frame.width - 2, role: count > 0 ? .overdue : .kept)
    guard count > 0 else {
      grid.put(
        "Every promise past its by-when is accounted for.", row: frame.top + 1, column: frame.left + 1, limit: frame.width - 2, role: .dim)
      return
    }
    var top = frame.top + 1
    // Large type where it fits: the count, so that the room sees it from the back.
    if frame.height >= BlockDigits.height + 6, grid.putBlock(String(count), row: top, column: frame.left + 1, role: .overdue) {
      top += BlockDigits.height + 1
    }
    let rows = frame.top + frame.height - top
    guard rows > 0 else { return }
    let labelWidth = digest.overdue.prefix(rows).map { DisplayWidth.of(ledger.promises.promise(at: $0).label) }.max() ?? 0
    for (offset, index) in digest.overdue.prefix(rows).enumerated() {
      let promise = ledger.promises.promise(at: index)
      let isLast = offset == rows - 1 && digest.overdue.count > rows
      let row = top + offset
      if isLast {
        grid.put("… and \(digest.overdue.count - offset) more", row: row, column: frame.left + 1, role: .dim)
        break
      }
      let late = promise.by.words(at: localNow)
      let lateWidth = DisplayWidth.of(late)
      grid.put(promise.label, row: row, column: frame.left + 1, limit: labelWidth, role: .title)
      grid.put(promise.performer.text, row: row, column: frame.left + 2 + labelWidth, limit: 10, role: .header)
      let column = frame.left + 13 + labelWidth
      grid.put(promise.what, row: row, column: column, limit: max(0, frame.left + frame.width - column - lateWidth - 2), role: .text)
      grid.put(late, row: row, column: frame.left + frame.width - lateWidth - 1, role: .overdue)
    }
  }

  private func drawTeamFigures(into grid: inout Grid, _ frame: Rect) {
    guard frame.height > 0 else { return }
    let team = digest.measures.team
    let figures = [FigureWords.keptOnTime(team), FigureWords.honored(team), FigureWords.unaccounted(team), FigureWords.load(team)]
    let line = FigureWords.fitted(figures, after: "Team: ", separator: glyphs.separator, width: frame.width - 2)
    grid.put(line, row: frame.top, column: frame.left + 1, limit: frame.width - 2, role: .header)
    var conversation: [String] = []
    if let roll = ledger.conversations.roll.summary { conversation.append(roll) }
    if digest.unanswered > 0 {
      let overdue = digest.answersOverdue > 0 ? " (\(digest.answersOverdue) answer\(digest.answersOverdue == 1 ? "" : "s") overdue)" : ""
      conversation.append("\(digest.unanswered) request\(digest.unanswered == 1 ? "" : "s") unanswered\(overdue)")
    }
    if !ledger.leftOut.isEmpty { conversation.append("\(ledger.leftOut.count) left out by the rule book (log --left-out)") }
    if frame.height >= 4 {
      let text = conversation.joined(separator: " \(glyphs.separator) ")
      let alarming = digest.answersOverdue > 0 || !ledger.leftOut.isEmpty
      grid.put(text, row: frame.top + 1, column: frame.left + 1, limit: frame.width - 2, role: alarming ? .overdue : .text)
    }
    var headers = ["Person", "Open", "Due 7 d", "Overdue", "Awaiting"]
    if options.showsRates { headers += ["On time", "Honored"] }
    let nameWidth = 14
    let cellWidth = 10
    func put(_ cells: [String], row: Int, role: (Int) -> Role) {
      for (column, cell) in cells.enumerated() {
        let left = frame.left + 1 + (column == 0 ? 0 : nameWidth + (column - 1) * cellWidth)
        let limit = column == 0 ? nameWidth - 1 : cellWidth - 1
        let text = column == 0 ? cell : String(repeating: " ", count: max(0, limit - DisplayWidth.of(cell))) + cell
        guard left + limit <= frame.left + frame.width else { break }
        grid.put(text, row: row, column: left, limit: limit, role: role(column))
      }
    }
    guard frame.height >= 3 else { return }
    let tableBottom = frame.top + 3 + min(digest.people.count, frame.height - 3)
    // On a wall, each person's overdue accountings in figures readable across the room.
    if height >= Self.wallHeight, frame.top + frame.height - tableBottom >= BlockDigits.height + 4 {
      drawOverdueByPerson(
        into: &grid, Rect(top: tableBottom + 2, left: frame.left, width: frame.width, height: frame.top + frame.height - tableBottom - 2))
    }
    put(headers, row: frame.top + 2) { _ in .title }
    let rates = Dictionary(digest.measures.people.map { ($0.person, $0.figures) }, uniquingKeysWith: { first, _ in first })
    let room = frame.height - 3
    for (offset, person) in digest.people.prefix(room).enumerated() {
      var cells = [
        person.handle.text, FigureWords.grouped(person.open.count), FigureWords.grouped(person.dueThisWeek),
        FigureWords.grouped(person.overdue.count), FigureWords.grouped(person.awaitingAcceptance.count),
      ]
      if options.showsRates {
        let figures = rates[person.handle]
        cells += [FigureWords.rate(figures?.keptOnTimeRate), FigureWords.rate(figures?.honoredRate)]
      }
      put(cells, row: frame.top + 3 + offset) { column in
        column == 3 && !person.overdue.isEmpty ? .overdue : column == 0 ? .header : .text
      }
    }
  }

  /// From this many rows the meeting is on a wall: the figures that matter grow.
  static let wallHeight = 48

  /// Each person's overdue count in block digits, with the name under it, as many per row as fit.
  private func drawOverdueByPerson(into grid: inout Grid, _ frame: Rect) {
    grid.put("Overdue accountings by person", row: frame.top, column: frame.left + 1, limit: frame.width - 2, role: .title)
    let cellWidth = 16
    let perRow = max(1, (frame.width - 2) / cellWidth)
    for (offset, person) in digest.people.enumerated() {
      let top = frame.top + 2 + (offset / perRow) * (BlockDigits.height + 3)
      guard top + BlockDigits.height + 1 < frame.top + frame.height else { break }
      let left = frame.left + 1 + (offset % perRow) * cellWidth
      let count = person.overdue.count
      _ = grid.putBlock(String(count), row: top, column: left, role: count > 0 ? .overdue : .kept)
      grid.put(person.handle.text, row: top + BlockDigits.height + 1, column: left, limit: cellWidth - 2, role: .header)
    }
  }

  /// One person's page: open promises, overdue accountings, kept in the last 7 days, and
  /// what waits on their acceptance.
  func drawPersonPage(_ handle: Handle, into grid: inout Grid, _ area: Rect) {
    guard let person = digest.person(handle) else { return }
    let summary =
      "\(person.open.count) open \(glyphs.separator) \(person.overdue.count) overdue \(glyphs.separator) "
      + "\(person.keptLastWeek.count) kept in 7 d \(glyphs.separator) \(person.awaitingAcceptance.count) awaiting \(handle)"
    let nameWidth = grid.put(handle.text, row: area.top, column: area.left + 1, limit: 24, role: .header)
    grid.put(summary, row: area.top, column: area.left + 3 + nameWidth, limit: area.width - nameWidth - 4, role: .dim)
    let sections: [(String, [Int], Role)] = [
      ("Overdue accountings", person.overdue, .overdue),
      ("Open promises", person.open.filter { !person.overdue.contains($0) }, .title),
      ("Waiting on \(handle)'s acceptance", person.awaitingAcceptance, .delivered),
      ("Kept in the last 7 days", person.keptLastWeek, .kept),
    ]
    var body = Rect(top: area.top + 1, left: area.left, width: area.width, height: area.height - 1)
    let waiting = digest.waiting[handle] ?? []
    if !waiting.isEmpty {
      let rows = min(waiting.count, 3, max(0, body.height / 4))
      grid.put(
        "Waiting on \(handle)'s answer (\(waiting.count))", row: body.top, column: body.left + 1, limit: body.width - 2, role: .title)
      for (offset, request) in waiting.prefix(rows).enumerated() {
        let overdue = request.isAnswerOverdue(at: localNow)
        let line =
          "\(request.label) \(request.proposal): \(request.what) \(glyphs.separator) by \(request.by.description)"
          + (overdue ? " \(glyphs.separator) ANSWER OVERDUE" : "")
        grid.put(line, row: body.top + 1 + offset, column: body.left + 2, limit: body.width - 3, role: overdue ? .overdue : .text)
      }
      body = Rect(top: body.top + rows + 2, left: body.left, width: body.width, height: body.height - rows - 2)
    }
    if body.width >= 120 && body.height >= 12 {
      // Two columns of boxes, each as tall as what it holds: overdue and awaiting on the left,
      // open and kept on the right.
      if height >= Self.wallHeight, body.height > BlockDigits.height + 12 {
        let count = person.overdue.count
        _ = grid.putBlock(String(count), row: body.top, column: body.left + 2, role: count > 0 ? .overdue : .kept)
        let label = count == 1 ? "overdue accounting" : "overdue accountings"
        grid.put(label, row: body.top + BlockDigits.height - 1, column: body.left + 4 + BlockDigits.width(of: String(count)), role: .header)
        body = Rect(
          top: body.top + BlockDigits.height + 1, left: body.left, width: body.width, height: body.height - BlockDigits.height - 1)
      }
      let halfWidth = body.width / 2
      for (column, indices) in [[0, 2], [1, 3]].enumerated() {
        let columnSections = indices.map { sections[$0] }
        let rows = rowsForSections(columnSections.map(\.1.count), room: body.height - 2 * columnSections.count)
        var top = body.top
        for (section, shown) in zip(columnSections, rows) {
          let frame = Rect(
            top: top, left: body.left + column * halfWidth, width: column == 0 ? halfWidth : body.width - halfWidth,
            height: max(1, shown) + 2)
          guard frame.top + frame.height <= body.top + body.height else { break }
          grid.box(
            frame, title: "\(section.0) (\(section.1.count))", role: .border, titleRole: section.1.isEmpty ? .dim : section.2,
            borders: glyphs.borders)
          drawPromises(
            section.1, into: &grid, Rect(top: frame.top + 1, left: frame.left + 1, width: frame.width - 2, height: frame.height - 2))
          top += frame.height
        }
      }
      return
    }
    // One under the other, each given rows as its promises need them.
    let shown = rowsForSections(sections.map(\.1.count), room: body.height - sections.count)
    var top = body.top
    for (section, rows) in zip(sections, shown) where top < body.top + body.height {
      grid.put(
        "\(section.0) (\(section.1.count))", row: top, column: body.left + 1, limit: body.width - 2,
        role: section.1.isEmpty ? .dim : section.2)
      drawPromises(section.1, into: &grid, Rect(top: top + 1, left: body.left, width: body.width, height: rows))
      top += 1 + rows
    }
  }

  /// What the breakthrough will take: elements with nothing promised first, then at risk,
  /// promised and met, each with the promises that cover it. "Who will promise something?"
  func drawElementsPage(into grid: inout Grid, _ area: Rect) {
    let summary = ledger.elementsSummary(at: localNow) ?? "What it will take: nothing laid out yet"
    grid.put(summary, row: area.top, column: area.left + 1, limit: area.width - 2, role: .header)
    var row = area.top + 2
    for item in digest.elements where row < area.top + area.height {
      let words = item.coverage == .nothingPromised ? "NOTHING PROMISED YET" : item.coverage.words.uppercased()
      let by = item.element.terms.by.map { " \(glyphs.separator) by \($0.description)" } ?? ""
      let used = grid.put(
        "\(item.element.label) \(words)", row: row, column: area.left + 1, limit: 28, role: BoardState.role(of: item.coverage))
      grid.put(item.element.what + by, row: row, column: area.left + 3 + used, limit: area.width - used - 4, role: .header)
      row += 1
      guard row < area.top + area.height else { break }
      let covering = ledger.promises(covering: item.element).filter { !$0.state.isClosed }
      let line =
        item.coverage == .nothingPromised
        ? "who will promise something for \(item.element.label)?"
        : covering.map { "\($0.label) \($0.performer) \(glyphs.arrow) \($0.customer), \($0.by.words(at: localNow))" }.joined(
          separator: "; ")
      if item.coverage != .met {
        grid.put(line, row: row, column: area.left + 4, limit: area.width - 6, role: item.coverage == .nothingPromised ? .title : .dim)
        row += 1
      }
      row += 1
    }
  }

  /// Shares `room` rows among sections one row at a time, so that a short list is shown
  /// whole and a long one gets what is left.
  private func rowsForSections(_ counts: [Int], room: Int) -> [Int] {
    var given = counts.map { _ in 0 }
    var left = room
    var changed = true
    while left > 0 && changed {
      changed = false
      for index in counts.indices where left > 0 && given[index] < counts[index] {
        given[index] += 1
        left -= 1
        changed = true
      }
    }
    return given
  }

  private func drawPromises(_ promises: [Int], into grid: inout Grid, _ frame: Rect) {
    let rows = frame.height
    guard rows > 0 else { return }
    if promises.isEmpty { grid.put("none", row: frame.top, column: frame.left + 1, role: .dim) }
    for (offset, index) in promises.prefix(rows).enumerated() {
      let row = frame.top + offset
      if offset == rows - 1 && promises.count > rows {
        grid.put("… and \(promises.count - offset) more", row: row, column: frame.left + 1, role: .dim)
        break
      }
      let promise = ledger.promises.promise(at: index)
      let when = promise.state == .kept ? "kept" : promise.state == .delivered ? "delivered" : promise.byWords(at: localNow)
      let whenWidth = DisplayWidth.of(when)
      let other = promise.state == .delivered ? "from \(promise.performer)" : "\(glyphs.arrow) \(promise.customer)"
      var column = frame.left + 1
      column += grid.put(promise.label, row: row, column: column, limit: 6, role: .title) + 1
      let right = frame.left + frame.width - 1 - whenWidth - 1
      let otherWidth = min(14, DisplayWidth.of(other))
      grid.put(promise.what, row: row, column: column, limit: max(0, right - column - otherWidth - 1), role: .text)
      grid.put(other, row: row, column: right - otherWidth, limit: otherWidth, role: .dim)
      grid.put(when, row: row, column: right + 1, role: promise.isOverdue(at: localNow) ? .overdue : .text)
    }
  }
}
