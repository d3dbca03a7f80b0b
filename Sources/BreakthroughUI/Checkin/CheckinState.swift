import BreakthroughCore
import Foundation
import TerminalKit

/// The check-in's loop.
public typealias CheckinApp = ScreenApp<CheckinState>

/// The daily check-in: one item at a time, each answered with one key, then "anything to
/// promise today?", then a summary of what was recorded.
public struct CheckinState: Sendable {
  public internal(set) var ledger: LedgerState
  public internal(set) var now: Date
  /// The zone days are worked out in: the ledger's own once it names one, also when someone
  /// sets it while the screen is open (`ScreenZone`).
  public internal(set) var zone: TimeZone
  public let actor: Handle
  public var frame: ScreenFrame
  public let glyphs: Glyphs

  /// Fixed when the check-in starts, so that answering never reshuffles what is left.
  public let agenda: CheckinAgenda
  /// The item on screen; `agenda.items.count` is the closing question.
  public internal(set) var position = 0
  public internal(set) var isFinished = false
  var overlay: CheckinOverlay?
  /// What this check-in wrote, in order, in the words of each move's summary.
  public internal(set) var recorded: [String] = []
  public internal(set) var skipped: Set<String> = []
  /// This check-in's answers that `u` can take back, newest last, with the item each answered.
  var undoable: [(event: String, promise: String, summary: String, position: Int)] = []

  public init(ledger: LedgerState, now: Date, zone: TimeZone, actor: Handle, width: Int, height: Int, isUnicode: Bool) {
    self.ledger = ledger
    self.now = now
    self.zone = zone
    self.actor = actor
    frame = ScreenFrame(width: width, height: height)
    glyphs = Glyphs.forTerminal(isUnicode: isUnicode)
    agenda = CheckinAgenda(ledger, person: actor, now: LocalMoment(now, in: zone))
  }

  var localNow: LocalMoment { LocalMoment(now, in: zone) }

  /// The item on screen, unless the walk has reached the closing question.
  public var currentItem: CheckinAgenda.Item? {
    position < agenda.items.count ? agenda.items[position] : nil
  }

  /// The promise of the item on screen, as it stands now.
  public var currentPromise: Promise? {
    currentItem?.promiseID.flatMap { ledger.promise(id: $0) }
  }

  /// The request of the item on screen, when it is one waiting for the person's answer.
  public var currentRequest: Request? {
    currentItem.flatMap { $0.stage == .requests ? ledger.conversations.request(id: $0.id) : nil }
  }

  /// Whether the item on screen asks the person whether they are in.
  var isAskingEnrollment: Bool {
    currentItem?.stage == .enrollment
  }

  mutating func advance() {
    position = min(position + 1, agenda.items.count)
  }

  mutating func goBack() {
    guard position > 0 else {
      status = .error("this is the first item")
      return
    }
    position -= 1
  }
}

/// What stands over the check-in and takes the keys while it is open.
enum CheckinOverlay: Sendable {
  case form(Form)
  /// At risk or off track close to the by-when: "renegotiate now, while you still can?"
  case renegotiateNow(promiseID: String)
}
