import BreakthroughCore
import BreakthroughStore
import Foundation
import TerminalKit

/// The loop of every screen: terminal events and the clock go through the screen's state,
/// moves go to the ledger, and the ledger is watched so that others' appends show within a
/// second or two.
public final class ScreenApp<State: Screen> {
  public private(set) var state: State
  private let store: LedgerStore
  private let terminal: Terminal
  private let clock: () -> Date
  private var lastRefresh: Date
  /// The signal that ended the loop, if one did: the command exits with 128 + its number.
  public private(set) var endingSignal: Int?
  /// How often the ledger file is checked for appends by other processes.
  static var refreshInterval: TimeInterval { 1 }

  /// `makeState` builds the screen from the folded ledger, the moment, and the terminal's size.
  public init(
    store: LedgerStore, terminal: Terminal, clock: @escaping () -> Date = Date.init,
    makeState: (_ ledger: LedgerState, _ now: Date, _ terminal: Terminal) -> State
  ) {
    self.store = store
    self.terminal = terminal
    self.clock = clock
    let now = clock()
    lastRefresh = now
    state = makeState(store.state, now, terminal)
    state.showConnection(store.connectionNote)
    state.showChainHead(store.chainHead)
    reportWarnings()
  }

  /// Says on screen which zone the dates are in, when it is not `machine`, this machine's.
  public func showZone(machine: TimeZone) {
    state.showZone(machine: machine)
  }

  /// Runs until the person quits or a signal asks to stop; the terminal is restored either way.
  public func run() {
    defer { terminal.restore() }
    terminal.draw(state.drawn())
    while step(terminal.nextEvent(timeoutMilliseconds: 250, watching: store.changeDescriptor)) {}
  }

  /// Handles one event (nil: nothing happened for a while) and redraws. False means stop.
  @discardableResult
  public func step(_ event: TerminalEvent?) -> Bool {
    var keepGoing = true
    switch event {
    case .key(.control("z"))?:
      // Raw mode reads Ctrl-Z as a key: stop as every full-screen program does, and on `fg`
      // come back to the screen as it was, with what others recorded meanwhile.
      terminal.suspend()
      let size = terminal.size
      state.resize(width: size.width, height: size.height)
      lastRefresh = .distantPast
    case .key(.control("l"))?:
      // As in vim, htop and less: whatever was written over the screen, it is drawn whole again.
      terminal.repaintWhole()
      let size = terminal.size
      state.resize(width: size.width, height: size.height)
    case .key(let key)?:
      keepGoing = apply(state.take(key)) && endingSignal == nil
    case .mouse(let mouse)?:
      // The help stands over the screen: a press beside it changes nothing beneath.
      if !state.isShowingHelp { keepGoing = apply(state.mouse(mouse)) }
    case .resize(let width, let height)?:
      state.resize(width: width, height: height)
    case .terminate(let signal)?:
      endingSignal = signal
      keepGoing = false
    case .paste(let text)?:
      if !state.isShowingHelp { state.paste(text) }
    case .descriptorReady?, nil:
      break
    }
    let now = clock()
    state.tick(now)
    if event == .descriptorReady || now.timeIntervalSince(lastRefresh) >= Self.refreshInterval || now < lastRefresh {
      refresh(now)
    }
    if keepGoing { terminal.draw(state.drawn()) }
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
    state.showConnection(store.connectionNote)
    state.showChainHead(store.chainHead)
    reportWarnings()
  }

  /// Runs what a key or a click asked for; false when it asked to quit.
  private func apply(_ effects: [ScreenEffect]) -> Bool {
    var keepGoing = true
    for effect in effects {
      switch effect {
      case .quit: keepGoing = false
      case .perform(let move): perform(move)
      }
    }
    return keepGoing
  }

  private func perform(_ move: Move) {
    guard let actor = state.actingAs else {
      state.notRecorded("this display is read-only: nothing was written")
      return
    }
    let context = MoveContext(actor: actor, now: clock(), zone: state.zone)
    // A team ledger's write may wait for another's: meanwhile the screen says so and answers.
    var waiting = false
    store.whileWaiting = { [unowned self] in
      if !waiting {
        waiting = true
        state.report("recording… waiting for the server: another member's write, or the connection (Esc cancels, ? helps)", isError: false)
      }
      return answerWhileWaiting()
    }
    defer { store.whileWaiting = nil }
    do {
      let outcome = try store.append(move, context: context)
      state.frame.unrecordedForm = nil
      state.replaceLedger(store.state)
      state.recorded(move, outcome: outcome)
      state.showChainHead(store.chainHead)
    } catch .mayHaveBeenRecorded(let message) {
      // Given back, its form would record it a second time if the first one arrived.
      state.frame.unrecordedForm = nil
      state.report(message, isError: true)
    } catch {
      state.notRecorded(error.description)
    }
    reportWarnings()
  }

  /// One turn of the screen while a write waits: drawn, and the keys that make sense then
  /// answered (Esc cancels the write, `?` the help, Ctrl-L, a resize, a signal); false cancels.
  private func answerWhileWaiting() -> Bool {
    terminal.draw(state.drawn())
    switch terminal.nextEvent(timeoutMilliseconds: 0, watching: nil) {
    case .key(.escape)?:
      return false
    case .key(.character("?"))?:
      _ = state.take(.character("?"))
    case .key(.control("l"))?:
      terminal.repaintWhole()
    case .resize(let width, let height)?:
      state.resize(width: width, height: height)
    case .terminate(let signal)?:
      endingSignal = signal
      return false
    default:
      break
    }
    return true
  }

  private func reportWarnings() {
    if let warning = store.takeWarnings().last { state.report(warning, isError: true) }
  }
}
