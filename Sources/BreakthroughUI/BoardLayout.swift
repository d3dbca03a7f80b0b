import TerminalKit

/// Where each part of the board goes for a terminal size. Below 80×24 there is no layout.
struct BoardLayout {
  static let minimumWidth = 80
  static let minimumHeight = 24

  let header: Rect
  let panes: [Pane: Rect]
  let detailRow: Int
  let statusRow: Int
  let hintRow: Int

  init?(width: Int, height: Int, overdueCount: Int) {
    guard width >= BoardLayout.minimumWidth, height >= BoardLayout.minimumHeight else { return nil }
    header = Rect(top: 0, left: 0, width: width, height: 4)
    hintRow = height - 1
    statusRow = height - 2
    detailRow = height - 4
    let bodyTop = 4
    let bodyHeight = height - 8
    if width >= 120 {
      let openWidth = width * 3 / 5
      panes = [
        .open: Rect(top: bodyTop, left: 0, width: openWidth, height: bodyHeight),
        .overdue: Rect(top: bodyTop, left: openWidth, width: width - openWidth, height: bodyHeight),
      ]
    } else {
      let overdueHeight = min(max(overdueCount + 2, 3), bodyHeight / 3 + 1)
      panes = [
        .overdue: Rect(top: bodyTop, left: 0, width: width, height: overdueHeight),
        .open: Rect(top: bodyTop + overdueHeight, left: 0, width: width, height: bodyHeight - overdueHeight),
      ]
    }
  }
}
