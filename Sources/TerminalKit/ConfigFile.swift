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
    guard let bytes = contents(of: configHome + "/breakthrough/config.toml") else { return nil }
    return try? TOMLTable(string: String(decoding: bytes, as: UTF8.self))
  }

  /// The file's bytes, read with the C library: every command looks for this file, and
  /// `FileManager` cost a fifth of a millisecond to start up for it.
  private static func contents(of path: String) -> [UInt8]? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var piece = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = fread(&piece, 1, piece.count, file)
      guard count > 0 else { break }
      bytes += piece[0..<count]
    }
    return ferror(file) == 0 ? bytes : nil
  }
}
