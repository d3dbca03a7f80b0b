import BreakthroughCore
import Foundation

/// One task as `task export` writes it (Taskwarrior 2.x and later): the fields an import reads.
public struct TaskwarriorTask: Sendable {
  public enum Status: String, Sendable {
    case pending, waiting, completed, deleted, recurring
  }

  public let uuid: String
  public let description: String
  public let status: Status
  public let entry: Date
  public let due: Date?
  public let end: Date?
  public let project: String?
  public let tags: [String]
  public let annotations: [(entry: Date?, description: String)]
  public let depends: [String]

  /// Why a file is not a Taskwarrior export.
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  /// Reads the JSON array that `task export` writes.
  public static func tasks(fromExport bytes: [UInt8]) throws(Failure) -> [TaskwarriorTask] {
    let value: JSONValue
    do {
      value = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParser.Failure) in try JSONParser.parse(buffer) }
    } catch {
      throw Failure(description: "it is not JSON (\(error.reason) at byte \(error.offset)); `task export` writes a JSON array of tasks")
    }
    guard case .array(let items) = value else {
      throw Failure(description: "it is JSON but not an array of tasks, which is what `task export` writes")
    }
    var tasks: [TaskwarriorTask] = []
    for (offset, item) in items.enumerated() {
      do throws(Failure) { tasks.append(try TaskwarriorTask(item)) } catch {
        throw Failure(description: "task \(offset + 1) of \(items.count): \(error.description)")
      }
    }
    return tasks
  }

  init(_ value: JSONValue) throws(Failure) {
    guard case .object = value else { throw Failure(description: "it is not an object with a uuid, a description and a status") }
    func text(_ key: String) throws(Failure) -> String {
      guard let text = value[key]?.stringValue else { throw Failure(description: "it has no \"\(key)\"") }
      return text
    }
    func date(_ key: String) throws(Failure) -> Date? {
      guard let field = value[key] else { return nil }
      guard let text = field.stringValue, let date = Self.date(text) else {
        throw Failure(description: "\"\(key)\" is not a Taskwarrior date like 20261127T230000Z")
      }
      return date
    }
    uuid = try text("uuid")
    description = try text("description")
    let statusText = try text("status")
    guard let status = Status(rawValue: statusText) else {
      throw Failure(description: "its status \"\(Escaping.forDisplay(statusText))\" is not one Taskwarrior writes")
    }
    self.status = status
    guard let entry = try date("entry") else { throw Failure(description: "it has no \"entry\"") }
    self.entry = entry
    due = try date("due")
    end = try date("end")
    project = value["project"]?.stringValue
    if case .array(let tags)? = value["tags"] { self.tags = tags.compactMap(\.stringValue) } else { tags = [] }
    if case .array(let notes)? = value["annotations"] {
      annotations = notes.compactMap { note in
        note["description"]?.stringValue.map { (note["entry"]?.stringValue.flatMap(Self.date), $0) }
      }
    } else {
      annotations = []
    }
    // 2.6 writes an array; earlier versions one comma-separated string.
    switch value["depends"] {
    case .array(let ids)?: depends = ids.compactMap(\.stringValue)
    case .string(let list)?: depends = list.split(separator: ",").map { String($0) }
    default: depends = []
    }
  }

  /// `20261127T230000Z`, in UTC.
  static func date(_ text: String) -> Date? {
    let digits = Array(text.utf8)
    guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
    func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
    guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8), let hour = number(9..<11),
      let minute = number(11..<13), let second = number(13..<15), let calendarDay = CalendarDay(year: year, month: month, day: day),
      hour < 24, minute < 60, second < 61
    else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(calendarDay.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second))
  }
}
