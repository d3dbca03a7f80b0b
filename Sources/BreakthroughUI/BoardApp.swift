import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit

/// The board's loop: terminal events and the clock go through `BoardState`, moves go to the
/// ledger, and the ledger is watched so that others' appends show within a second or two.
public final class BoardApp {
  public private(set) var state: BoardState
  private let store: LedgerStore
  private let terminal: Terminal
  private let clock: () -> Date
  private var lastRefresh: Date
  /// How often the ledger file is checked for appends by other processes.
  static let refreshInterval: TimeInterval = 1

  public init(store: LedgerStore, terminal: Terminal, actor: Handle, zone: TimeZone, clock: @escaping () -> Date = Date.init) {
    self.store = store
    self.terminal = terminal
    self.clock = clock
    let now = clock()
    lastRefresh = now
    state = BoardState(ledger: store.state, now: now, zone: zone, actor: actor,
                       width: terminal.size.width, height: terminal.size.height, isUnicode: terminal.isUnicode)
    reportWarnings()
  }

  /// Runs until the person quits or a signal asks to stop; the terminal is restored either way.
  public func run() {
    defer { terminal.restore() }
    terminal.draw(state.render())
    while step(terminal.nextEvent(timeoutMilliseconds: 250)) {}
  }

  /// Handles one event (nil: nothing happened for a while) and redraws. False means stop.
  @discardableResult
  public func step(_ event: TerminalEvent?) -> Bool {
    var keepGoing = true
    switch event {
    case .key(let key)?:
      for effect in state.handle(key) {
        switch effect {
        case .quit: keepGoing = false
        case .perform(let request): perform(request)
        }
      }
    case .resize(let width, let height)?:
      state.resize(width: width, height: height)
    case .terminate?:
      keepGoing = false
    case nil:
      break
    }
    let now = clock()
    state.tick(now)
    if now.timeIntervalSince(lastRefresh) >= BoardApp.refreshInterval || now < lastRefresh {
      refresh(now)
    }
    if keepGoing { terminal.draw(state.render()) }
    return keepGoing
  }

  /// Folds in what others appended, keeping every selection on its promise.
  public func refresh(_ now: Date) {
    lastRefresh = now
    do {
      if try store.refresh() { state.replaceLedger(store.state) }
    } catch {
      state.report(error.description, isError: true)
    }
    reportWarnings()
  }

  private func perform(_ request: MoveRequest) {
    let context = MoveContext(actor: state.actor, now: clock(), zone: state.zone)
    do {
      let outcome = try store.append { (ledger) throws(Refusal) in try request.outcome(on: ledger, context: context) }
      state.replaceLedger(store.state)
      if case .made(let terms)? = outcome.events.first?.body { state.select(promiseID: terms.id) }
      if !request.isUndo, let event = outcome.events.last, let promise = event.body.promiseID {
        state.undoable.append((event.id, promise, outcome.summary))
      }
      state.report(outcome.summary + (request.isMake ? " made" : ""), isError: false)
    } catch {
      state.report(error.description, isError: true)
    }
    reportWarnings()
  }

  private func reportWarnings() {
    if let warning = store.takeWarnings().last { state.report(warning, isError: true) }
  }
}

extension MoveRequest {
  var isMake: Bool {
    if case .make = self { return true }
    return false
  }

  var isUndo: Bool {
    if case .undo = self { return true }
    return false
  }
}

extension BoardState {
  /// Puts the cursor of the open pane on a promise, and focuses that pane.
  mutating func select(promiseID: String) {
    guard let index = lists[.open]?.rows.firstIndex(where: { $0.promiseIndex.map { ledger.promises[$0].id } == promiseID }) else { return }
    focus = .open
    lists[.open]?.cursor = index
    lists[.open]?.selectedID = promiseID
  }
}
