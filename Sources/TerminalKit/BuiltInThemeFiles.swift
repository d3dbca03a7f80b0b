// Generated from themes/*.toml by BuiltInThemeFilesTests: edit the .toml file, then run
// BREAKTHROUGH_RECORD_GOLDEN=1 swift test --filter BuiltInThemeFilesTests.

extension BuiltInThemes {
  /// Each shipped theme's file, as `themes/NAME.toml` holds it, by name.
  static let files: [String: String] = [
    "default": """
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

    """,
    "high-contrast": """
    # For the wall at the standing meeting: bold, bright, readable from across the room.
    extends = "default"
    [text]
    fg = "bright-white"
    bold = true
    [dim]
    fg = "white"
    [border]
    fg = "white"
    [title]
    fg = "bright-white"
    bold = true
    underline = true
    [header]
    fg = "bright-yellow"
    bold = true
    [overdue]
    fg = "bright-white"
    bg = "red"
    bold = true
    [due-soon]
    fg = "bright-yellow"
    bold = true
    [kept]
    fg = "bright-green"
    bold = true
    [at-risk]
    fg = "black"
    bg = "bright-yellow"
    [off-track]
    fg = "bright-white"
    bg = "red"
    [countdown]
    fg = "bright-yellow"
    bold = true

    """,
    "light": """
    # For terminals with a light background: dark text, deeper colours.
    extends = "default"
    [text]
    fg = "black"
    [dim]
    fg = 244
    [border]
    fg = 245
    [title]
    fg = "black"
    bold = true
    [header]
    fg = "blue"
    bold = true
    [hint]
    fg = 242
    [input]
    fg = "black"
    underline = true
    [overdue]
    fg = "#c00000"
    bold = true
    [due-soon]
    fg = "#a05a00"
    [kept]
    fg = "#007000"
    [at-risk]
    fg = "#a05a00"
    bold = true
    [countdown]
    fg = "blue"
    bold = true

    """,
    "mono": """
    # No colour at all: meaning rides on words, glyphs and attributes.
    [text]
    fg = "default"
    [dim]
    dim = true
    [border]
    dim = true
    [border-focus]
    bold = true
    [title]
    bold = true
    [selection]
    reverse = true
    [header]
    bold = true
    [hint]
    dim = true
    [error]
    bold = true
    underline = true
    [input]
    underline = true
    [overdue]
    bold = true
    underline = true
    [due-soon]
    bold = true
    [at-risk]
    bold = true
    [off-track]
    bold = true
    underline = true
    [countdown]
    bold = true

    """,
    "solarized-dark": """
    # Solarized dark (Ethan Schoonover's palette), mapped to the nearest colours the terminal has.
    extends = "default"
    [text]
    fg = "#839496"
    bg = "#002b36"
    [dim]
    fg = "#586e75"
    bg = "#002b36"
    [border]
    fg = "#586e75"
    bg = "#002b36"
    [border-focus]
    fg = "#268bd2"
    bg = "#002b36"
    bold = true
    [title]
    fg = "#93a1a1"
    bg = "#002b36"
    bold = true
    [header]
    fg = "#b58900"
    bg = "#002b36"
    bold = true
    [hint]
    fg = "#586e75"
    bg = "#002b36"
    [input]
    fg = "#eee8d5"
    bg = "#073642"
    [selection]
    fg = "#fdf6e3"
    bg = "#073642"
    reverse = false
    [overdue]
    fg = "#dc322f"
    bg = "#002b36"
    bold = true
    [due-soon]
    fg = "#cb4b16"
    bg = "#002b36"
    [kept]
    fg = "#859900"
    bg = "#002b36"
    [not-kept]
    fg = "#d33682"
    bg = "#002b36"
    [delivered]
    fg = "#2aa198"
    bg = "#002b36"
    [at-risk]
    fg = "#b58900"
    bg = "#002b36"
    bold = true
    [off-track]
    fg = "#dc322f"
    bg = "#002b36"
    [countdown]
    fg = "#268bd2"
    bg = "#002b36"
    bold = true
    [error]
    fg = "#dc322f"
    bg = "#002b36"
    bold = true

    """,
  ]
}
