import TerminalKit

/// An action of the meeting display; none of them writes.
public typealias MeetingAction = ScreenAction<MeetingState>

extension MeetingState {
  /// Every key of the meeting display, in the order the help lists them.
  public static let actions = ActionTable<MeetingState>([
    MeetingAction(
      name: "pause", keys: [.character(" "), .character("p")], help: "Pause or resume the turning of pages", hint: "Space:pause"
    ) { state in
      state.togglePause()
      return []
    },
    MeetingAction(name: "next", keys: [.right, .character("l"), .pageDown, .character("j")], help: "Next page", hint: "←/→:page") { state in
      state.turn(by: 1)
      return []
    },
    MeetingAction(name: "previous", keys: [.left, .character("h"), .pageUp, .character("k")], help: "Previous page", hint: nil) { state in
      state.turn(by: -1)
      return []
    },
    MeetingAction(name: "first", keys: [.home, .character("g")], help: "Back to the team's page", hint: nil) { state in
      state.turn(by: -state.pageIndex)
      return []
    },
    MeetingAction(name: "help", keys: [.character("?")], help: "Show or hide this help", hint: "?:help") { state in
      state.isShowingHelp = true
      return []
    },
    suspend(MeetingState.self),
    MeetingAction(name: "quit", keys: [.character("q"), .control("c"), .escape], help: "Quit the display", hint: "q:quit") { _ in [.quit] },
  ])

  /// What the status line says to a key that would change the ledger elsewhere.
  static let readOnlyNotice =
    "This display is read-only: nothing was changed. Make and account for promises on the board or in `breakthrough checkin`."
}
