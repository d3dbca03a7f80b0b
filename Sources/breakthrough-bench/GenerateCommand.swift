import ArgumentParser
import BreakthroughCore
import Foundation

/// Writes a generated ledger, and the same promises as a Taskwarrior import file.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a realistic ledger of N promises (and, with --taskwarrior, the same items for `task import`).")

  @Option(help: "How many promises.") var promises: Int
  @Option(help: "The ledger file to write.") var out: String
  @Option(help: "Also write the promises as a Taskwarrior import file (a JSON array).") var taskwarrior: String?

  func validate() throws {
    guard promises >= 1 else { throw ValidationError("--promises must be at least 1") }
  }

  func run() throws {
    let counts = try Self.write(promises: promises, ledger: out, taskwarrior: taskwarrior, now: Date())
    print(
      "wrote \(counts.lines) lines for \(promises) promises to \(out)" + (taskwarrior.map { " and \(counts.items) tasks to \($0)" } ?? ""))
  }

  /// Writes the files; returns how many ledger lines and tasks were written.
  static func write(promises: Int, ledger: String, taskwarrior: String?, now: Date) throws -> (lines: Int, items: Int) {
    let ledgerFile = try BufferedFile(path: ledger)
    let taskFile = try taskwarrior.map { try BufferedFile(path: $0) }
    taskFile?.write("[\n")
    var generator = LedgerGenerator(promises: promises, now: now, zone: .current)
    var lines = 0
    var items = 0
    generator.generate(
      line: { text in
        ledgerFile.write(text + "\n")
        lines += 1
      },
      item: { item in
        guard let taskFile else { return }
        taskFile.write((items == 0 ? "" : ",\n") + TaskwarriorItem.json(item))
        items += 1
      })
    taskFile?.write("\n]\n")
    try ledgerFile.close()
    try taskFile?.close()
    return (lines, items)
  }
}

/// A file written in large pieces: generating a million promises must not take a syscall a line.
final class BufferedFile {
  private let handle: FileHandle
  private var buffer: [UInt8] = []

  init(path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
      throw ValidationError("cannot write \(path)")
    }
    handle = try FileHandle(forWritingTo: url)
    buffer.reserveCapacity(1 << 20)
  }

  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 20 { flush() }
  }

  private func flush() {
    handle.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }

  func close() throws {
    flush()
    try handle.close()
  }
}

/// One promise as a Taskwarrior task: the same words, owner as a tag, due, status.
enum TaskwarriorItem {
  static func json(_ item: LedgerGenerator.Item) -> String {
    let hex = Array(item.id.padding(toLength: 32, withPad: "0", startingAt: 0))
    let uuid = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    var fields: [(String, JSONValue)] = [
      ("uuid", .string(uuid)), ("description", .string(item.what)), ("entry", .string(stamp(item.made))),
      ("due", .string(stamp(dueMoment(item.by)))), ("project", .string("breakthrough")), ("tags", .array([.string(item.performer.text)])),
      ("status", .string(item.closedAt == nil ? "pending" : item.isDone ? "completed" : "deleted")),
    ]
    if let closed = item.closedAt { fields.append(("end", .string(stamp(closed)))) }
    return JSONWriter.text(.object(fields))
  }

  /// Taskwarrior's ISO form, 20261127T120000Z.
  static func stamp(_ date: Date) -> String {
    Timestamp.text(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
      .replacingOccurrences(of: #"\.\d+"#, with: "", options: .regularExpression)
  }

  static func dueMoment(_ by: ByWhen) -> Date {
    Date(timeIntervalSince1970: Double(by.day.daysSinceEpoch) * 86_400 + 86_399)
  }
}
