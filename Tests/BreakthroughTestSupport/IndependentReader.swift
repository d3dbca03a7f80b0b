import Foundation

/// Reads what the program wrote with someone else's parser: Python's `csv` module, or Debian's
/// Python with its packages (python3-icalendar, python3-markdown-it), which `.ci/run` installs.
/// A test that needs one says so (`.needs(.iCalendarReader)`); a missing one fails it, with
/// what to install.
public enum IndependentReader {
  public struct Failed: Error, CustomStringConvertible {
    public let description: String
  }

  /// Runs `script` with the path of a file holding `input` as `sys.argv[1]` in a Python that has
  /// `reader`; returns what it prints.
  public static func python(_ script: String, input: Data, reader: Prerequisite = .python) throws -> String {
    let python = try reader.located()
    let path = Scratch.directory + "reader-\(UUID().uuidString)"
    try input.write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let finished = try Spawn.run(python, ["-c", script, path], environment: ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
    guard finished.status == 0 else {
      throw Failed(description: "the reader failed (\(finished.status)): \(String(decoding: finished.errors, as: UTF8.self))")
    }
    return String(decoding: finished.output, as: UTF8.self)
  }

  /// The same, for a script that prints JSON, parsed.
  public static func pythonJSON(_ script: String, input: Data, reader: Prerequisite = .python) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(try python(script, input: input, reader: reader).utf8), options: [.fragmentsAllowed])
  }
}
