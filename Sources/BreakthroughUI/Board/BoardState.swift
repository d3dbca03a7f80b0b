import BreakthroughCore
import Foundation
import TerminalKit

/// The board's loop.
public typealias BoardApp = ScreenApp<BoardState>

/// Everything the board shows, in one value: `handle` changes it, `render` draws it.
public struct BoardState: Sendable {
  public internal(set) var ledger: LedgerState
  public internal(set) var now: Date
  /// The zone days are worked out in: the ledger's own once it names one, also when someone
  /// sets it while the screen is open (`ScreenZone`).
  public internal(set) var zone: TimeZone
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
  /// Computed afresh when the day changes or a by-when passes, and followed move by move
  /// in between (`replaceLedger`); never per key. The lists are for the same moment.
  var measures: Measures
  /// The minute of today at which the next timed by-when of an unclosed promise passes: the
  /// measures and the overdue list are computed afresh then.
  var nextDeadline: Int?
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

  /// The ledger changed (a move here, or another process's append): what derives from it
  /// follows the promises that changed, or is computed afresh when the ledger cannot say which.
  public mutating func replaceLedger(_ ledger: LedgerState) {
    let earlier = self.ledger
    self.ledger = ledger
    zone = ScreenZone.following(ledger, from: earlier, current: zone)
    guard let positions = ledger.positionsChanged(since: earlier) else { return recompute() }
    measures.update(positions, from: earlier, to: ledger)
    followRows(positions, from: earlier)
    rebuildConversations()
    refreshList()
  }

  /// Computes the measures and the lists afresh, for this moment.
  mutating func recompute() {
    measures = Measures(ledger, now: now, zone: zone)
    rebuildRows()
    rebuildConversations()
    refreshList()
  }

  mutating func rebuildConversations() {
    waiting = ledger.conversations.waiting(on: actor, at: localNow)
    elementRows = ledger.elementsByNeed(at: localNow).filter { $0.coverage != .dropped }
  }
}
