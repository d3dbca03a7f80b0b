import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// Faults a ledger must survive without losing a word: a writer killed at any moment, many
/// writers at once, a file that cannot grow, and files it may not touch.
@Suite struct FaultTests {
  /// The numbers a driver printed, each after its line was synced: what it acknowledged.
  static func acknowledged(_ output: Data) -> [String] {
    String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init).filter { $0.hasPrefix("P") }
  }

  static func kill(_ running: Spawn.Running, after milliseconds: Int) -> Spawn.Finished {
    usleep(useconds_t(milliseconds * 1000))
    Glibc.kill(running.pid, SIGKILL)
    return running.wait()
  }

  /// Waits until `writer` has acknowledged a promise (for at most a minute).
  static func waitForAcknowledgement(from writer: Spawn.Running) {
    let deadline = Date().addingTimeInterval(60)
    while acknowledged(writer.printedSoFar).isEmpty, Date() < deadline { usleep(5_000) }
  }

  @Test func aWriterKilledAtRandomMomentsLosesNothingItAcknowledged() throws {
    let cli = BinaryRunner()
    var generator = SeededGenerator(seed: 20_261_127)
    var acknowledged: Set<String> = []
    var tornTails = 0
    var setAside = 0
    for round in 1...50 {
      // Every tenth round starts on the bytes of a write cut off (a writer that crashed mid-line).
      if round % 10 == 0, let handle = FileHandle(forWritingAtPath: cli.ledger) {
        handle.seekToEndOfFile()
        handle.write(Data(#"{"v":1,"id":"cut-off-mid"#.utf8))
        handle.closeFile()
        let torn = try FileLedger(path: cli.ledger)
        #expect(torn.takeWarnings().contains { $0.contains("a write was cut off") }, "round \(round): the torn tail is reported")
        #expect(torn.state.eventCount == cli.ledgerBytes.split(separator: UInt8(ascii: "\n")).count - 1, "round \(round): never folded")
        setAside += 1
      }
      let writer = try Spawn.start(
        BinaryRunner.bench.path, ["append", "--store", cli.ledger, "--count", "0", "--as", "ana"],
        environment: cli.environment)
      // Odd rounds kill at a moment counted from the start, often while the ledger opens; even
      // rounds from the writer's first acknowledged promise, so that a loaded machine, where
      // starting takes longer than any such moment, still kills writers in the middle of work.
      let working = round % 2 == 0
      if working { Self.waitForAcknowledgement(from: writer) }
      let finished = Self.kill(writer, after: Int.random(in: working ? 0...60 : 30...160, using: &generator))
      #expect(finished.status == 128 + SIGKILL, "round \(round): the writer was killed")
      let said = Self.acknowledged(finished.output)
      #expect(!working || !said.isEmpty, "round \(round): the writer got work done before it was killed")
      acknowledged.formUnion(said)
      let bytes = cli.ledgerBytes
      if let last = bytes.last, last != UInt8(ascii: "\n"), !bytes.contains("cut-off-mid".utf8) { tornTails += 1 }
      let reopened = try FileLedger(path: cli.ledger)
      let present = Set(reopened.state.promises.readEach().map(\.label))
      let lost = acknowledged.subtracting(present)
      #expect(lost.isEmpty, "round \(round): acknowledged but missing: \(lost.sorted())")
      let complete = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().count
      #expect(reopened.state.eventCount == complete, "round \(round): every complete line folded, a torn one never")
    }
    // The next writer sets any torn tail aside, and the ledger goes on.
    #expect(try cli.run("promise", "After the storm", "--to", "ben", "--by", "+2d").status == 0)
    let final = try FileLedger(path: cli.ledger)
    #expect(final.takeWarnings().allSatisfy { !$0.contains("damaged") })
    #expect(cli.ledgerBytes.last == UInt8(ascii: "\n"))
    let asides = try FileManager.default.contentsOfDirectory(atPath: (cli.ledger as NSString).deletingLastPathComponent)
      .filter { $0.contains(".torn-") }
    let folder = (cli.ledger as NSString).deletingLastPathComponent
    let setAsideText = asides.compactMap { FileManager.default.contents(atPath: folder + "/" + $0) }
      .map { String(decoding: $0, as: UTF8.self) }.joined()
    #expect(
      setAsideText.components(separatedBy: "cut-off-mid").count - 1 == setAside,
      "every torn write was set aside beside the ledger, once")
    #expect(!setAsideText.contains("\n"), "only torn bytes were set aside, never a whole line")
    print(
      "kill -9: 50 rounds, \(acknowledged.count) acknowledged promises all present, \(setAside) torn writes set aside, "
        + "\(tornTails) torn by the kill itself")
  }

  @Test func fourWritersAndAReaderAtOnce() throws {
    let cli = BinaryRunner()
    try fourWritersAndAReader { number in (cli.ledger, cli.environment) }
  }

  /// The same on a team ledger: four writers, each at a machine of their own (two of them ana),
  /// and a reader at a fifth.
  @Test(.needs(.postgreSQL))
  func fourWritersAndAReaderAtOnceOnATeamLedger() throws {
    let team = try TeamSetup()
    let people = ["ana", "ben", "cy", "ana", "cy"]
    try fourWritersAndAReader { number in
      var environment = team.environment(people[number - 1])
      environment["XDG_CACHE_HOME"] = Scratch.directory + "cache-\(number)-\(team.database)"
      return (team.url(people[number - 1]), environment)
    }
  }

  /// Writers 1 to 4 make 250 promises each while reader 5 refreshes: 1,000 distinct numbers
  /// with no gap, and the reader's state the same as a fresh fold.
  func fourWritersAndAReader(_ place: (Int) -> (store: String, environment: [String: String])) throws {
    let writers = try (1...4).map { number in
      try Spawn.start(
        BinaryRunner.bench.path, ["append", "--store", place(number).store, "--count", "250", "--as", "writer\(number)"],
        environment: place(number).environment)
    }
    let reader = try Spawn.start(
      BinaryRunner.bench.path, ["watch", "--store", place(5).store, "--promises", "1000", "--seconds", "90"],
      environment: place(5).environment)
    let outputs = writers.map { $0.wait() }
    let watched = reader.wait()
    let report = String(decoding: watched.output, as: UTF8.self)
    for output in outputs {
      #expect(output.status == 0 && Self.acknowledged(output.output).count == 250, "\(String(decoding: output.errors, as: UTF8.self))")
    }
    let numbers = outputs.flatMap { Self.acknowledged($0.output) }
    #expect(Set(numbers).count == 1000, "1,000 distinct numbers")
    #expect(Set(numbers) == Set((1...1000).map { "P\($0)" }))
    #expect(watched.status == 0, "the reader: \(report) \(String(decoding: watched.errors, as: UTF8.self))")
    #expect(report.contains("promises 1000"))
    #expect(report.contains("same as a fresh fold"))
  }

  @Test func aFileThatMayNotGrowRefusesTheWriteAndKeepsEverythingBefore() throws {
    let cli = BinaryRunner()
    for number in 1...3 { #expect(try cli.run("promise", "Promise \(number)", "--to", "ben", "--by", "+2d").status == 0) }
    let before = cli.ledgerBytes
    var environment = cli.environment
    environment["BREAKTHROUGH_STORE"] = cli.ledger
    let limited = try Spawn.run(
      "prlimit",
      [
        "--fsize=\(before.count + 40)", BinaryRunner.executable.path, "promise",
        "One promise too long for the room left on the disk", "--to", "ben", "--by", "+2d",
      ],
      environment: environment)
    let message = String(decoding: limited.errors, as: UTF8.self)
    #expect(limited.status != 0)
    #expect(message.contains("File too large"), "the message names the problem: \(message)")
    #expect(message.contains("nothing was recorded"))
    #expect(cli.ledgerBytes == before, "nothing half-written")
    #expect(try FileLedger(path: cli.ledger).state.promises.count == 3)
    #expect(try cli.run("promise", "With room again", "--to", "ben", "--by", "+2d").output == "P4\n")
  }
}
