import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit

extension MeetingState: Screen {
  /// Takes one key: its own few keys act; every other key changes nothing and says so.
  public mutating func handle(_ key: Key) -> [ScreenEffect] {
    if isShowingHelp {
      if key.closesPanel { isShowingHelp = false }
      return key == .control("c") ? [.quit] : []
    }
    guard let action = Self.actions.bound(to: key) else {
      status = (Self.readOnlyNotice, false)
      return []
    }
    status = nil
    return action.perform(&self)
  }

  /// Turns the page when its timebox is over; a new day recounts what is overdue.
  public mutating func tick(_ now: Date) {
    let dayChanged = LocalMoment(now, in: zone).day != localNow.day
    self.now = now
    if dayChanged { replaceLedger(ledger) }
    if pausedAfter == nil, now.timeIntervalSince(pageStartedAt) >= options.interval { turn(by: 1) }
  }

  /// Another process changed the ledger: recount, and keep the page on the same person.
  public mutating func replaceLedger(_ ledger: LedgerState) {
    let shown = page
    self.ledger = ledger
    digest = MeetingDigest(ledger, now: now, zone: zone)
    updatedAt = now
    pages = Self.pages(for: ledger, options: options)
    pageIndex = pages.firstIndex(of: shown) ?? 0
  }

  /// The display acts for nobody.
  public var actingAs: Handle? { nil }

  /// The display asks for no moves.
  public mutating func recorded(_ move: Move, outcome: MoveOutcome) {}
}

/// The meeting display's loop.
public typealias MeetingApp = ScreenApp<MeetingState>

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
