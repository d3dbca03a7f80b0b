import Foundation
import BreakthroughCore
import TerminalKit

extension BoardState {
  func drawOverlay(into grid: inout Grid) {
    switch overlay {
    case .help?: drawHelp(into: &grid)
    case .detail(let id)?: ledger.promise(id: id).map { drawDetailOverlay($0, into: &grid) }
    case .form(let form)?: drawForm(form, into: &grid)
    case .menu(let menu)?: drawMenu(menu, into: &grid)
    case nil: break
    }
  }

  /// A cleared, boxed area in the middle of the screen; returns its frame.
  private func panel(_ title: String, width wantedWidth: Int, height wantedHeight: Int, into grid: inout Grid) -> Rect {
    let frameWidth = min(wantedWidth, width - 4), frameHeight = min(wantedHeight, height - 2)
    let frame = Rect(top: max(1, (height - frameHeight) / 2), left: (width - frameWidth) / 2, width: frameWidth, height: frameHeight)
    for row in frame.top..<(frame.top + frame.height) { grid.fill(row: row, column: frame.left, count: frame.width, role: .text) }
    grid.box(frame, title: title, role: .borderFocus, borders: glyphs.borders)
    return frame
  }

  private func drawHelp(into grid: inout Grid) {
    let actions = BoardAction.all
    let frame = panel("Help: keys on the board", width: 92, height: actions.count + 4, into: &grid)
    for (offset, action) in actions.enumerated() where offset < frame.height - 4 {
      let row = frame.top + 1 + offset
      let keys = action.keys.map(\.label).joined(separator: " ")
      grid.put(keys, row: row, column: frame.left + 2, limit: 18, role: .title)
      grid.put(action.help, row: row, column: frame.left + 21, limit: frame.width - 23, role: .text)
    }
    grid.put("Esc, q or ? closes this help", row: frame.top + frame.height - 2, column: frame.left + 2, role: .hint)
  }

  private func drawDetailOverlay(_ promise: Promise, into grid: inout Grid) {
    let chain = ledger.chain(of: promise)
    var lines: [(String, Role)] = [
      (promise.what, .header),
      ("\(promise.performer) promised \(promise.customer), by \(promise.by.description) (\(promise.by.words(at: localNow)))", .text),
      ("state: \(promise.state.word)" + (promise.confidence.map { ", \($0.words)" } ?? ""), glyphs.standing(of: promise, at: localNow).role),
      ("made \(localText(promise.madeAt)) \(glyphs.separator) forwards " + forwards(promise), .dim),
    ]
    if chain.count > 1 {
      let links = chain.map { $0.id == promise.id ? "[\($0.label)]" : "\($0.label) \($0.state.word)" }
      lines.append(("chain: " + links.joined(separator: " \(glyphs.arrow) "), .text))
    }
    lines.append(("", .text))
    lines.append(("History", .title))
    for entry in promise.history {
      lines.append(("\(localText(entry.at))  \(entry.actor)  \(entry.summary)" + (entry.note.map { ": \($0)" } ?? ""), .text))
    }
    let frame = panel(promise.label, width: 90, height: lines.count + 4, into: &grid)
    for (offset, line) in lines.enumerated() where offset < frame.height - 4 {
      grid.put(line.0, row: frame.top + 1 + offset, column: frame.left + 2, limit: frame.width - 4, role: line.1)
    }
    grid.put("Esc or Enter closes", row: frame.top + frame.height - 2, column: frame.left + 2, role: .hint)
  }

  private func forwards(_ promise: Promise) -> String {
    guard let id = promise.terms.breakthrough, let breakthrough = ledger.breakthroughs.last(where: { $0.id == id }) else {
      return "nothing (unlinked)"
    }
    return "\"\(breakthrough.terms.statement)\""
  }

  private func localText(_ date: Date) -> String {
    let moment = LocalMoment(date, in: zone)
    return "\(moment.day.iso) \(moment.clock)"
  }

  private func drawForm(_ form: Form, into grid: inout Grid) {
    let frame = panel(form.title, width: 78, height: form.fields.count * 3 + 4, into: &grid)
    let labelWidth = (form.fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
    for (index, field) in form.fields.enumerated() {
      let row = frame.top + 1 + index * 3
      guard row + 1 < frame.top + frame.height - 1 else { break }
      let isFocused = index == form.focused
      grid.put(field.label, row: row, column: frame.left + 2, limit: labelWidth, role: isFocused ? .title : .text)
      let inputLeft = frame.left + 2 + labelWidth, inputWidth = frame.width - 4 - labelWidth
      grid.fill(row: row, column: inputLeft, count: inputWidth, role: .input)
      let shown = field.text + (isFocused ? "_" : "")
      // Keep the end of a long entry in view: that is where the typing is.
      let visible = DisplayWidth.of(shown) > inputWidth ? String(shown.suffix(inputWidth - 1)) : shown
      grid.put(visible, row: row, column: inputLeft, limit: inputWidth, role: .input)
      if let error = field.error {
        grid.put("\(glyphs.overdue) \(error)", row: row + 1, column: inputLeft, limit: inputWidth, role: .error)
      } else if isFocused, !field.hint.isEmpty {
        grid.put(field.hint, row: row + 1, column: inputLeft, limit: inputWidth, role: .hint)
      }
    }
    grid.put("Tab/Enter next field · Enter on the last saves · Esc cancels", row: frame.top + frame.height - 2,
             column: frame.left + 2, limit: frame.width - 4, role: .hint)
  }

  private func drawMenu(_ menu: AccountMenu, into grid: inout Grid) {
    let frame = panel(menu.title, width: 70, height: menu.items.count + 4, into: &grid)
    for (index, item) in menu.items.enumerated() {
      let row = frame.top + 1 + index
      grid.put(String(item.key), row: row, column: frame.left + 2, role: .title)
      grid.put(item.label, row: row, column: frame.left + 5, limit: frame.width - 7, role: .text)
      if index == menu.cursor { grid.restyle(row: row, column: frame.left + 1, count: frame.width - 2, role: .selection) }
    }
    grid.put("a letter or Enter chooses · Esc cancels", row: frame.top + frame.height - 2, column: frame.left + 2, role: .hint)
  }
}
