import BreakthroughCore
import Foundation
import TerminalKit

extension BoardState {
  func drawOverlay(into grid: inout Grid) {
    switch overlay {
    case .help(let scroll)?:
      grid.drawHelp(Self.actions.helpRows, title: "Help: keys on the board", borders: glyphs.borders, scroll: scroll)
    case .detail(let id)?: ledger.promise(id: id).map { drawDetailOverlay($0, into: &grid) }
    case .form(let form)?: form.draw(into: &grid, glyphs: glyphs)
    case .menu(let menu)?: drawMenu(menu, into: &grid)
    case .conversations(let list)?: drawList(list, into: &grid)
    case .confirm?: break
    case nil: break
    }
  }

  private func drawDetailOverlay(_ promise: Promise, into grid: inout Grid) {
    let chain = ledger.chain(of: promise)
    var lines: [(String, Role)] = [
      (promise.what, .header),
      ("\(promise.performer) promised \(promise.customer), by \(promise.by.description) (\(promise.byWords(at: localNow)))", .text),
      (
        "state: " + (promise.deliveryWords(at: localNow, zone: zone, separator: glyphs.separator) ?? promise.state.word)
          + (promise.confidence.map { ", \($0.words)" } ?? ""),
        glyphs.standing(of: promise, at: localNow).role
      ),
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
    let frame = grid.panel(promise.label, width: 90, height: lines.count + 4, borders: glyphs.borders)
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

  private func drawMenu(_ menu: AccountMenu, into grid: inout Grid) {
    let frame = grid.panel(menu.title, width: 70, height: menu.items.count + 4, borders: glyphs.borders)
    for (index, item) in menu.items.enumerated() {
      let row = frame.top + 1 + index
      grid.put(String(item.key), row: row, column: frame.left + 2, role: .title)
      grid.put(item.label, row: row, column: frame.left + 5, limit: frame.width - 7, role: .text)
      if index == menu.cursor { grid.restyle(row: row, column: frame.left + 1, count: frame.width - 2, role: .selection) }
    }
    grid.put("a letter or Enter chooses · Esc cancels", row: frame.top + frame.height - 2, column: frame.left + 2, role: .hint)
  }
}
