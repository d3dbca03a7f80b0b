import Foundation

/// The real Taskwarrior (Debian's `taskwarrior`, which `.ci/run` installs), with its data in a
/// folder of its own: what a test imports is what `task export` really writes.
public struct Taskwarrior {
  public let folder: String
  let program: String

  public struct Failed: Error, CustomStringConvertible {
    public let description: String
  }

  public init() throws {
    program = try Prerequisite.taskwarrior.located()
    folder = Scratch.directory + "taskwarrior-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
    try Data("data.location=\(folder)/data\nconfirmation=off\nverbose=nothing\nrecurrence.confirmation=off\nrecurrence=off\n".utf8)
      .write(to: URL(fileURLWithPath: folder + "/taskrc"))
  }

  /// Runs `task ARGUMENTS`; returns what it printed.
  @discardableResult
  public func run(_ arguments: String...) throws -> String {
    var environment = ["TASKRC": folder + "/taskrc", "TASKDATA": folder + "/data", "TZ": "UTC", "HOME": folder, "LANG": "C.UTF-8"]
    // A clock set elsewhere for the whole run (faketime's preloaded library) is Taskwarrior's too.
    for (name, value) in ProcessInfo.processInfo.environment where name == "LD_PRELOAD" || name.hasPrefix("FAKETIME") {
      environment[name] = value
    }
    let finished = try Spawn.run(program, arguments, environment: environment)
    guard finished.status == 0 else {
      throw Failed(description: "task \(arguments.joined(separator: " ")) failed: \(String(decoding: finished.errors, as: UTF8.self))")
    }
    return String(decoding: finished.output, as: UTF8.self)
  }

  /// A task list with one of each: pending with and without a due date or time, waiting,
  /// completed, deleted, recurring (template and instance), unicode, annotations and a dependency.
  /// Whatever the day it runs, it is the same list: every date is given (but the annotation's,
  /// which Taskwarrior stamps and no test reads), and Taskwarrior's recurrence is off, so the one
  /// instance of the recurring task is imported as Taskwarrior makes it, not made or expired by
  /// the clock.
  public func fillWithEveryKind() throws {
    try run(
      "add", "Write the report, with \"quotes\"; and commas", "due:2026-12-10", "project:home", "+alpha", "+beta", "entry:2026-12-01T09:00")
    try run("add", "Ship v2 ☃ 李娜 🎉", "due:2026-12-11T17:30", "entry:2026-12-01T09:01")
    try run("add", "No due date", "entry:2026-12-01T09:02")
    try run("add", "Waiting one", "due:2026-12-20", "wait:2026-12-15", "entry:2026-12-01T09:03")
    try run("add", "Finished one", "due:2026-12-31", "entry:2026-12-01T09:04")
    try run("add", "Finished late", "due:2026-11-01", "entry:2026-10-01T09:05")
    try run("add", "Thrown away", "due:2026-12-01", "entry:2026-12-01T09:06")
    try run("add", "Weekly review", "due:2026-12-07", "recur:weekly", "entry:2026-12-01T09:07")
    let template = try run("_get", "8.uuid").trimmingCharacters(in: .whitespacesAndNewlines)
    let instance = """
      {"uuid":"7b2a34a4-6a0e-4c59-9f6c-1d6e5b0e0001","description":"Weekly review","status":"pending",\
      "entry":"20261201T090700Z","due":"20261207T000000Z","recur":"weekly","parent":"\(template)","imask":0}
      """
    try Data(instance.utf8).write(to: URL(fileURLWithPath: folder + "/instance.json"))
    try run("import", folder + "/instance.json")
    try run("description:Write the report, with \"quotes\"; and commas", "annotate", "call ben first")
    let first = try run("_get", "1.uuid").trimmingCharacters(in: .whitespacesAndNewlines)
    try run("description:Ship v2 ☃ 李娜 🎉", "modify", "depends:\(first)")
    try run("description:Finished one", "done")
    try run("description:Finished one", "modify", "end:2026-12-05T10:00")
    try run("description:Finished late", "done")
    try run("description:Finished late", "modify", "end:2026-12-05T10:00")
    try run("description:Thrown away", "delete")
  }

  /// `task export`.
  public func export() throws -> Data {
    Data(try run("export").utf8)
  }
}
