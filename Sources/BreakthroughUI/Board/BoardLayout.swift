import TerminalKit

/// Where each part of the board goes for a terminal size. Below 80×24 there is no layout.
struct BoardLayout {
  static let minimumWidth = 80
  static let minimumHeight = 24

  let header: Rect
  let panes: [Pane: Rect]
  /// From 120 columns, above the overdue pane: the requests waiting on you, when there are any.
  let requests: Rect?
  /// From 120 columns, below the overdue pane: what the breakthrough will take, when laid out.
  let elements: Rect?
  let detailRow: Int
  let statusRow: Int
  let hintRow: Int

  init?(width: Int, height: Int, overdueCount: Int, requestCount: Int = 0, elementCount: Int = 0) {
    guard width >= BoardLayout.minimumWidth, height >= BoardLayout.minimumHeight else { return nil }
    header = Rect(top: 0, left: 0, width: width, height: 4)
    hintRow = height - 1
    statusRow = height - 2
    detailRow = height - 4
    let bodyTop = 4
    let bodyHeight = height - 8
    if width >= 120 {
      let openWidth = width * 3 / 5
      let side = (left: openWidth, width: width - openWidth)
      // The overdue pane keeps at least six rows; the others take what they need, up to a cap.
      let requestHeight = requestCount > 0 ? min(requestCount + 2, 6, max(0, bodyHeight - 6)) : 0
      let elementHeight = elementCount > 0 ? min(elementCount + 2, 9, max(0, bodyHeight - 6 - requestHeight)) : 0
      requests = requestHeight >= 3 ? Rect(top: bodyTop, left: side.left, width: side.width, height: requestHeight) : nil
      let shownRequests = requests?.height ?? 0
      elements =
        elementHeight >= 3
        ? Rect(top: bodyTop + bodyHeight - elementHeight, left: side.left, width: side.width, height: elementHeight) : nil
      let shownElements = elements?.height ?? 0
      panes = [
        .open: Rect(top: bodyTop, left: 0, width: openWidth, height: bodyHeight),
        .overdue: Rect(
          top: bodyTop + shownRequests, left: side.left, width: side.width, height: bodyHeight - shownRequests - shownElements),
      ]
    } else {
      requests = nil
      elements = nil
      let overdueHeight = min(max(overdueCount + 2, 3), bodyHeight / 3 + 1)
      panes = [
        .overdue: Rect(top: bodyTop, left: 0, width: width, height: overdueHeight),
        .open: Rect(top: bodyTop + overdueHeight, left: 0, width: width, height: bodyHeight - overdueHeight),
      ]
    }
  }
}
