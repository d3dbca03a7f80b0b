import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit

extension MeetingState: Screen {
  public static let helpTitle = "Help: keys of the meeting display"
  public static var helpRows: [(keys: String, help: String)] { actions.helpRows }

  /// Takes one key: its own few keys act; every other key changes nothing and says so.
  public mutating func handle(_ key: Key) -> [ScreenEffect] {
    guard let action = Self.actions.bound(to: key) else {
      status = .note(Self.readOnlyNotice)
      return []
    }
    status = nil
    return action.perform(&self)
  }

  /// Turns the page when its timebox is over; a new minute recounts what is overdue (a by-when
  /// with a time may have passed; once a minute, so a wall display never falls behind).
  public mutating func tick(_ now: Date) {
    let minuteChanged = Int(now.timeIntervalSince1970 / 60) != Int(self.now.timeIntervalSince1970 / 60)
    self.now = now
    if minuteChanged { recount() }
    if pausedAfter == nil, now.timeIntervalSince(pageStartedAt) >= options.interval { turn(by: 1) }
  }

  /// Another process changed the ledger: the digest follows the promises that changed (or
  /// is counted afresh when the ledger cannot say which), and the page stays on the same person.
  public mutating func replaceLedger(_ ledger: LedgerState) {
    let earlier = self.ledger
    self.ledger = ledger
    zone = ScreenZone.following(ledger, from: earlier, current: zone)
    updatedAt = now
    if let positions = ledger.positionsChanged(since: earlier) {
      digest.update(positions, from: earlier, to: ledger)
      keepPage()
    } else {
      recount()
    }
  }

  /// Counts the digest afresh, for this moment; "updated" still says when the ledger changed.
  mutating func recount() {
    digest = MeetingDigest(ledger, now: now, zone: zone)
    keepPage()
  }

  private mutating func keepPage() {
    let shown = page
    pages = Self.pages(for: ledger, options: options)
    pageIndex = pages.firstIndex(of: shown) ?? 0
  }

  /// The display acts for nobody.
  public var actingAs: Handle? { nil }

  /// The display asks for no moves.
  public mutating func recorded(_ move: Move, outcome: MoveOutcome) {}
}

extension ScreenApp where State == MeetingState {
  /// A read-only meeting display on the terminal's whole screen.
  public convenience init(
    store: LedgerStore, terminal: Terminal, zone: TimeZone, options: MeetingState.Options,
    clock: @escaping () -> Date = Date.init
  ) {
    self.init(store: store, terminal: terminal, clock: clock) { ledger, now, terminal in
      MeetingState(
        ledger: ledger, now: now, zone: zone, options: options,
        width: terminal.size.width, height: terminal.size.height, isUnicode: terminal.isUnicode)
    }
  }
}
