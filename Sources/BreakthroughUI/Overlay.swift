/// What stands over the board and takes the keys while it is open.
enum Overlay: Sendable {
  case help(scroll: Int)
  case detail(promiseID: String)
  case form(Form)
  case menu(AccountMenu)
  case conversations(ConversationList)
}
