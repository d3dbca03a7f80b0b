import BreakthroughTestSupport
import Foundation
import Testing

@testable import TerminalKit

@Suite struct ThemeTests {
  static let packageThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("themes").path

  static func temporaryFolder() throws -> String {
    let folder = Scratch.url.appendingPathComponent("themes-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test(arguments: ["default", "light", "high-contrast", "solarized-dark", "mono"])
  func everyShippedThemeParses(_ name: String) throws {
    let library = ThemeLibrary(folders: [Self.packageThemes])
    let theme = try library.theme(name)
    #expect(theme.name == name)
    #expect(!theme.styles.isEmpty)
    #expect(library.available().map(\.name).contains(name))
  }

  @Test func extendsInheritsAndOverrides() throws {
    let folder = try Self.temporaryFolder()
    try "[text]\nfg = \"blue\"\nbold = true\n[kept]\nfg = 34\n".write(toFile: folder + "/base.toml", atomically: true, encoding: .utf8)
    try "extends = \"base\"\n[kept]\nfg = \"#ff0000\"\n".write(toFile: folder + "/child.toml", atomically: true, encoding: .utf8)
    let child = try ThemeLibrary(folders: [folder]).theme("child")
    #expect(child.style(for: .text) == RoleStyle(foreground: .indexed(4), isBold: true))
    #expect(child.style(for: .kept).foreground == .rgb(red: 255, green: 0, blue: 0))
    #expect(child.style(for: .countdown) == child.style(for: .text), "unset roles look like text")
  }

  @Test func aBrokenFileNamesFileLineAndKey() throws {
    let folder = try Self.temporaryFolder()
    let path = folder + "/broken.toml"
    try "# a theme\n[text]\nfg = \"white\"\n\n[overdue]\nbold = true\nfg = \"blurple\"\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: ThemeError.self) { try ThemeLibrary(folders: [folder]).theme("broken") }
    let badColour = #expect(throws: ThemeError.self) { try ThemeLibrary(folders: [folder]).theme(path) }
    #expect(badColour?.description.hasPrefix("\(path):7: overdue.fg: \"blurple\" is not a colour") == true)
    try "[text]\nfg = = 3\n".write(toFile: path, atomically: true, encoding: .utf8)
    let badSyntax = #expect(throws: ThemeError.self) { try ThemeLibrary(folders: [folder]).theme(path) }
    #expect(badSyntax?.description.hasPrefix("\(path):2:") == true)
    try "[text]\nbold = \"yes\"\n".write(toFile: path, atomically: true, encoding: .utf8)
    let badFlag = #expect(throws: ThemeError.self) { try ThemeLibrary(folders: [folder]).theme(path) }
    #expect(badFlag?.description == "\(path):2: text.bold: must be true or false")
    #expect(throws: ThemeError.self) { try ThemeLibrary(folders: [folder]).theme("no-such-theme") }
  }

  @Test func extendingInACircleIsRefused() throws {
    let folder = try Self.temporaryFolder()
    try "extends = \"b\"\n".write(toFile: folder + "/a.toml", atomically: true, encoding: .utf8)
    try "extends = \"a\"\n".write(toFile: folder + "/b.toml", atomically: true, encoding: .utf8)
    #expect(throws: ThemeError.self) { try ThemeLibrary(folders: [folder]).theme("a") }
  }

  @Test func coloursMapToTheNearestTheTerminalOffers() {
    let orange = Colour("#ff8700")
    #expect(orange == .rgb(red: 255, green: 135, blue: 0))
    #expect(orange?.index(forTerminalWith: 256) == 208)
    #expect(orange?.index(forTerminalWith: 16) == 3, "xterm yellow (205, 205, 0) is nearest")
    #expect(orange?.index(forTerminalWith: 8) == 3)
    #expect(orange?.index(forTerminalWith: 0) == nil)
    #expect(Colour("bright-red")?.index(forTerminalWith: 256) == 9)
    #expect(Colour("bright-red")?.index(forTerminalWith: 8) == 1)
    #expect(Colour("208")?.index(forTerminalWith: 16) == 3)
    #expect(Colour("#000000")?.index(forTerminalWith: 256) == 0)
    #expect(Colour("default")?.index(forTerminalWith: 256) == nil)
    #expect(Colour("blurple") == nil)
    #expect(Colour("256") == nil)
  }
}
