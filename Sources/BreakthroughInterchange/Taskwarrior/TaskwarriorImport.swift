import BreakthroughCore
import Foundation

/// What an import of Taskwarrior tasks would make: the promises, in the order the tasks were
/// entered, and what was left out and why. Taskwarrior knows no performer or customer: the
/// person importing makes the promises, to `customer`.
public struct TaskwarriorImport {
  /// Why a task is not imported.
  public enum Skip: String, CaseIterable, Sendable {
    case alreadyInLedger = "already in the ledger"
    case done = "completed (add --include-done to import them as kept)"
    case noDue = "without a due date (add --by DATE to give them one)"
    case deleted
    case recurringTemplate = "recurring templates (their instances are imported)"
  }

  public struct Options: Sendable {
    public var customer: Handle
    /// The by-when of tasks that have no due date; without it they are skipped.
    public var defaultBy: ByWhen?
    public var includeDone: Bool

    public init(customer: Handle, defaultBy: ByWhen?, includeDone: Bool) {
      self.customer = customer
      self.defaultBy = defaultBy
      self.includeDone = includeDone
    }
  }

  public private(set) var promises: [ImportedPromise] = []
  public private(set) var skipped: [Skip: Int] = [:]

  public init(tasks: [TaskwarriorTask], options: Options, state: LedgerState, zone: TimeZone) {
    for task in tasks.sorted(by: { ($0.entry, $0.uuid) < ($1.entry, $1.uuid) }) {
      if let skip = Self.skip(task, options: options, state: state) {
        skipped[skip, default: 0] += 1
        continue
      }
      guard let by = task.due.map({ Self.byWhen($0, zone: zone) }) ?? options.defaultBy else {
        skipped[.noDue, default: 0] += 1
        continue
      }
      promises.append(
        ImportedPromise(
          id: task.uuid, what: task.description, customer: options.customer, by: by, madeAt: task.entry,
          keptAt: task.status == .completed ? task.end : nil, note: Self.note(for: task)))
    }
  }

  private static func skip(_ task: TaskwarriorTask, options: Options, state: LedgerState) -> Skip? {
    if state.promise(id: task.uuid) != nil { return .alreadyInLedger }
    switch task.status {
    case .pending, .waiting: return nil
    case .completed: return options.includeDone && task.end != nil ? nil : .done
    case .deleted: return .deleted
    case .recurring: return .recurringTemplate
    }
  }

  /// Local midnight (what `due:fri` sets) and 23:59:59 (`due:eod`) mean the day; any other
  /// time is kept to the minute.
  static func byWhen(_ due: Date, zone: TimeZone) -> ByWhen {
    let moment = LocalMoment(due, in: zone)
    if moment.secondOfDay == 0 || moment.secondOfDay == 86_399 { return ByWhen(day: moment.day) }
    return ByWhen(day: moment.day, minuteOfDay: moment.secondOfDay / 60)
  }

  /// What Taskwarrior knew that a promise has no field for.
  static func note(for task: TaskwarriorTask) -> String {
    var parts = ["from Taskwarrior \(task.uuid.prefix(8))"]
    if let project = task.project { parts.append("project \(project)") }
    if !task.tags.isEmpty { parts.append("tags " + task.tags.joined(separator: ", ")) }
    if !task.depends.isEmpty { parts.append("depends on " + task.depends.map { String($0.prefix(8)) }.joined(separator: ", ")) }
    for annotation in task.annotations {
      let day = annotation.entry.map { " " + Timestamp.text($0).prefix(10) } ?? ""
      parts.append("annotation\(day): \(annotation.description)")
    }
    return parts.joined(separator: "; ")
  }
}
