import Foundation
import TOMLKit

/// A theme file that cannot be used, naming the file, the line and the key.
public struct ThemeError: Error, CustomStringConvertible, Equatable {
  public let description: String

  init(file: String, line: Int?, key: String?, _ problem: String) {
    let place = line.map { "\(file):\($0)" } ?? file
    description = "\(place): " + (key.map { "\($0): " } ?? "") + problem
  }
}

/// Reads theme files: TOML with a table a role, keys `fg`, `bg`, `bold`, `dim`, `underline`,
/// `reverse`, and an optional top-level `extends = "other"`. Unknown keys are ignored so that
/// older builds can read newer themes; a value of the wrong kind is an error.
enum ThemeParser {
  static var flags: [(key: String, path: WritableKeyPath<RoleStyle, Bool>)] {
    [("bold", \.isBold), ("dim", \.isDim), ("underline", \.isUnderlined), ("reverse", \.isReversed)]
  }

  /// Parses `text` (from `file`) on top of the theme it extends, found through `parent`.
  static func parse(_ text: String, name: String, file: String, parent: (String) throws(ThemeError) -> Theme) throws(ThemeError) -> Theme {
    let table: TOMLTable
    do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
      throw ThemeError(file: file, line: error.source.begin.line, key: nil, error.description)
    } catch {
      throw ThemeError(file: file, line: nil, key: nil, "not TOML: \(error)")
    }
    var theme = Theme(name: name, styles: [:])
    if let extends = table["extends"] {
      guard let parentName = extends.string else {
        throw ThemeError(file: file, line: line(of: "extends", in: nil, text), key: "extends", "must be the name of a theme, in quotes")
      }
      theme.styles = try parent(parentName).styles
    }
    for role in Role.allCases {
      guard let entry = table[role.rawValue] else { continue }
      guard let roleTable = entry.table else {
        throw ThemeError(
          file: file, line: line(of: role.rawValue, in: nil, text), key: role.rawValue, "must be a table: [\(role.rawValue)]")
      }
      var style = theme.styles[role] ?? RoleStyle()
      for (key, path) in [("fg", \RoleStyle.foreground), ("bg", \RoleStyle.background)] {
        guard let value = roleTable[key] else { continue }
        guard let word = value.string ?? value.int.map(String.init), let colour = Colour(word) else {
          throw ThemeError(
            file: file, line: line(of: key, in: role.rawValue, text), key: "\(role.rawValue).\(key)",
            "\"\(value.string ?? "\(value)")\" is not a colour: use a name (red, bright-blue, default), 0–255, or #rrggbb")
        }
        style[keyPath: path] = colour
      }
      for (key, path) in flags {
        guard let value = roleTable[key] else { continue }
        guard let flag = value.bool else {
          throw ThemeError(
            file: file, line: line(of: key, in: role.rawValue, text), key: "\(role.rawValue).\(key)", "must be true or false")
        }
        style[keyPath: path] = flag
      }
      theme.styles[role] = style
    }
    return theme
  }

  /// The line where `key` is set, inside `[section]` when given (TOMLKit keeps no positions).
  static func line(of key: String, in section: String?, _ text: String) -> Int? {
    var current: String?
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("[") {
        current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        if section == nil, current == key { return offset + 1 }
        continue
      }
      let name = line.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces)
      if current == section, name == key { return offset + 1 }
    }
    return nil
  }
}
