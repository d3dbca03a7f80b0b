import BreakthroughCore
import TerminalKit

/// The lists over the board that `r` and `e` open: the requests (waiting on you first, then
/// yours waiting on others) and what the breakthrough will take (uncovered first).
struct ConversationList: Sendable {
  enum Kind: Sendable {
    case requests, elements
  }

  let kind: Kind
  var ids: [String]
  var cursor = 0
}

extension BoardState {
  mutating func openList(_ kind: ConversationList.Kind) {
    overlay = .conversations(ConversationList(kind: kind, ids: listIDs(kind)))
  }

  /// What a list shows, in order: the same for the same ledger and actor.
  func listIDs(_ kind: ConversationList.Kind) -> [String] {
    switch kind {
    case .requests:
      let mine = ledger.conversations.unanswered.filter { $0.proposer == actor }
      return (waiting + mine).map(\.id)
    case .elements:
      return ledger.elementsByNeed(at: localNow).map(\.element.id)
    }
  }

  /// The ledger changed under an open list: its rows follow, the cursor stays in range.
  mutating func refreshList() {
    guard case .conversations(var list)? = overlay else { return }
    list.ids = listIDs(list.kind)
    list.cursor = min(list.cursor, max(0, list.ids.count - 1))
    overlay = .conversations(list)
  }

  mutating func handleList(_ list: inout ConversationList, _ key: Key) -> [ScreenEffect] {
    let selected: String? = list.ids.indices.contains(list.cursor) ? list.ids[list.cursor] : nil
    overlay = .conversations(list)
    switch key {
    case .escape, .character("q"):
      overlay = nil
    case .control("c"):
      return [.quit]
    case .down, .character("j"):
      list.cursor = min(list.cursor + 1, max(0, list.ids.count - 1))
      overlay = .conversations(list)
    case .up, .character("k"):
      list.cursor = max(list.cursor - 1, 0)
      overlay = .conversations(list)
    case .character("R"):
      overlay = .form(.newRequest(for: list.kind == .elements ? selected.flatMap(ledger.conversations.element(id:)) : nil))
    default:
      switch list.kind {
      case .requests: answer(selected.flatMap(ledger.conversations.request(id:)), key)
      case .elements: layOut(selected.flatMap(ledger.conversations.element(id:)), key)
      }
    }
    return []
  }

  /// Enter or `a` on a request: the menu of the answers the acting person may give.
  private mutating func answer(_ request: Request?, _ key: Key) {
    guard key == .enter || key == .character("a") else { return }
    guard let request else {
      status = .error("no request is selected")
      return
    }
    guard let menu = AccountMenu(for: request, allowed: ledger.allowedMoves(for: request, actor: actor)) else {
      status = .error(ledger.whyNothingToDo(on: request, actor: actor))
      return
    }
    overlay = .menu(menu)
  }

  private mutating func layOut(_ element: Element?, _ key: Key) {
    if key == .character("+") {
      overlay = .form(.newElement())
      return
    }
    guard let element else {
      if case .character = key { status = .error("no element yet: + adds what the breakthrough will take") }
      return
    }
    switch key {
    case .character("n") where element.state == .open: overlay = .form(.newPromise(for: element))
    case .character("n"): status = .error("\(element.label) is \(element.state.rawValue): it stays as it is")
    case .character("m"), .character("x"):
      let meets = key == .character("m")
      // Offered only to whoever the rule book lets meet or drop it.
      if let breach = ledger.breach(of: meets ? .meetElement : .dropElement, on: element, by: actor) {
        status = .error(breach.rule)
      } else {
        overlay = .form(meets ? .meet(element) : .drop(element))
      }
    default: break
    }
  }
}

extension BoardState {
  func drawList(_ list: ConversationList, into grid: inout Grid) {
    let now = localNow
    var lines: [(String, Role)] = []
    switch list.kind {
    case .requests:
      for id in list.ids {
        guard let request = ledger.conversations.request(id: id) else { continue }
        let overdue = request.isAnswerOverdue(at: now)
        let whose = request.waitsOn == actor ? "answer" : "waiting on \(request.waitsOn?.text ?? "")"
        let who = request.proposal
        let line = "\(request.label)  \(overdue ? "ANSWER OVERDUE" : whose)  \(who), by \(request.by.description): \(request.what)"
        lines.append((line, overdue ? .overdue : request.waitsOn == actor ? .text : .dim))
      }
    case .elements:
      for id in list.ids {
        guard let element = ledger.conversations.element(id: id) else { continue }
        let coverage = ledger.coverage(of: element, at: now)
        let promises = ledger.promises(covering: element).filter { !$0.state.isClosed }.map { "\($0.label) \($0.performer)" }
        let words = coverage == .nothingPromised ? "NOTHING PROMISED YET" : coverage.words
        let line = "\(element.label)  \(words)  \(element.what)" + (promises.isEmpty ? "" : "  (\(promises.joined(separator: ", ")))")
        lines.append((line, Self.role(of: coverage)))
      }
    }
    let title = list.kind == .requests ? "Requests" : "What the breakthrough will take"
    let frame = grid.panel(title, width: 100, height: max(lines.count, 1) + 4, borders: glyphs.borders)
    if lines.isEmpty {
      let empty = list.kind == .requests ? "No requests wait on you or on others for you." : "Nothing laid out yet: + adds an element."
      grid.put(empty, row: frame.top + 1, column: frame.left + 2, limit: frame.width - 4, role: .dim)
    }
    let visible = frame.height - 4
    let first = max(0, list.cursor - visible + 1)
    for (offset, line) in lines.dropFirst(first).prefix(visible).enumerated() {
      let row = frame.top + 1 + offset
      grid.put(line.0, row: row, column: frame.left + 2, limit: frame.width - 4, role: line.1)
      if first + offset == list.cursor { grid.restyle(row: row, column: frame.left + 1, count: frame.width - 2, role: .selection) }
    }
    let hint =
      list.kind == .requests
      ? "Enter/a answers · R asks for a promise · Esc closes" : "n promise for it · R ask for it · + add · m met · x drop · Esc closes"
    grid.put(hint, row: frame.top + frame.height - 2, column: frame.left + 2, limit: frame.width - 4, role: .hint)
  }

  /// Nothing promised yet is said in words and shown as overdue; at risk as due soon.
  static func role(of coverage: Coverage) -> Role {
    switch coverage {
    case .nothingPromised: return .overdue
    case .atRisk: return .dueSoon
    case .covered: return .text
    case .met, .dropped: return .dim
    }
  }
}
