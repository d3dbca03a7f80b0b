import ArgumentParser
import BreakthroughCore
import BreakthroughInterchange
import Foundation

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Bring promises in from another program.",
    subcommands: [TaskwarriorImportCommand.self])
}

struct TaskwarriorImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "taskwarrior",
    abstract: "Make promises of the tasks in a `task export` file; a dry run unless --yes.",
    discussion: """
      Pending and waiting tasks become open promises, made when the task was entered, due when it is due (a due time of \
      midnight or 23:59:59 means the day). Taskwarrior has no performer or customer: you make them, to --to. Completed tasks \
      come in only with --include-done (delivered and accepted when they ended); deleted tasks and recurring templates never. \
      Project, tags, annotations and dependencies go into a note. A task keeps its uuid, so importing again adds only what is new.

      Example: task export | breakthrough import taskwarrior - --to ben --yes
      """)

  @Argument(help: ArgumentHelp("The file `task export` wrote, or - for standard input.", valueName: "file")) var file: String
  @Option(help: ArgumentHelp("To whom the promises are made.", valueName: "handle"), completion: .handles) var to: String
  @Option(help: ArgumentHelp("Who makes them (else you: --as, $BREAKTHROUGH_USER, $USER).", valueName: "handle"), completion: .handles)
  var from: String?
  @Option(help: ArgumentHelp("The by-when of tasks without a due date (else they are left out).", valueName: "date")) var by: String?
  @Flag(help: "Also import completed tasks, as kept.") var includeDone = false
  @Flag(help: "Write the promises (without it, only show what would be imported).") var yes = false
  @OptionGroup var common: CommonOptions

  func run() throws {
    var options = common
    if let from { options.actor = from }
    let tasks = try readTasks()
    let session = try options.openSession()
    let customer = try Handle(to)
    let defaultBy = try by.map { try session.date($0) }
    let plan = TaskwarriorImport(
      tasks: tasks, options: .init(customer: customer, defaultBy: defaultBy, includeDone: includeDone), state: session.state,
      zone: session.zone)
    let performer = try session.context().actor
    var lines = ["\(source): \(tasks.count) \(tasks.count == 1 ? "task" : "tasks")."]
    let leftOut = TaskwarriorImport.Skip.allCases.compactMap { skip in plan.skipped[skip].map { "\($0) \(skip.rawValue)" } }
    if plan.promises.isEmpty {
      lines.append("Nothing to import" + (leftOut.isEmpty ? "." : ": left out " + leftOut.joined(separator: ", ") + "."))
      return lines.map(Escaping.forDisplay).forEach { print($0) }
    }
    if !yes {
      lines.append("Would import \(plan.promises.count), made by \(performer) to \(customer):")
      var table = TextTable(headers: ["", "BY", "WHAT"])
      table.rows = plan.promises.enumerated().map { offset, promise in
        ["P\(session.state.nextNumber + offset)", promise.by.description, promise.what + (promise.keptAt == nil ? "" : " (kept)")]
      }
      lines += table.lines().dropFirst().map { "  " + $0 }
    }
    if !leftOut.isEmpty { lines.append("Left out: " + leftOut.joined(separator: ", ") + ".") }
    if !yes { lines.append("Nothing was written: run again with --yes to import.") }
    lines.map(Escaping.forDisplay).forEach { print($0) }
    if yes { try session.perform(.importPromises(plan.promises)) }
  }

  private var source: String { file == "-" ? "standard input" : file }

  private func readTasks() throws -> [TaskwarriorTask] {
    let data: Data
    if file == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      guard let read = FileManager.default.contents(atPath: (file as NSString).expandingTildeInPath) else {
        let reason = FileManager.default.fileExists(atPath: file) ? "it cannot be read" : "there is no such file"
        throw CommandFailure("cannot read \(file): \(reason); give the file `task export` wrote, or - for standard input")
      }
      data = read
    }
    do {
      return try TaskwarriorTask.tasks(fromExport: Array(data))
    } catch {
      throw CommandFailure("\(source) is not a Taskwarrior export: \(error.description); nothing was imported")
    }
  }
}
