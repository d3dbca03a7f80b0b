import Foundation
import Testing

/// A program a test needs that a machine may lack (a browser, curl). Without it the test
/// skips, saying so in one line; where it is required (`.ci/run` installs it and sets
/// `BREAKTHROUGH_REQUIRE_ALL=1`, as for every `Prerequisite`) that is a failure.
enum OptionalProgram {
  /// Whether `path` is there to run; if not, says what to install, as a skip or a failure.
  static func isPresent(_ path: String, for purpose: String, package: String) -> Bool {
    if FileManager.default.isExecutableFile(atPath: path) { return true }
    let missing = "\(path) is not installed (apt-get install \(package))"
    let environment = ProcessInfo.processInfo.environment
    if environment["BREAKTHROUGH_REQUIRE_ALL"] == "1" || environment["BREAKTHROUGH_REQUIRE_PROGRAMS"] == "1" {
      Issue.record("cannot test \(purpose): \(missing)")
    } else {
      print("skipping \(purpose): \(missing)")
    }
    return false
  }
}
