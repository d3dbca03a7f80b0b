import BreakthroughTestSupport
import Foundation
import Testing

@testable import TerminalKit

/// The themes the binary carries are the files in `themes/`, byte for byte: the Swift file that
/// holds them is made from those files, and this test fails when the two drift apart.
@Suite struct BuiltInThemeFilesTests {
  static let themesFolder = GeneratedFile.root.appendingPathComponent("themes").path

  /// The Swift source that carries every `themes/*.toml` file's text.
  static func source() throws -> String {
    let files = try FileManager.default.contentsOfDirectory(atPath: themesFolder).filter { $0.hasSuffix(".toml") }.sorted()
    var lines = [
      "// Generated from themes/*.toml by BuiltInThemeFilesTests: edit the .toml file, then run",
      "// BREAKTHROUGH_RECORD_GOLDEN=1 swift test --filter BuiltInThemeFilesTests.",
      "",
      "extension BuiltInThemes {",
      "  /// Each shipped theme's file, as `themes/NAME.toml` holds it, by name.",
      "  static let files: [String: String] = [",
    ]
    for file in files {
      let text = try String(contentsOfFile: themesFolder + "/" + file, encoding: .utf8)
      lines.append("    \"\(file.dropLast(5))\": \"\"\"")
      lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }
      lines.append("    \"\"\",")
    }
    return (lines + ["  ]", "}", ""]).joined(separator: "\n")
  }

  @Test func theSwiftFileCarriesEveryThemeFileAsItIs() throws {
    let difference = GeneratedFile.difference("Sources/TerminalKit/BuiltInThemeFiles.swift", from: try Self.source())
    #expect(difference == nil, "\(difference ?? "")")
  }

  @Test func everyThemeFileIsBuiltInWithTheSameText() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder).filter { $0.hasSuffix(".toml") }
    #expect(Set(files.map { String($0.dropLast(5)) }) == Set(BuiltInThemes.files.keys))
    for file in files {
      let text = try String(contentsOfFile: Self.themesFolder + "/" + file, encoding: .utf8)
      #expect(BuiltInThemes.files[String(file.dropLast(5))] == text, "\(file)")
    }
  }

  @Test(arguments: ["default", "light", "high-contrast", "solarized-dark", "mono"])
  func aLibraryWithoutFoldersHasEveryShippedTheme(_ name: String) throws {
    let lone = ThemeLibrary(folders: ["/nonexistent"])
    let shipped = try ThemeLibrary(folders: [Self.themesFolder]).theme(name)
    #expect(try lone.theme(name).styles == shipped.styles)
    #expect(lone.available().contains { $0.name == name && $0.file == nil })
  }

  @Test func aFileInAFolderComesBeforeTheBuiltInThemeOfItsName() throws {
    let folder = try ThemeTests.temporaryFolder()
    try "[text]\nfg = \"blue\"\n".write(toFile: folder + "/light.toml", atomically: true, encoding: .utf8)
    let library = ThemeLibrary(folders: [folder])
    #expect(try library.theme("light").style(for: .text) == RoleStyle(foreground: .indexed(4)))
    #expect(library.available().first { $0.name == "light" }?.file == folder + "/light.toml")
    #expect(try library.theme("high-contrast").styles == ThemeLibrary(folders: [Self.themesFolder]).theme("high-contrast").styles)
  }
}
