import BreakthroughTestSupport
import Foundation
import Testing

/// `digest` and `export html` run as a person would: cron's silence on an empty day, one
/// person's digest on a team ledger, and the page drawn by a real browser.
@Suite struct DigestAndPageCommandTests {
  /// The date `offset` days from today in UTC (the runner's zone), for a by-when already past.
  static func day(_ offset: Int) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(Double(offset) * 86_400))
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
  }

  @Test("digest: a line per thing waiting, with its number; --quiet prints nothing when nothing waits, and exits 0")
  func digest() throws {
    let cli = BinaryRunner()
    try cli.run("declare", "Ship it", "--by", "+30d")
    try cli.run("promise", "Overdue \u{1B}[31mreport", "--to", "ben", "--by", Self.day(-2))
    try cli.run("promise", "Due today", "--to", "ben", "--by", "today")
    try cli.run("promise", "The budget", "--to", "ana", "--by", "+3d", as: "ben")
    try cli.run("done", "P3", as: "ben")
    try cli.run("request", "Lunch", "--of", "ana", "--by", "+3d", as: "cy")
    try cli.run("promise", "Owed to ana", "--to", "ana", "--by", Self.day(-1), as: "cy")
    let digest = try cli.run("digest")
    #expect(digest.status == 0)
    for line in [
      "  P1 to ben, due ", ", 2 days overdue: Overdue \\e[31mreport", "  P2 to ben, due today: Due today",
      "  P3 from ben, delivered ", "  R1 cy asks ana, by ", "  P4 from cy, due ",
    ] {
      #expect(digest.output.contains(line), "\(line) in \(digest.output)")
    }
    #expect(!digest.output.contains("\u{1B}"))
    let markdown = try cli.run("digest", "--format", "markdown")
    #expect(markdown.status == 0 && markdown.output.hasPrefix("# What waits on ana, "))
    let forBen = try cli.run("digest", "--for", "ben")
    #expect(forBen.status == 0 && forBen.output.contains("Owed to you, overdue\n  P1 from ana"))

    let quiet = try cli.run("digest", "--quiet", "--for", "dan")
    #expect(quiet.status == 0 && quiet.rawOutput.isEmpty && quiet.rawErrors.isEmpty)
    let empty = try cli.run("digest", "--for", "dan")
    #expect(empty.status == 0 && empty.output.hasSuffix("\nNothing waits on you.\n"))
    let json = try cli.run("digest", "--quiet", "--format", "json")
    let object = try #require(try JSONSerialization.jsonObject(with: json.rawOutput) as? [String: Any])
    #expect((object["overdue"] as? [[String: Any]])?.first?["number"] as? String == "P1")
  }

  @Test(
    "digest on a team ledger is only your own",
    .needs(.postgreSQL))
  func digestOnTeamLedger() throws {
    let team = try TeamSetup()
    #expect(try team.run(["promise", "For ben", "--to", "ben", "--by", Self.day(-1)], as: "ana").status == 0)
    let own = try team.run(["digest"], as: "ben")
    #expect(own.status == 0 && own.output.contains("P1 from ana"), "\(own.errors)")
    let other = try team.run(["digest", "--for", "ana"], as: "ben")
    #expect(other.status != 0 && other.errors.contains("a team ledger's digest is only your own: you are ben there"))
    #expect(other.output.isEmpty)
  }

  @Test("export html -o writes a page a headless browser draws (where chromium is installed)")
  func pageInBrowser() throws {
    let cli = BinaryRunner()
    try cli.run("declare", "Ship it <b>now</b>", "--by", "+30d", "--measure", "Users say \"yes\"")
    try cli.run("promise", "<script>alert(1)</script>", "--to", "ben", "--by", Self.day(-2))
    try cli.run("promise", "Draft", "--to", "ben", "--by", "+2d")
    let folder = Scratch.directory + "page-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let written = try cli.run("export", "html", "-o", folder + "/page.html")
    #expect(written.status == 0 && written.output.isEmpty)
    let html = try #require(try? String(contentsOfFile: folder + "/page.html", encoding: .utf8))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script"))
    let chromium = "/usr/bin/chromium"
    guard OptionalProgram.isPresent(chromium, for: "the page in a browser", package: "chromium") else { return }
    let shot = folder + "/page.png"
    let arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder)/profile", "--window-size=412,900",
      "--screenshot=\(shot)", "file://\(folder)/page.html",
    ]
    let drawn = try Spawn.run(chromium, arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": folder])
    #expect(drawn.status == 0, "\(String(decoding: drawn.errors, as: UTF8.self))")
    let png = FileManager.default.contents(atPath: shot) ?? Data()
    #expect(png.count > 1_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG of \(png.count) bytes")
  }
}
