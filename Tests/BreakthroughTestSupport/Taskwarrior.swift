import Foundation

/// The real Taskwarrior (Debian's `taskwarrior`, which `.ci/run` installs), with its data in a
/// folder of its own: what a test imports is what `task export` really writes.
public struct Taskwarrior {
  public let folder: String

  public struct Failed: Error, CustomStringConvertible {
    public let description: String
  }

  public init() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/task") else {
      throw Failed(description: "Taskwarrior is missing: apt-get install taskwarrior")
    }
    folder = NSTemporaryDirectory() + "taskwarrior-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
    try Data("data.location=\(folder)/data\nconfirmation=off\nverbose=nothing\nrecurrence.confirmation=off\n".utf8)
      .write(to: URL(fileURLWithPath: folder + "/taskrc"))
  }

  /// Runs `task ARGUMENTS`; returns what it printed.
  @discardableResult
  public func run(_ arguments: String...) throws -> String {
    let environment = ["TASKRC": folder + "/taskrc", "TASKDATA": folder + "/data", "TZ": "UTC", "HOME": folder, "LANG": "C.UTF-8"]
    let finished = try Spawn.run("/usr/bin/task", arguments, environment: environment)
    guard finished.status == 0 else {
      throw Failed(description: "task \(arguments.joined(separator: " ")) failed: \(String(decoding: finished.errors, as: UTF8.self))")
    }
    return String(decoding: finished.output, as: UTF8.self)
  }

  /// A task list with one of each: pending with and without a due date or time, waiting,
  /// completed, deleted, recurring (template and instance), unicode, annotations and a dependency.
  public func fillWithEveryKind() throws {
    try run("add", "Write the report, with \"quotes\"; and commas", "due:2026-12-10", "project:home", "+alpha", "+beta")
    try run("add", "Ship v2 ☃ 李娜 🎉", "due:2026-12-11T17:30")
    try run("add", "No due date")
    try run("add", "Waiting one", "due:2026-12-20", "wait:2026-12-15")
    try run("add", "Finished one", "due:2026-12-31")
    try run("add", "Finished late", "due:2026-11-01")
    try run("add", "Thrown away", "due:2026-12-01")
    try run("add", "Weekly review", "due:2026-12-07", "recur:weekly", "until:2026-12-10")
    try run("description:Write the report, with \"quotes\"; and commas", "annotate", "call ben first")
    let first = try run("_get", "1.uuid").trimmingCharacters(in: .whitespacesAndNewlines)
    try run("description:Ship v2 ☃ 李娜 🎉", "modify", "depends:\(first)")
    try run("description:Finished one", "done")
    try run("description:Finished late", "done")
    try run("description:Thrown away", "delete")
  }

  /// `task export`.
  public func export() throws -> Data {
    Data(try run("export").utf8)
  }
}
