import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// Every command with random arguments, seeded and bounded: a refusal with a message and a
/// non-zero exit, or a normal answer; never a crash, and never a raw control character.
@Suite struct ArgumentFuzzTests {
  static let commands = [
    "promise", "done", "accept", "reject", "not-kept", "renegotiate", "revoke", "release", "confidence",
    "declare", "account", "list", "show", "log", "stats", "checkin", "meeting", "themes", "board", "nonsense",
  ]
  static let pieces = [
    "", " ", "--", "-", "-x", "--to", "--by", "--note", "--then", "--as", "--format", "--plain", "--interval",
    "P0", "P1", "P-1", "p2", "99999999999999999999", "ben", "ana", "Ben Smith", "@ben", "fri", "+3d", "+99999999d",
    "2026-02-30", "yesterday", "json", "tsv", "at-risk", "achieved", "\u{1B}[2J\u{1B}[31mred", "\u{7}\u{8}\u{9B}",
    "日本語テキスト", "🙂", String(repeating: "long ", count: 2000), "/dev/null", "/", "..", "-1", "0", "3600",
  ]

  @Test func randomArgumentsAreAnsweredOrRefusedNeverCrash() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("promise", "Seed promise", "--to", "ben", "--by", "+3d").status == 0)
    var generator = SeededGenerator(seed: 4)
    var refused = 0
    var answered = 0
    for _ in 0..<60 {
      // Four at a time: the machine has two cores and each run is mostly start-up.
      let batch = try (0..<4).map { _ -> ([String], Spawn.Running) in
        let command = Self.commands.randomElement(using: &generator) ?? "list"
        let arguments =
          [command] + (0..<Int.random(in: 0...4, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }
        var environment = cli.environment
        environment["BREAKTHROUGH_USER"] = ["ana", "ben", "", "Not A Handle"].randomElement(using: &generator)
        return (arguments, try Spawn.start(BinaryRunner.executable.path, arguments, environment: environment))
      }
      for (arguments, running) in batch {
        let finished = running.wait()
        let shown = arguments.map { $0.prefix(20) }.joined(separator: " ")
        #expect(finished.status < 128, "\(shown): killed by a signal (\(finished.status))")
        for stream in [finished.output, finished.errors] {
          #expect(!stream.contains { $0 == 0x1B || $0 == 0x07 || $0 == 0x08 }, "\(shown): a raw control character in the output")
        }
        if finished.status == 0 {
          answered += 1
        } else {
          refused += 1
          #expect(!finished.errors.isEmpty, "\(shown): refused without a message")
        }
      }
    }
    let ledger = try FileLedger(path: cli.ledger)
    #expect(ledger.takeWarnings().isEmpty, "the ledger is still whole")
    #expect(ledger.state.promises.readEach().first?.what == "Seed promise")
    print("argument fuzz: 240 runs, \(answered) answered, \(refused) refused with a message")
  }
}
