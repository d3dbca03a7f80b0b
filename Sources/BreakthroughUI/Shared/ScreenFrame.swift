import BreakthroughCore
import Foundation

/// A line for the person at the bottom of a screen: what happened, or why it was refused.
struct StatusLine: Equatable, Sendable {
  var text: String
  /// Drawn as an error: a refusal, or a key that does nothing here.
  var isError: Bool

  /// What happened.
  static func note(_ text: String) -> StatusLine { StatusLine(text: text, isError: false) }

  /// Why something was refused or did nothing.
  static func error(_ text: String) -> StatusLine { StatusLine(text: text, isError: true) }
}

/// What every screen keeps besides its own state: its size, its status line, and how the
/// store's connection stands. `Screen`'s `resize`, `report` and `showConnection` are the same
/// for all, given these.
public struct ScreenFrame: Sendable {
  public internal(set) var width: Int
  public internal(set) var height: Int
  var status: StatusLine?
  /// How the store's connection stands, when it is not well ("offline since 14:02").
  var connectionNote: String?
  /// The head of the team ledger's chain as this machine verified it, shown small.
  var chainHead: String?
  /// "times in Europe/Berlin" when the team's zone is not this machine's.
  var zoneNote: String?
  /// How far the help is scrolled while it is shown over the screen; nil when it is not.
  var helpScroll: Int?
  /// The form whose move was just asked for, as typed, until the move is recorded: a write
  /// refused or failed (the server away, the ledger damaged) gives it back, so nothing typed
  /// is lost.
  var unrecordedForm: Form?

  init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
}

extension Screen {
  public var width: Int { frame.width }
  public var height: Int { frame.height }

  var status: StatusLine? {
    get { frame.status }
    set { frame.status = newValue }
  }

  var connectionNote: String? { frame.connectionNote }

  public mutating func resize(width: Int, height: Int) {
    frame.width = width
    frame.height = height
  }

  public mutating func report(_ text: String, isError: Bool) {
    frame.status = StatusLine(text: text, isError: isError)
  }

  /// Says why; a screen without forms has none to give back.
  public mutating func notRecorded(_ text: String) {
    _ = takeUnrecordedForm(saying: text)
  }

  /// Says why a move was not recorded; the form it was typed in, for a screen to open again.
  mutating func takeUnrecordedForm(saying text: String) -> Form? {
    report(text, isError: true)
    return frame.unrecordedForm.take()
  }

  public mutating func showConnection(_ note: String?) {
    frame.connectionNote = note
  }

  public mutating func showChainHead(_ head: String?) {
    frame.chainHead = head
  }

  /// Says on screen which zone the dates are in, when it is not the machine's.
  public mutating func showZone(machine: TimeZone) {
    frame.zoneNote = TeamZone.note(for: zone, machine: machine)
  }
}
