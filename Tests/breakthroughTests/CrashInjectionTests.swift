import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// Every command that writes, killed at exactly its 1st, 2nd, 3rd… write (`strace -e inject`),
/// until it runs to the end: nothing acknowledged before is lost, and the next command works.
@Suite(.needs(.strace)) struct CrashInjectionTests {
  struct Scenario: CustomTestStringConvertible, Sendable {
    let name: String
    /// Commands that build the ledger first: (arguments, as whom).
    let setup: [([String], String)]
    let command: [String]
    var actor = "ana"
    /// Bytes of a torn write left at the end of the ledger before the command runs.
    var tornTail: String?
    /// Promises generated first: enough lines make the command write a snapshot too.
    var generated: Int?
    var testDescription: String { name }
  }

  static let made: [([String], String)] = [(["promise", "Draft the guide", "--to", "ben", "--by", "+3d"], "ana")]
  static let delivered = made + [(["done", "P1"], "ana")]

  static let scenarios: [Scenario] = [
    Scenario(name: "promise", setup: [], command: ["promise", "Call Acme", "--to", "ben", "--by", "+2d"]),
    Scenario(name: "declare", setup: made, command: ["declare", "Three paying teams", "--by", "+100d"]),
    Scenario(name: "account", setup: [(["declare", "Three paying teams", "--by", "+100d"], "ana")], command: ["account", "achieved"]),
    Scenario(name: "done", setup: made, command: ["done", "P1"]),
    Scenario(name: "accept", setup: delivered, command: ["accept", "P1"], actor: "ben"),
    Scenario(name: "reject", setup: delivered, command: ["reject", "P1", "--note", "no index"], actor: "ben"),
    Scenario(
      name: "not-kept", setup: made,
      command: ["not-kept", "P1", "--note", "lost", "--reason", "waiting", "--then", "Try again", "--by", "+5d"]),
    Scenario(name: "renegotiate", setup: made, command: ["renegotiate", "P1", "--by", "+9d"]),
    Scenario(name: "revoke", setup: made, command: ["revoke", "P1", "--note", "not needed"]),
    Scenario(name: "release", setup: made, command: ["release", "P1"], actor: "ben"),
    Scenario(name: "confidence", setup: made, command: ["confidence", "P1", "at-risk"]),
    Scenario(
      name: "promise after a torn write", setup: made, command: ["promise", "Call Acme", "--to", "ben", "--by", "+2d"],
      tornTail: #"{"v":1,"id":"torn-"#),
    Scenario(
      name: "promise that writes a snapshot", setup: [], command: ["promise", "Call Acme", "--to", "ben", "--by", "+2d"],
      generated: 4_000),
  ]

  @Test(arguments: scenarios)
  func killedAtEveryWrite(_ scenario: Scenario) throws {
    let template = BinaryRunner()
    if let count = scenario.generated {
      let generated = try Spawn.run(
        BinaryRunner.bench.path, ["generate", "--promises", "\(count)", "--out", template.ledger],
        environment: template.environment)
      #expect(generated.status == 0)
    }
    for (arguments, actor) in scenario.setup { #expect(try template.run(arguments, as: actor).status == 0) }
    var before = template.ledgerBytes
    if let torn = scenario.tornTail { before.append(contentsOf: Array(torn.utf8)) }
    var completedAt: Int?
    for write in 1...12 {
      let cli = BinaryRunner()
      try FileManager.default.createDirectory(atPath: (cli.ledger as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      FileManager.default.createFile(atPath: cli.ledger, contents: before, attributes: [.posixPermissions: 0o600])
      var environment = cli.environment
      environment["BREAKTHROUGH_USER"] = scenario.actor
      let killed = try Spawn.run(
        try Prerequisite.strace.located(),
        [
          "-f", "-o", "/dev/null", "-e", "trace=write", "-e", "inject=write:signal=KILL:when=\(write)",
          BinaryRunner.executable.path,
        ] + scenario.command, environment: environment)
      let after = cli.ledgerBytes
      let folder = (cli.ledger as NSString).deletingLastPathComponent
      let asides = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".torn-") }
        .compactMap { FileManager.default.contents(atPath: folder + "/" + $0) }
      if let torn = scenario.tornTail {
        let kept = after.starts(with: before) || asides.contains(Data(torn.utf8))
        #expect(kept, "\(scenario.name), write \(write): the torn bytes are kept, in the ledger or set aside")
        #expect(after.starts(with: before.dropLast(torn.utf8.count)), "\(scenario.name), write \(write): every complete line is kept")
      } else {
        #expect(after.starts(with: before), "\(scenario.name), write \(write): nothing acknowledged before is lost")
      }
      if killed.status == 0 && completedAt == nil { completedAt = write }
      #expect(killed.status == 0 || killed.status == 128 + SIGKILL, "\(scenario.name), write \(write): killed, or done")
      #expect(write > 1 || killed.status != 0, "\(scenario.name) writes at least once before it is done")
      if !killed.output.isEmpty {
        #expect(after.count > before.count - (scenario.tornTail?.utf8.count ?? 0), "an acknowledged move is in the ledger")
      }
      let listed = try cli.run("list", "--all", "--format", "tsv")
      #expect(listed.status == 0, "\(scenario.name), write \(write): the next command reads the ledger: \(listed.errors)")
      let next = try cli.run("promise", "The next one", "--to", "cy", "--by", "+4d")
      if scenario.generated != nil {
        let reopened = try FileLedger(path: cli.ledger)
        #expect(reopened.state.promises.count >= 4_001, "\(scenario.name), write \(write): every promise is there")
      }
      #expect(next.status == 0, "\(scenario.name), write \(write): the next command writes: \(next.errors)")
      #expect(try FileLedger(path: cli.ledger).state.promises.readEach().contains { $0.what == "The next one" })
      if completedAt != nil { break }
    }
    #expect(completedAt != nil, "\(scenario.name) ran to the end within 12 writes")
    print("strace: \(scenario.name) killed at each of its first \((completedAt ?? 13) - 1) writes, then ran to the end")
  }
}
