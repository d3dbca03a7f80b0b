import Foundation
import Testing

/// Golden files beside the tests: the output is compared byte for byte. With
/// BREAKTHROUGH_RECORD_GOLDEN=1 the file is written instead, and the test fails so that a
/// recording is never mistaken for a pass.
enum Golden {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["BREAKTHROUGH_RECORD_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
      Issue.record("recorded \(name); run again without BREAKTHROUGH_RECORD_GOLDEN to check it", sourceLocation: sourceLocation)
      return
    }
    let expected = try #require(
      FileManager.default.contents(atPath: url.path), "no golden file \(name): record it with BREAKTHROUGH_RECORD_GOLDEN=1")
    #expect(String(decoding: expected, as: UTF8.self) == text, "differs from \(name)", sourceLocation: sourceLocation)
  }
}
