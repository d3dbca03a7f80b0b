import TerminalKit

/// A named thing a person can do on a screen, declared once with its keys and its help text:
/// the key bindings, the help overlay and the hint bar are all read from one table of these.
public struct ScreenAction<State>: Sendable {
  public let name: String
  public let keys: [Key]
  public let help: String
  /// Its words in the hint bar at the bottom of the screen, if it is shown there.
  public let hint: String?
  /// What the key does for what is on screen now, in a few words, or nil when it is not
  /// offered there: screens that show their keys beside the item (the check-in) read this.
  let offer: @Sendable (State) -> String?
  let perform: @Sendable (inout State) -> [ScreenEffect]

  init(
    name: String, keys: [Key], help: String, hint: String?, offer: @escaping @Sendable (State) -> String? = { _ in nil },
    perform: @escaping @Sendable (inout State) -> [ScreenEffect]
  ) {
    self.name = name
    self.keys = keys
    self.help = help
    self.hint = hint
    self.offer = offer
    self.perform = perform
  }
}

/// Ctrl-Z, in every screen's help: the loop stops the program before any screen sees the key,
/// as a shell's job control expects, so the action itself never runs.
func suspend<State>(_: State.Type) -> ScreenAction<State> {
  ScreenAction(name: "suspend", keys: [.control("z")], help: "Suspend to the shell; fg brings it back as it was", hint: nil) {
    _ in []
  }
}

/// A screen's actions in the order its help lists them, looked up by key.
public struct ActionTable<State>: Sendable {
  public let all: [ScreenAction<State>]
  private let byKey: [Key: Int]

  init(_ actions: [ScreenAction<State>]) {
    all = actions
    var byKey: [Key: Int] = [:]
    for (index, action) in actions.enumerated() { for key in action.keys where byKey[key] == nil { byKey[key] = index } }
    self.byKey = byKey
  }

  /// The action bound to `key`, if any.
  public func bound(to key: Key) -> ScreenAction<State>? {
    byKey[key].map { all[$0] }
  }

  /// The hint bar: every action that has a hint, in table order.
  public var hints: String { all.compactMap(\.hint).joined(separator: " ") }

  /// The keys offered for what is on screen, each with what it does there, in table order.
  func offered(in state: State) -> [(key: String, words: String)] {
    all.compactMap { action in action.offer(state).map { (action.keys.first?.label ?? "", $0) } }
  }

  /// The help overlay's rows: each action's keys and what it does.
  var helpRows: [(keys: String, help: String)] {
    all.map { ($0.keys.map(\.label).joined(separator: " "), $0.help) }
  }
}
