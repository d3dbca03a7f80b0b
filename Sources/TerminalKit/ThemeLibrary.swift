import Foundation

/// Finds themes by name or path: a path, then `$XDG_CONFIG_HOME/breakthrough/themes`, then
/// `share/breakthrough/themes` beside an installed binary (`/usr/local/bin/../share/…`), then the
/// package's `themes/` folder, then the built-in default (so a lone binary always works).
public struct ThemeLibrary: Sendable {
  /// Folders searched for `NAME.toml`, in order.
  public let folders: [String]

  public init(environment: [String: String]) {
    let configHome =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (environment["HOME"] ?? ".") + "/.config"
    folders = [configHome + "/breakthrough/themes", ThemeLibrary.installedThemesFolder, ThemeLibrary.packageThemesFolder]
  }

  public init(folders: [String]) {
    self.folders = folders
  }

  /// `../share/breakthrough/themes` from the folder of the running binary, as installed.
  static let installedThemesFolder: String = {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("share/breakthrough/themes").path
  }()

  /// The `themes/` folder of the package this binary was built from.
  static let packageThemesFolder: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("themes").path
  }()

  /// The theme that `nameOrPath` names; nil or "default" without a file gives the built-in one.
  public func theme(_ nameOrPath: String?) throws(ThemeError) -> Theme {
    try theme(nameOrPath ?? "default", visiting: [])
  }

  /// Every theme that can be named: name and file (nil for the built-in).
  public func available() -> [(name: String, file: String?)] {
    var found: [(String, String?)] = [("default", nil)]
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
    for file in candidates where FileManager.default.fileExists(atPath: file) {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw ThemeError(file: file, line: nil, key: nil, "cannot be read (check its permissions)")
      }
      let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
      return try ThemeParser.parse(String(decoding: data, as: UTF8.self), name: name, file: file) { (parent) throws(ThemeError) in
        try theme(parent, visiting: visiting.union([nameOrPath]))
      }
    }
    if nameOrPath == "default" { return BuiltInTheme.theme }
    let names = available().map(\.name).joined(separator: ", ")
    throw ThemeError(
      file: nameOrPath, line: nil, key: nil,
      isPath ? "no such theme file" : "no theme of that name; the themes are: \(names) (or give a path to a .toml file)")
  }
}
