import BreakthroughTestSupport
import Foundation
import Testing

/// An installed binary finds the themes installed beside it: `PREFIX/bin/breakthrough` reads
/// `PREFIX/share/breakthrough/themes`.
@Suite struct InstalledThemesTests {
  @Test func anInstalledBinaryFindsTheThemesBesideIt() throws {
    // Beside the build, so that the binary can be hard-linked in: a copy being written while
    // another test starts a process could be held open in it, and then cannot be run.
    let prefix = BinaryRunner.executable.deletingLastPathComponent().path + "/prefix-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: prefix + "/share/breakthrough/themes", withIntermediateDirectories: true)
    try FileManager.default.linkItem(atPath: BinaryRunner.executable.path, toPath: prefix + "/bin/breakthrough")
    try "[overdue]\nfg = \"red\"\n".write(
      toFile: prefix + "/share/breakthrough/themes/installed-here.toml", atomically: true, encoding: .utf8)
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CONFIG_HOME"] = prefix + "/config"
    let listed = try Spawn.run(prefix + "/bin/breakthrough", ["themes"], environment: environment)
    #expect(listed.status == 0)
    #expect(String(decoding: listed.output, as: UTF8.self).contains("installed-here"))
  }

  @Test func aLoneBinaryHasEveryShippedTheme() throws {
    let prefix = BinaryRunner.executable.deletingLastPathComponent().path + "/lone-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
    try FileManager.default.linkItem(atPath: BinaryRunner.executable.path, toPath: prefix + "/bin/breakthrough")
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CONFIG_HOME"] = prefix + "/config"
    let listed = try Spawn.run(prefix + "/bin/breakthrough", ["themes"], environment: environment)
    #expect(listed.status == 0)
    let lines = String(decoding: listed.output, as: UTF8.self).split(separator: "\n")
    for name in ["default", "high-contrast", "light", "mono", "solarized-dark"] {
      #expect(lines.contains { $0.hasPrefix(name + " ") && $0.hasSuffix("(built in)") }, "\(name) in \(lines)")
    }
    // Into a file, not a terminal: the samples are words, with no escape sequence, not even bold.
    #expect(!listed.output.contains(0x1B), "\(lines)")
  }
}
