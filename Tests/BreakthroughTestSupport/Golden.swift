import Foundation
import Testing

/// Golden files beside the tests, for screens and other programs' formats alike: the text is
/// compared byte for byte with `folder/name`. With BREAKTHROUGH_RECORD_GOLDEN=1 the file is
/// written instead, and the test fails, as a snapshot library does, so that a recording is
/// read and never mistaken for a pass.
public enum Golden {
  public static func check(
    _ text: String, named name: String, in folder: URL, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["BREAKTHROUGH_RECORD_GOLDEN"] == "1" {
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        Issue.record("recorded Golden/\(name): read it, then run again without BREAKTHROUGH_RECORD_GOLDEN", sourceLocation: sourceLocation)
      } catch {
        Issue.record("could not record Golden/\(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let stored = FileManager.default.contents(atPath: url.path) else {
      Issue.record("no golden file \(name): record it with BREAKTHROUGH_RECORD_GOLDEN=1 and read it", sourceLocation: sourceLocation)
      return
    }
    #expect(String(decoding: stored, as: UTF8.self) == text, "differs from Golden/\(name):\n\(text)", sourceLocation: sourceLocation)
  }
}
