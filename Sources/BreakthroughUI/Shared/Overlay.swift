import BreakthroughCore

/// What stands over the board and takes the keys while it is open.
enum Overlay: Sendable {
  case help(scroll: Int)
  case detail(promiseID: String)
  case form(Form)
  case menu(AccountMenu)
  case conversations(ConversationList)
  /// A move chosen from a menu without a form waits for Enter or y: a stray key never records
  /// a public move unseen.
  case confirm(Move, question: String)
}
