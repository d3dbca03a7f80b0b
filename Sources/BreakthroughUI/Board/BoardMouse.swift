import BreakthroughCore
import TerminalKit

extension BoardState {
  /// A press selects the row under it and focuses its pane, or chooses a menu line; the wheel
  /// moves through the pane (or list) under the pointer.
  public mutating func mouse(_ event: MouseEvent) -> [ScreenEffect] {
    switch overlay {
    case .menu(var menu)?:
      let frame = Grid.panelFrame(width: width, height: height, wantedWidth: 70, wantedHeight: menu.items.count + 4)
      let line = event.row - frame.top - 1
      guard event.kind == .press, menu.items.indices.contains(line), frame.contains(row: event.row, column: event.column) else { return [] }
      menu.cursor = line
      return choose(&menu, .enter)
    case .conversations(var list)?:
      let step = event.kind == .wheelUp ? -1 : 1
      if event.kind != .press { return handleList(&list, step < 0 ? .up : .down) }
      let frame = Grid.panelFrame(width: width, height: height, wantedWidth: 100, wantedHeight: max(list.ids.count, 1) + 4)
      let first = max(0, list.cursor - (frame.height - 4) + 1)
      let line = first + event.row - frame.top - 1
      if list.ids.indices.contains(line), frame.contains(row: event.row, column: event.column) {
        list.cursor = line
        overlay = .conversations(list)
      }
      return []
    case nil:
      selectRow(at: event)
      return []
    default:
      return []
    }
  }

  private mutating func selectRow(at event: MouseEvent) {
    let overdueCount = lists[.overdue]?.promiseCount ?? 0
    guard
      let layout = BoardLayout(
        width: width, height: height, overdueCount: overdueCount, requestCount: waiting.count, elementCount: elementRows.count),
      let (pane, frame) = layout.panes.first(where: { $0.value.contains(row: event.row, column: event.column) }).map({ ($0.key, $0.value) }
      ),
      var list = lists[pane]
    else { return }
    focus = pane
    switch event.kind {
    case .wheelUp, .wheelDown:
      list.move(by: event.kind == .wheelUp ? -3 : 3, promises: ledger.promises)
    case .press:
      let index = list.scroll + event.row - frame.top - 1
      guard list.rows.indices.contains(index), list.rows[index].promiseIndex != nil else { return }
      list.cursor = index
      list.move(by: 0, promises: ledger.promises)
    }
    lists[pane] = list
  }
}
