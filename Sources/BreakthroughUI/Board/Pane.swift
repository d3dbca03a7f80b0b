import BreakthroughCore

/// The two lists on the board. Tab moves between them.
public enum Pane: CaseIterable, Sendable {
  case overdue
  case open

  var title: String {
    switch self {
    case .overdue: return "Overdue accountings"
    case .open: return "Open promises"
    }
  }
}

/// One line of a list: a promise, or the name heading a person's group.
enum ListRow: Equatable, Sendable {
  case promise(index: Int)
  case person(String)

  var promiseIndex: Int? {
    if case .promise(let index) = self { return index }
    return nil
  }
}

/// A list's rows, its cursor (kept on a promise by its id) and how far it is scrolled.
struct PaneList: Sendable {
  var rows: [ListRow] = [] {
    didSet { promiseCount = rows.reduce(0) { $0 + ($1.promiseIndex == nil ? 0 : 1) } }
  }
  /// How many rows are promises (not headings), counted when the rows change, not per frame.
  private(set) var promiseCount = 0
  var cursor = 0
  var scroll = 0
  var selectedID: String?

  /// Moves the cursor by `step` promise rows (headings are stepped over), within the list.
  mutating func move(by step: Int, promises: PromiseList) {
    guard !rows.isEmpty else { return }
    var target = min(max(cursor + step, 0), rows.count - 1)
    let direction = step >= 0 ? 1 : -1
    while rows[target].promiseIndex == nil {
      let next = target + direction
      guard next >= 0, next < rows.count else { break }
      target = next
    }
    if rows[target].promiseIndex == nil { return }
    cursor = target
    selectedID = rows[target].promiseIndex.map { promises.promise(at: $0).id }
  }

  /// Keeps the cursor on the same promise after the rows changed (`row`: where it is now, if it
  /// is still listed); else nearest the old place.
  mutating func reselect(at row: Int?, promises: PromiseList) {
    if let row {
      cursor = row
      return
    }
    cursor = min(cursor, max(0, rows.count - 1))
    move(by: 0, promises: promises)
    if rows.isEmpty || rows[cursor].promiseIndex == nil { move(by: 1, promises: promises) }
    if rows.isEmpty { selectedID = nil }
  }

  /// Scrolls so that the cursor is within `visible` rows.
  mutating func keepCursorVisible(_ visible: Int) {
    guard visible > 0 else { return }
    if cursor < scroll { scroll = cursor }
    if cursor >= scroll + visible { scroll = cursor - visible + 1 }
    scroll = max(0, min(scroll, max(0, rows.count - visible)))
  }
}
