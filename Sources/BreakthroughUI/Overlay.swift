/// What stands over the board and takes the keys while it is open.
enum Overlay: Sendable {
  case help
  case detail(promiseID: String)
  case form(Form)
  case menu(AccountMenu)
}
