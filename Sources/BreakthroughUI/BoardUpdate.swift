import BreakthroughCore
import Foundation
import TerminalKit

extension BoardState {
  /// How many rows a page key moves.
  var pageSize: Int { max(1, height / 2) }

  /// Takes one key: an overlay or the filter line gets it first, else the action table.
  public mutating func handle(_ key: Key) -> [ScreenEffect] {
    if isEditingFilter { return editFilter(key) }
    switch overlay {
    case .help?, .detail?:
      if key.closesPanel { overlay = nil }
      return key == .control("c") ? [.quit] : []
    case .form(let form)?:
      return Form.step(form, key: key, today: localNow.day, overlay: &overlay, status: &status, wrap: Overlay.form)
    case .menu(var menu)?:
      return choose(&menu, key)
    case nil:
      status = nil
      return Self.actions.bound(to: key)?.perform(&self) ?? []
    }
  }

  /// The terminal has a new size.
  public mutating func resize(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  /// The clock moved on: words like "today" and overdue ages follow it.
  public mutating func tick(_ now: Date) {
    let dayChanged = LocalMoment(now, in: zone).day != localNow.day
    self.now = now
    if dayChanged { replaceLedger(ledger) }
  }

  /// What a move did, or why it was refused, for the status line.
  public mutating func report(_ text: String, isError: Bool) {
    status = (text, isError)
  }

  mutating func moveCursor(by step: Int) {
    lists[focus]?.move(by: step, promises: ledger.promises)
  }

  private mutating func editFilter(_ key: Key) -> [ScreenEffect] {
    switch key {
    case .enter: isEditingFilter = false
    case .escape: isEditingFilter = false; filter = ""
    case .backspace: if !filter.isEmpty { filter.removeLast() }
    case .control("u"): filter = ""
    case .control("c"): return [.quit]
    case .character(let character): filter.append(character)
    default: return []
    }
    rebuildRows()
    return []
  }

  private mutating func choose(_ menu: inout AccountMenu, _ key: Key) -> [ScreenEffect] {
    var picked: AccountMenu.Item?
    switch key {
    case .escape, .character("q"): overlay = nil; return []
    case .control("c"): return [.quit]
    case .down, .character("j"): menu.cursor = min(menu.cursor + 1, menu.items.count - 1)
    case .up, .character("k"): menu.cursor = max(menu.cursor - 1, 0)
    case .enter: picked = menu.items[menu.cursor]
    case .character(let character): picked = menu.items.first { $0.key == character }
    default: break
    }
    guard let picked else {
      overlay = .menu(menu)
      return []
    }
    switch picked.choice {
    case .perform(let request):
      overlay = nil
      return [.perform(request)]
    case .open(let form):
      overlay = .form(form)
      return []
    }
  }
}
