/// How one role looks.
public struct RoleStyle: Equatable, Sendable {
  public var foreground: Colour?
  public var background: Colour?
  public var isBold = false
  public var isDim = false
  public var isUnderlined = false
  public var isReversed = false

  public init(
    foreground: Colour? = nil, background: Colour? = nil, isBold: Bool = false, isDim: Bool = false,
    isUnderlined: Bool = false, isReversed: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.isBold = isBold
    self.isDim = isDim
    self.isUnderlined = isUnderlined
    self.isReversed = isReversed
  }
}

/// A table from roles to styles, with a name. Roles it does not set look like `text`.
public struct Theme: Equatable, Sendable {
  public let name: String
  public var styles: [Role: RoleStyle]

  public init(name: String, styles: [Role: RoleStyle]) {
    self.name = name
    self.styles = styles
  }

  public func style(for role: Role) -> RoleStyle {
    styles[role] ?? styles[.text] ?? RoleStyle()
  }
}
