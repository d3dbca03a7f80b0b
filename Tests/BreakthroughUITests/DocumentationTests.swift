import BreakthroughTestSupport
import Foundation
import Testing

/// The README is a front door: short, its picture of the board the exact 80×24 golden screen,
/// and every link in it and in `docs/` leads to a file (and heading) that is there.
@Suite struct DocumentationTests {
  static let root = GeneratedFile.root

  static func text(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  static var documents: [String] {
    let docs = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)) ?? []
    return ["README.md", "CHANGELOG.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
  }

  /// The targets of `[words](target)` outside code blocks and code spans.
  static func links(in markdown: String) -> [String] {
    var inFence = false
    var found: [String] = []
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") { inFence.toggle() }
      if inFence { continue }
      let prose = line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        .joined(separator: " ")
      for match in prose.matches(of: /\]\(([^)\s]+)\)/) { found.append(String(match.output.1)) }
    }
    return found
  }

  /// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
  static func anchor(_ heading: String) -> String {
    String(
      heading.lowercased().compactMap { $0 == " " ? "-" : ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : nil })
  }

  static func anchors(in markdown: String) -> Set<String> {
    Set(markdown.split(separator: "\n").filter { $0.hasPrefix("#") }.map { anchor(String($0.drop { $0 == "#" }.dropFirst())) })
  }

  @Test func theReadmeIsAtMostTwoHundredLines() throws {
    let lines = try Self.text("README.md").split(separator: "\n", omittingEmptySubsequences: false).count - 1
    #expect(lines <= 200, "README.md has \(lines) lines")
  }

  @Test func theReadmesPictureIsTheGoldenBoardAt80By24() throws {
    let golden = try Self.text("Tests/BreakthroughUITests/Golden/demo-80x24.txt")
    #expect(try Self.text("README.md").contains("```text\n" + golden + "```\n"))
  }

  @Test(arguments: documents)
  func everyLinkLeadsSomewhere(_ document: String) throws {
    let folder = URL(fileURLWithPath: document).deletingLastPathComponent().relativePath
    for link in Self.links(in: try Self.text(document)) where !link.contains("://") && !link.hasPrefix("mailto:") {
      let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      let target = parts[0].isEmpty ? document : (folder == "." ? parts[0] : folder + "/" + parts[0])
      let path = Self.root.appendingPathComponent(target).standardized.path
      #expect(FileManager.default.fileExists(atPath: path), "\(document): \(link) leads to no file")
      if parts.count == 2, target.hasSuffix(".md"), let text = try? Self.text(target) {
        #expect(Self.anchors(in: text).contains(parts[1]), "\(document): \(link) leads to no heading")
      }
    }
  }

  @Test func aBrokenLinkOrAnchorIsFound() {
    #expect(Self.links(in: "see [the guide](docs/GUIDE.md#keys) and `[not](a-link)`\n```\n[nor](this)\n```\n") == ["docs/GUIDE.md#keys"])
    #expect(Self.anchor("Who may do what") == "who-may-do-what")
    #expect(Self.anchor("The board: `breakthrough`, `breakthrough demo`") == "the-board-breakthrough-breakthrough-demo")
  }
}
