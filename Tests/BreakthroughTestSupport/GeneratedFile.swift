import Foundation

/// A file of the repository that the code generates (the built-in themes' text, `docs/KEYS.md`):
/// a test makes it afresh and compares. With BREAKTHROUGH_RECORD_GOLDEN=1 it is written
/// instead, and still reported, so that a recording is never mistaken for a pass.
public enum GeneratedFile {
  /// The repository's root folder.
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Nil when `path` (from the repository's root) holds exactly `text`; else what differs, and
  /// how to bring it up to date.
  public static func difference(_ path: String, from text: String) -> String? {
    let url = root.appendingPathComponent(path)
    if ProcessInfo.processInfo.environment["BREAKTHROUGH_RECORD_GOLDEN"] == "1" {
      do {
        try Data(text.utf8).write(to: url)
        return "recorded \(path): read the diff, then run again without BREAKTHROUGH_RECORD_GOLDEN"
      } catch {
        return "could not record \(path): \(error)"
      }
    }
    guard let stored = FileManager.default.contents(atPath: url.path) else {
      return "\(path) is missing: make it with BREAKTHROUGH_RECORD_GOLDEN=1 swift test"
    }
    let lines = String(decoding: stored, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let made = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines != made else { return nil }
    let first = zip(lines, made).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(lines.count, made.count)
    let was = first < lines.count ? String(lines[first]) : "(the end)"
    let now = first < made.count ? String(made[first]) : "(the end)"
    return """
      \(path) is stale at line \(first + 1): it has "\(was)", the code makes "\(now)"; \
      bring it up to date with BREAKTHROUGH_RECORD_GOLDEN=1 swift test
      """
  }
}
