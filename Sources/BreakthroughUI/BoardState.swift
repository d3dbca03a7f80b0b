import BreakthroughCore
import Foundation
import TerminalKit

/// Everything the board shows, in one value: `handle` changes it, `render` draws it.
public struct BoardState: Sendable {
  public internal(set) var ledger: LedgerState
  public internal(set) var now: Date
  public let zone: TimeZone
  /// Who the moves made here are made by: shown in the header.
  public internal(set) var actor: Handle
  /// The people `A` switches between (the demo's sample team); empty on a real board.
  public var actingChoices: [Handle] = []
  public var frame: ScreenFrame
  public let glyphs: Glyphs

  var focus: Pane = .open
  var lists: [Pane: PaneList] = [.open: PaneList(), .overdue: PaneList()]
  var filter = ""
  var isEditingFilter = false
  var isGroupedByPerson = false
  var overlay: Overlay?
  /// Computed when the ledger changes, never per key.
  var measures: Measures
  /// The requests waiting for the actor's answer and the elements by need: computed when the
  /// ledger, the actor or the minute changes, never per key.
  var waiting: [Request] = []
  /// How many rows of the open pane are deliveries waiting for their customer, so that its
  /// count says how it differs from the header's open promises.
  var deliveredCount = 0
  var elementRows: [(element: Element, coverage: Coverage)] = []
  /// This session's own moves on promises, newest last: what `u` takes back.
  var undoable: [(event: String, promise: String, summary: String)] = []

  public init(ledger: LedgerState, now: Date, zone: TimeZone, actor: Handle, width: Int, height: Int, isUnicode: Bool) {
    self.ledger = ledger
    self.now = now
    self.zone = zone
    self.actor = actor
    frame = ScreenFrame(width: width, height: height)
    glyphs = Glyphs.forTerminal(isUnicode: isUnicode)
    measures = Measures(ledger, now: now, zone: zone)
    rebuildRows()
    rebuildConversations()
  }

  var localNow: LocalMoment { LocalMoment(now, in: zone) }

  /// The promise under the cursor of the focused pane.
  public var selectedPromise: Promise? {
    lists[focus]?.selectedID.flatMap { ledger.promise(id: $0) }
  }

  /// The ledger changed (a move here, or another process's append): rebuild what derives from it.
  public mutating func replaceLedger(_ ledger: LedgerState) {
    self.ledger = ledger
    measures = Measures(ledger, now: now, zone: zone)
    rebuildRows()
    rebuildConversations()
    refreshList()
  }

  mutating func rebuildConversations() {
    waiting = ledger.conversations.waiting(on: actor, at: localNow)
    elementRows = ledger.elementsByNeed(at: localNow).filter { $0.coverage != .dropped }
  }

  /// Rebuilds both lists from the ledger and the filter, keeping each selection by promise id.
  mutating func rebuildRows() {
    let now = localNow
    let matches = FilterQuery(filter)
    var open: [Int] = []
    var overdue: [Int] = []
    let promises = ledger.promises
    // Promises are looked at in place, by position: this runs over the whole ledger.
    deliveredCount = 0
    for index in promises.indices where !promises[index].state.isClosed {
      guard matches.isEmpty || matches.accepts(promises[index]) else { continue }
      open.append(index)
      if promises[index].state == .delivered { deliveredCount += 1 }
      if promises[index].isOverdue(at: now) { overdue.append(index) }
    }
    func byWhen(_ lhs: Int, _ rhs: Int) -> Bool { (promises[lhs].by, promises[lhs].number) < (promises[rhs].by, promises[rhs].number) }
    overdue.sort(by: byWhen)
    open.sort(by: byWhen)
    lists[.overdue]?.rows = overdue.map { .promise(index: $0) }
    let openRows = isGroupedByPerson ? grouped(open) : open.map { ListRow.promise(index: $0) }
    lists[.open]?.rows = openRows
    for pane in Pane.allCases { lists[pane]?.reselect(promises: promises) }
  }

  private func grouped(_ indices: [Int]) -> [ListRow] {
    var byPerson: [Handle: [Int]] = [:]
    for index in indices { byPerson[ledger.promises[index].performer, default: []].append(index) }
    return byPerson.keys.sorted().flatMap { person in
      [ListRow.person(person.text)] + (byPerson[person] ?? []).map { .promise(index: $0) }
    }
  }
}

/// What a filter typed after `/` keeps: words match the text or number; `@handle` a person.
struct FilterQuery {
  let words: [String]
  let people: [String]

  init(_ text: String) {
    let parts = text.lowercased().split(separator: " ").map(String.init)
    people = parts.filter { $0.hasPrefix("@") && $0.count > 1 }.map { String($0.dropFirst()) }
    words = parts.filter { !$0.hasPrefix("@") }
  }

  /// Nothing typed: every promise is kept.
  var isEmpty: Bool { words.isEmpty && people.isEmpty }

  func accepts(_ promise: Promise) -> Bool {
    for person in people where !promise.performer.text.hasPrefix(person) && !promise.customer.text.hasPrefix(person) {
      return false
    }
    guard !words.isEmpty else { return true }
    let what = promise.what.lowercased()
    return words.allSatisfy { what.contains($0) || promise.label.lowercased() == $0 }
  }
}
