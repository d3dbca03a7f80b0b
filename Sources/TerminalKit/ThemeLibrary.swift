import Foundation

/// Finds themes by name or path: a path, then `$XDG_CONFIG_HOME/breakthrough/themes`, then
/// `share/breakthrough/themes` beside an installed binary (`/usr/local/bin/../share/…`), then the
/// themes built into the binary (so a lone copy of it has every shipped theme).
public struct ThemeLibrary: Sendable {
  /// Folders searched for `NAME.toml`, in order.
  public let folders: [String]

  public init(environment: [String: String]) {
    let configHome =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (environment["HOME"] ?? ".") + "/.config"
    folders = [configHome + "/breakthrough/themes", ThemeLibrary.installedThemesFolder]
  }

  public init(folders: [String]) {
    self.folders = folders
  }

  /// `../share/breakthrough/themes` from the folder of the running binary, as installed.
  static let installedThemesFolder: String = {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("share/breakthrough/themes").path
  }()

  /// The theme that `nameOrPath` names; a name no folder has a file for gives the built-in one.
  public func theme(_ nameOrPath: String?) throws(ThemeError) -> Theme {
    try theme(nameOrPath ?? "default", visiting: [])
  }

  /// Every theme that can be named: name and file (nil for a built-in one no folder overrides).
  public func available() -> [(name: String, file: String?)] {
    var found: [(String, String?)] = BuiltInThemes.names.map { ($0, nil) }
    for folder in folders {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      for file in files.sorted() where file.hasSuffix(".toml") {
        let name = String(file.dropLast(5))
        if let index = found.firstIndex(where: { $0.0 == name }) {
          if found[index].1 == nil { found[index].1 = folder + "/" + file }
        } else {
          found.append((name, folder + "/" + file))
        }
      }
    }
    return found
  }

  private func theme(_ nameOrPath: String, visiting: Set<String>) throws(ThemeError) -> Theme {
    guard !visiting.contains(nameOrPath) else {
      throw ThemeError(file: nameOrPath, line: nil, key: "extends", "themes extend each other in a circle")
    }
    let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml")
    let candidates = isPath ? [nameOrPath] : folders.map { "\($0)/\(nameOrPath).toml" }
    if let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw ThemeError(file: file, line: nil, key: nil, "cannot be read (check its permissions)")
      }
      let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
      return try parse(String(decoding: data, as: UTF8.self), name: name, file: file, visiting: visiting.union([nameOrPath]))
    }
    if !isPath, let text = BuiltInThemes.files[nameOrPath] {
      return try parse(text, name: nameOrPath, file: "built-in \(nameOrPath)", visiting: visiting.union([nameOrPath]))
    }
    let names = available().map(\.name).joined(separator: ", ")
    throw ThemeError(
      file: nameOrPath, line: nil, key: nil,
      isPath ? "no such theme file" : "no theme of that name; the themes are: \(names) (or give a path to a .toml file)")
  }

  private func parse(_ text: String, name: String, file: String, visiting: Set<String>) throws(ThemeError) -> Theme {
    try ThemeParser.parse(text, name: name, file: file) { (parent) throws(ThemeError) in try theme(parent, visiting: visiting) }
  }
}
