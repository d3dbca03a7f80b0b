import BreakthroughCore
import Foundation
import TerminalKit

extension CheckinState: PersonalScreen {
  public var actingAs: Handle? { actor }
  public static let helpTitle = "Help: keys of the check-in"
  public static var helpRows: [(keys: String, help: String)] { actions.helpRows }

  /// Takes one key: an open form or question gets it first, else the action table.
  public mutating func handle(_ key: Key) -> [ScreenEffect] {
    switch overlay {
    case .form(let form)?:
      return Form.step(form, key: key, today: localNow.day, overlay: &overlay, frame: &frame, wrap: CheckinOverlay.form)
    case .renegotiateNow(let id)?:
      return answerRenegotiateNow(key, promiseID: id)
    case nil:
      if isFinished { return [.enter, .escape, .character("q"), .control("c")].contains(key) ? [.quit] : [] }
      status = nil
      return Self.actions.bound(to: key)?.perform(&self) ?? []
    }
  }

  /// The check-in's short renegotiation: the new by-when, and after the by-when the reason first.
  func renegotiationForm(_ promise: Promise) -> Form {
    .renegotiate(promise, askingOnlyTheDate: true, lateReasons: promise.by.isPast(at: localNow) ? ledger.reasons.active : nil)
  }

  private mutating func answerRenegotiateNow(_ key: Key, promiseID: String) -> [ScreenEffect] {
    switch key {
    case .character("y"), .character("r"):
      overlay = ledger.promise(id: promiseID).map { .form(renegotiationForm($0)) }
    case .character("n"), .escape, .enter, .character("s"):
      overlay = nil
      advance()
    case .character("q"), .control("c"):
      return [.quit]
    default:
      break
    }
    return []
  }

  public mutating func tick(_ now: Date) {
    self.now = now
  }

  /// Items keep their place: each shows its promise as it stands now.
  public mutating func replaceLedger(_ ledger: LedgerState) {
    zone = ScreenZone.following(ledger, from: self.ledger, current: zone)
    self.ledger = ledger
  }

  /// Why an answer was not recorded, its form open again over the item as typed (unless
  /// another panel is).
  public mutating func notRecorded(_ text: String) {
    if let form = takeUnrecordedForm(saying: text), overlay == nil { overlay = .form(form) }
  }

  /// The answer is in the ledger: on to the next item, unless an at-risk promise close to its
  /// by-when should be renegotiated while there is still time.
  public mutating func recorded(_ move: Move, outcome: MoveOutcome) {
    let summary = BoardState.words(for: move, summary: outcome.summary)
    if move.kind == .undo, let taken = undoable.popLast() {
      // Back to the item it answered, as it stands again.
      if let line = recorded.lastIndex(of: taken.summary) { recorded.remove(at: line) }
      position = taken.position
      status = .note(summary)
      return
    }
    recorded.append(summary)
    if let event = outcome.events.last, let promise = event.body.promiseID {
      undoable.append((event.id, promise, summary, position))
    }
    status = .note(summary + (undoable.isEmpty ? "" : " · u undoes it"))
    if move.kind == .make || move.kind == .request { return }
    if case .confidence(let id, let level, _) = move, level != .onTrack, let promise = ledger.promise(id: id),
      !promise.by.isPast(at: localNow), localNow.day.days(until: promise.by.day) <= 2
    {
      overlay = .renegotiateNow(promiseID: id)
      return
    }
    if let item = currentItem { skipped.remove(item.id) }
    advance()
  }
}

extension CheckinState {
  /// Into the open form; anywhere else a paste does nothing (it never answers an item).
  public mutating func paste(_ text: String) {
    guard case .form(var form)? = overlay else { return }
    form.paste(text)
    overlay = .form(form)
  }
}
