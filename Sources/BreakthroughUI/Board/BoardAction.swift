import BreakthroughCore
import TerminalKit

/// An action on the board.
public typealias BoardAction = ScreenAction<BoardState>

extension BoardState {
  /// Every action on the board, in the order the help lists them.
  public static let actions = ActionTable<BoardState>([
    help(BoardState.self),
    BoardAction(name: "down", keys: [.character("j"), .down], help: "Move down", hint: nil) {
      $0.moveCursor(by: 1)
      return []
    },
    BoardAction(name: "up", keys: [.character("k"), .up], help: "Move up", hint: nil) {
      $0.moveCursor(by: -1)
      return []
    },
    BoardAction(name: "top", keys: [.character("g"), .home], help: "Go to the first promise", hint: nil) {
      $0.moveCursorToEnd(last: false)
      return []
    },
    BoardAction(name: "bottom", keys: [.character("G"), .end], help: "Go to the last promise", hint: nil) {
      $0.moveCursorToEnd(last: true)
      return []
    },
    BoardAction(name: "page down", keys: [.pageDown, .control("d")], help: "Move down a page", hint: nil) {
      $0.moveCursor(by: $0.pageSize)
      return []
    },
    BoardAction(name: "page up", keys: [.pageUp, .control("u")], help: "Move up a page", hint: nil) {
      $0.moveCursor(by: -$0.pageSize)
      return []
    },
    BoardAction(
      name: "pane", keys: [.tab, .backTab, .character("l"), .character("h")], help: "Switch between the open and overdue panes",
      hint: "Tab:pane"
    ) {
      $0.focus = $0.focus == .open ? .overdue : .open
      return []
    },
    BoardAction(name: "detail", keys: [.enter], help: "Open the selected promise: history and chain", hint: "Enter:detail") { state in
      if let id = state.selectedPromise?.id { state.overlay = .detail(promiseID: id) }
      return []
    },
    BoardAction(name: "filter", keys: [.character("/")], help: "Filter by text or @handle (Enter keeps it, Esc clears)", hint: "/:filter") {
      state in
      state.isEditingFilter = true
      return []
    },
    BoardAction(name: "group", keys: [.character("p")], help: "Group open promises by person, or not", hint: nil) { state in
      state.isGroupedByPerson.toggle()
      state.rebuildRows()
      return []
    },
    BoardAction(name: "new", keys: [.character("n")], help: "Make a new promise", hint: "n:new") { state in
      state.overlay = .form(.newPromise())
      return []
    },
    BoardAction(
      name: "account", keys: [.character("a")],
      help: "Account for the selection: done, accept, reject, not kept, renegotiate, revoke, release", hint: "a:account"
    ) { state in
      guard let promise = state.selectedPromise else {
        state.status = .error("select a promise first (j/k), then press a")
        return []
      }
      let allowed = state.ledger.allowedMoves(for: promise, actor: state.actor)
      let reasons = state.ledger.reasons.active
      guard let menu = AccountMenu(for: promise, allowed: allowed, reasons: reasons, now: LocalMoment(state.now, in: state.zone)) else {
        state.status = .error(state.ledger.whyNothingToDo(on: promise, actor: state.actor))
        return []
      }
      state.overlay = .menu(menu)
      return []
    },
    BoardAction(
      name: "requests", keys: [.character("r")], help: "Requests: those waiting for your answer (answer them), and yours",
      hint: "r:requests"
    ) { state in
      state.openList(.requests)
      return []
    },
    BoardAction(name: "ask", keys: [.character("R")], help: "Ask someone for a promise (a request)", hint: nil) { state in
      state.overlay = .form(.newRequest())
      return []
    },
    BoardAction(
      name: "elements", keys: [.character("e")], help: "What the breakthrough will take: elements, uncovered first; promise or ask for one",
      hint: nil
    ) { state in
      state.openList(.elements)
      return []
    },
    confidence(.onTrack, key: "1"),
    confidence(.atRisk, key: "2"),
    confidence(.offTrack, key: "3"),
    BoardAction(name: "undo", keys: [.character("u")], help: "Undo your last move of this session (a compensating event)", hint: nil) {
      state in
      guard let last = state.undoable.popLast() else {
        state.status = .error("nothing of yours to undo in this session")
        return []
      }
      return [.perform(.undo(event: last.event, promise: last.promise, summary: last.summary))]
    },
    BoardAction(name: "declare", keys: [.character("D")], help: "Declare or revise the breakthrough", hint: nil) { state in
      guard state.ledger.allowedBreakthroughMoves(actor: state.actor).contains(.declare) else {
        let declarer = state.ledger.currentBreakthrough?.declaredBy.text ?? "its declarer"
        state.status = .error("only \(declarer), who declared the breakthrough in force, can revise it")
        return []
      }
      state.overlay = .form(.declare(current: state.ledger.currentBreakthrough))
      return []
    },
    BoardAction(
      name: "act as", keys: [.character("A")],
      help: "Act as the next person of the sample team (in the demo; elsewhere open the board with --as)", hint: nil
    ) { state in
      state.actAsNextPerson()
      return []
    },
    suspend(BoardState.self),
    BoardAction(name: "quit", keys: [.character("q"), .control("c")], help: "Quit (the ledger is already saved)", hint: "q:quit") { _ in
      [.quit]
    },
  ])

  static func confidence(_ level: Confidence, key: Character) -> BoardAction {
    BoardAction(
      name: level.words, keys: [.character(key)], help: "State confidence in the selection: \(level.words)",
      hint: nil
    ) { state in
      guard let promise = state.selectedPromise else { return [] }
      guard Move.Kind.confidence.isAllowed(on: promise, by: state.actor) else {
        state.status = .error(state.confidenceRefusal(on: promise))
        return []
      }
      return [.perform(.confidence(promise: promise.id, level: level))]
    }
  }
}
