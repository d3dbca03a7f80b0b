import BreakthroughCore
import Foundation
import TerminalKit

extension BoardState: PersonalScreen {
  public var actingAs: Handle? { actor }
  public static var minimumWidth: Int { BoardLayout.minimumWidth }
  public static var minimumHeight: Int { BoardLayout.minimumHeight }
  public static let helpTitle = "Help: keys on the board"
  public static var helpRows: [(keys: String, help: String)] { actions.helpRows }

  /// A new promise is selected; the move can be taken back with `u`.
  public mutating func recorded(_ move: Move, outcome: MoveOutcome) {
    if case .made(let terms, _)? = outcome.events.first?.body { select(promiseID: terms.id) }
    if move.kind != .undo, let event = outcome.events.last, let promise = event.body.promiseID {
      undoable.append((event.id, promise, outcome.summary))
    }
    report(Self.words(for: move, summary: outcome.summary), isError: false)
  }

  /// Why a move was not recorded, its form open again over the board as typed (unless
  /// another panel is).
  public mutating func notRecorded(_ text: String) {
    if let form = takeUnrecordedForm(saying: text), overlay == nil { overlay = .form(form) }
  }

  /// What the status line says once a move is recorded: a bare number says what it names.
  static func words(for move: Move, summary: String) -> String {
    switch move {
    case .make: return summary + " made"
    case .request(_, let performer, _, _, _): return "\(summary): asked of \(performer), who answers next (r shows requests)"
    case .offer(_, let customer, _, _, _): return "\(summary): offered to \(customer), who answers next"
    case .addElement: return "\(summary) added to what the breakthrough will take"
    default: return summary
    }
  }
}

extension BoardState {
  /// Into the open form, or the filter being typed; anywhere else a paste does nothing.
  public mutating func paste(_ text: String) {
    if case .form(var form)? = overlay {
      form.paste(text)
      overlay = .form(form)
    } else if isEditingFilter {
      filter += Form.oneLine(text)
      rebuildRows()
    }
  }
}
