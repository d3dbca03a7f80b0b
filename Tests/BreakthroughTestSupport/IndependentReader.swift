import Foundation

/// Reads what the program wrote with someone else's parser: Debian's Python with its packages
/// (python3-icalendar, python3-markdown-it), which `.ci/run` installs. A missing reader fails
/// the test that needs it, with what to install.
public enum IndependentReader {
  /// Debian's interpreter, where the Debian packages are, whatever `python3` is first on the PATH.
  public static let python = "/usr/bin/python3"

  public struct Failed: Error, CustomStringConvertible {
    public let description: String
  }

  /// Runs `script` with the path of a file holding `input` as `sys.argv[1]`; returns what it prints.
  public static func python(_ script: String, input: Data) throws -> String {
    let path = NSTemporaryDirectory() + "reader-\(UUID().uuidString)"
    try input.write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    guard FileManager.default.isExecutableFile(atPath: python) else {
      throw Failed(description: "\(python) is missing: install Debian's python3 (apt-get install python3)")
    }
    let finished = try Spawn.run(python, ["-c", script, path], environment: ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
    guard finished.status == 0 else {
      throw Failed(description: "the reader failed (\(finished.status)): \(String(decoding: finished.errors, as: UTF8.self))")
    }
    return String(decoding: finished.output, as: UTF8.self)
  }

  /// The same, for a script that prints JSON, parsed.
  public static func pythonJSON(_ script: String, input: Data) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(try python(script, input: input).utf8), options: [.fragmentsAllowed])
  }
}
