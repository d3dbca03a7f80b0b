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
    case .detail?:
      if key.closesPanel { overlay = nil }
      return key == .control("c") ? [.quit] : []
    case .form(let form)?:
      return Form.step(form, key: key, today: localNow.day, overlay: &overlay, frame: &frame, wrap: Overlay.form)
    case .menu(var menu)?:
      return choose(&menu, key)
    case .conversations(var list)?:
      return handleList(&list, key)
    case .confirm(let move, _)?:
      overlay = nil
      if key == .enter || key == .character("y") { return [.perform(move)] }
      status = .note("cancelled: nothing was recorded")
      return key == .control("c") ? [.quit] : []
    case nil:
      status = nil
      return Self.actions.bound(to: key)?.perform(&self) ?? []
    }
  }

  /// The clock moved on: words like "today" and overdue ages follow it, and the measures and
  /// lists are computed afresh on a new day, when a by-when with a time passes, or when the
  /// clock was set back.
  public mutating func tick(_ now: Date) {
    let moment = LocalMoment(now, in: zone)
    let dayChanged = moment.day != measures.moment.day
    let deadlinePassed = nextDeadline.map { moment.secondOfDay > $0 * 60 } ?? false
    let minuteChanged = Int(now.timeIntervalSince1970 / 60) != Int(self.now.timeIntervalSince1970 / 60)
    let wentBack = now < self.now
    self.now = now
    if dayChanged || deadlinePassed || wentBack {
      return recompute()
    }
    // Nothing the figures count changed since they were computed: they hold for now, and the
    // promises a move changes next are counted as at now.
    measures.advance(to: now)
    if minuteChanged {
      // An answer falls due, a by-when passes: the conversations follow the clock.
      rebuildConversations()
    }
  }

  mutating func moveCursor(by step: Int) {
    lists[focus]?.move(by: step, promises: ledger.promises)
  }

  /// To the first or the last promise of the focused pane.
  mutating func moveCursorToEnd(last: Bool) {
    let count = lists[focus]?.rows.count ?? 0
    moveCursor(by: last ? count : -count)
  }

  /// The demo's `A`: act as the next person of the sample team. Elsewhere the person is who
  /// they said they are when the board opened, so the key only says how to choose.
  mutating func actAsNextPerson() {
    guard let index = actingChoices.firstIndex(of: actor) else {
      status = .error("you are \(actor); to act as someone else, open the board with --as HANDLE")
      return
    }
    actor = actingChoices[(index + 1) % actingChoices.count]
    rebuildConversations()
    // Undo takes back your own moves, and these were someone else's.
    undoable = []
    status = .note("you are now \(actor): the account menu offers \(actor)'s moves; A acts as the next person")
  }

  /// Why confidence cannot be stated on `promise` by the acting person.
  func confidenceRefusal(on promise: Promise) -> String {
    promise.state == .open
      ? "only \(promise.performer), who made \(promise.label), can state confidence in it; you are \(actor)"
      : ledger.whyNothingToDo(on: promise, actor: actor)
  }

  private mutating func editFilter(_ key: Key) -> [ScreenEffect] {
    switch key {
    case .enter: isEditingFilter = false
    case .escape:
      isEditingFilter = false
      filter = ""
    case .backspace: if !filter.isEmpty { filter.removeLast() }
    case .control("u"): filter = ""
    case .control("c"): return [.quit]
    case .character(let character): filter.append(character)
    default: return []
    }
    rebuildRows()
    return []
  }

  /// The move in words, as a question: "Record P1 as delivered to ben?"
  func confirmationQuestion(for move: Move) -> String {
    switch move {
    case .deliver(let id, let accepted, _, _):
      guard let promise = ledger.promise(id: id) else { break }
      if accepted || promise.performer == promise.customer { return "Record \(promise.label) as delivered and kept?" }
      return "Record \(promise.label) as delivered to \(promise.customer)?"
    case .accept(let id, _):
      guard let promise = ledger.promise(id: id) else { break }
      return "Accept \(promise.performer)'s delivery of \(promise.label), so that it is kept?"
    case .promiseAsAsked(let id):
      guard let request = ledger.conversations.request(id: id) else { break }
      return "Promise \(request.customer) what \(request.label) asks, by \(request.by.description)?"
    case .acceptOffer(let id):
      guard let request = ledger.conversations.request(id: id) else { break }
      return "Accept \(request.label): \(request.performer) promises it to you by \(request.by.description)?"
    default: break
    }
    return "Record: \(move.kind.verb)?"
  }

  mutating func choose(_ menu: inout AccountMenu, _ key: Key) -> [ScreenEffect] {
    var picked: AccountMenu.Item?
    switch key {
    case .escape, .character("q"):
      overlay = nil
      return []
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
    case .perform(let move):
      overlay = .confirm(move, question: "\(confirmationQuestion(for: move)) Enter/y records, anything else cancels")
      return []
    case .open(let form):
      overlay = .form(form)
      return []
    }
  }
}
