import Foundation
import TOMLKit

/// The person's settings in `$XDG_CONFIG_HOME/breakthrough/config.toml` (`~/.config/…`):
/// `theme = "light"`, `store = "postgres://…"`.
public enum ConfigFile {
  /// The text setting `key`, if the file exists and sets it.
  public static func value(_ key: String, environment: [String: String]) -> String? {
    table(environment)?[key]?.string
  }

  /// A true or false setting (`mouse = false`), if the file has it.
  public static func flag(_ key: String, environment: [String: String]) -> Bool? {
    table(environment)?[key]?.bool
  }

  private static func table(_ environment: [String: String]) -> TOMLTable? {
    let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (environment["HOME"] ?? ".") + "/.config"
    guard let data = FileManager.default.contents(atPath: configHome + "/breakthrough/config.toml") else { return nil }
    return try? TOMLTable(string: String(decoding: data, as: UTF8.self))
  }
}
