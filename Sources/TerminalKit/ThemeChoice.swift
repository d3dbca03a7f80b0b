import Foundation
import TOMLKit

extension ThemeLibrary {
  /// The theme a person asked for: `--theme`, else `BREAKTHROUGH_THEME`, else `theme = "…"` in
  /// `$XDG_CONFIG_HOME/breakthrough/config.toml`, else `fallback`.
  public static func chosenTheme(option: String?, environment: [String: String], fallback: String = "default") -> String {
    if let option, !option.isEmpty { return option }
    if let named = environment["BREAKTHROUGH_THEME"], !named.isEmpty { return named }
    return ConfigFile.value("theme", environment: environment) ?? fallback
  }

  /// True unless `NO_COLOR` is set to something (https://no-color.org).
  public static func allowsColour(environment: [String: String]) -> Bool {
    (environment["NO_COLOR"] ?? "").isEmpty
  }
}

extension RoleStyle {
  /// The ANSI escape that starts this style on a terminal with `colours` colours, for lines
  /// printed outside the full screen (`breakthrough themes`).
  public func ansiPrefix(colours: Int) -> String {
    var codes: [String] = []
    if isBold { codes.append("1") }
    if isDim { codes.append("2") }
    if isUnderlined { codes.append("4") }
    if isReversed { codes.append("7") }
    if let index = foreground?.index(forTerminalWith: colours) { codes.append("38;5;\(index)") }
    if let index = background?.index(forTerminalWith: colours) { codes.append("48;5;\(index)") }
    return codes.isEmpty ? "" : "\u{1B}[" + codes.joined(separator: ";") + "m"
  }
}
