import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughInterchange

@Suite("Taskwarrior import")
struct TaskwarriorImportTests {
  static let utc = TimeZone(identifier: "UTC")!
  static let ben = handle("ben")

  /// What the real `task export` wrote for one task of each kind.
  static func realExport() throws -> [TaskwarriorTask] {
    let taskwarrior = try Taskwarrior()
    try taskwarrior.fillWithEveryKind()
    return try TaskwarriorTask.tasks(fromExport: Array(try taskwarrior.export()))
  }

  @Test("a real export maps as documented: open tasks in, the rest counted by why they were left out", .needs(.taskwarrior))
  func mapping() throws {
    let tasks = try Self.realExport()
    #expect(tasks.count == 9)
    let plan = TaskwarriorImport(
      tasks: tasks, options: .init(customer: Self.ben, defaultBy: nil, includeDone: false), state: LedgerState(), zone: Self.utc)
    #expect(
      Set(plan.promises.map(\.what)) == ["Write the report, with \"quotes\"; and commas", "Ship v2 ☃ 李娜 🎉", "Waiting one", "Weekly review"])
    #expect(plan.skipped == [.noDue: 1, .done: 2, .deleted: 1, .recurringTemplate: 1])
    #expect(plan.promises.map(\.madeAt) == plan.promises.map(\.madeAt).sorted(), "numbers follow the order tasks were entered")
    let report = try #require(plan.promises.first { $0.what.hasPrefix("Write the report") })
    #expect(report.by == ByWhen(day: CalendarDay(year: 2026, month: 12, day: 10)!), "local midnight is the day")
    #expect(report.note?.contains("project home; tags alpha, beta") == true)
    #expect(report.note?.contains("annotation") == true && report.note?.contains("call ben first") == true)
    let ship = try #require(plan.promises.first { $0.what.hasPrefix("Ship") })
    #expect(ship.by == ByWhen(day: CalendarDay(year: 2026, month: 12, day: 11)!, minuteOfDay: 17 * 60 + 30))
    #expect(ship.note?.contains("depends on \(report.id.prefix(8))") == true)
    #expect(plan.promises.allSatisfy { $0.keptAt == nil && $0.customer == Self.ben })
  }

  @Test(
    "--include-done brings completed tasks in as kept, on time only if they ended by their due date; --by dates the rest",
    .needs(.taskwarrior))
  func includeDone() throws {
    let tasks = try Self.realExport()
    let by = ByWhen(day: CalendarDay(year: 2027, month: 1, day: 31)!)
    let plan = TaskwarriorImport(
      tasks: tasks, options: .init(customer: Self.ben, defaultBy: by, includeDone: true), state: LedgerState(), zone: Self.utc)
    #expect(plan.promises.count == 7)
    #expect(plan.skipped == [.deleted: 1, .recurringTemplate: 1])
    #expect(plan.promises.first { $0.what == "No due date" }?.by == by)
    var state = LedgerState()
    let context = MoveContext(actor: handle("ana"), now: Date(), zone: Self.utc)
    for event in try state.importPromises(plan.promises, context: context).events { state.apply(event) }
    #expect(state.promises.count == 7)
    var clock = LocalClock(Self.utc)
    let kept = state.promises.readEach().filter { $0.state == .kept }
    #expect(Set(kept.map(\.what)) == ["Finished one", "Finished late"])
    #expect(kept.first { $0.what == "Finished one" }?.wasDeliveredOnTime(on: &clock) == true)
    #expect(kept.first { $0.what == "Finished late" }?.wasDeliveredOnTime(on: &clock) == false)
    #expect(state.promises.readEach().allSatisfy { $0.performer.text == "ana" })
  }

  @Test("importing again adds nothing, and says so", .needs(.taskwarrior))
  func idempotent() throws {
    let tasks = try Self.realExport()
    let options = TaskwarriorImport.Options(customer: Self.ben, defaultBy: nil, includeDone: false)
    var state = LedgerState()
    let context = MoveContext(actor: handle("ana"), now: Date(), zone: Self.utc)
    let first = TaskwarriorImport(tasks: tasks, options: options, state: state, zone: Self.utc)
    for event in try state.importPromises(first.promises, context: context).events { state.apply(event) }
    let again = TaskwarriorImport(tasks: tasks, options: options, state: state, zone: Self.utc)
    #expect(again.promises.isEmpty)
    #expect(again.skipped[.alreadyInLedger] == 4)
    #expect(throws: Refusal.self) { try state.importPromises(first.promises, context: context) }
  }

  @Test("what is not a Taskwarrior export is refused with what was wrong")
  func notAnExport() {
    func failure(_ text: String) -> String {
      do {
        _ = try TaskwarriorTask.tasks(fromExport: Array(text.utf8))
        return "accepted"
      } catch { return error.description }
    }
    #expect(failure("not json").contains("it is not JSON"))
    #expect(failure("{\"uuid\": 1}").contains("not an array of tasks"))
    #expect(
      failure("[{\"uuid\": \"a\", \"status\": \"pending\", \"entry\": \"20261201T000000Z\"}]") == "task 1 of 1: it has no \"description\"")
    #expect(
      failure("[{\"uuid\": \"a\", \"description\": \"x\", \"status\": \"pending\", \"entry\": \"yesterday\"}]").contains(
        "\"entry\" is not a Taskwarrior date"))
    #expect(
      failure("[{\"uuid\": \"a\", \"description\": \"x\", \"status\": \"sleeping\", \"entry\": \"20261201T000000Z\"}]").contains(
        "status \"sleeping\""))
  }

  @Test("older exports write depends as one comma-separated string")
  func oldDepends() throws {
    let text =
      "[{\"uuid\": \"a\", \"description\": \"x\", \"status\": \"pending\", \"entry\": \"20261201T000000Z\", \"depends\": \"b1,c2\"}]"
    #expect(try TaskwarriorTask.tasks(fromExport: Array(text.utf8)).first?.depends == ["b1", "c2"])
  }
}
