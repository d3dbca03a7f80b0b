/// The default theme, built in so that a lone binary works; `themes/default.toml` says the same.
enum BuiltInTheme {
  static let text = """
    # Breakthrough's default theme: light text on the terminal's own dark background.
    [text]
    fg = "default"
    [dim]
    fg = "bright-black"
    [border]
    fg = "bright-black"
    [border-focus]
    fg = "cyan"
    bold = true
    [title]
    fg = "bright-white"
    bold = true
    [selection]
    reverse = true
    [header]
    fg = "bright-yellow"
    bold = true
    [hint]
    fg = "bright-black"
    [error]
    fg = "bright-red"
    bold = true
    [input]
    fg = "bright-white"
    underline = true
    [overdue]
    fg = "bright-red"
    bold = true
    [due-soon]
    fg = "yellow"
    [kept]
    fg = "green"
    [not-kept]
    fg = "red"
    [delivered]
    fg = "cyan"
    [at-risk]
    fg = "yellow"
    bold = true
    [off-track]
    fg = "bright-red"
    [countdown]
    fg = "bright-yellow"
    bold = true
    """

  static let theme: Theme = {
    (try? ThemeParser.parse(text, name: "default", file: "built-in default") { (name) throws(ThemeError) in
      throw ThemeError(file: "built-in default", line: nil, key: "extends", "cannot extend \(name)")
    }) ?? Theme(name: "default", styles: [:])
  }()
}
