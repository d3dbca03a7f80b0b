import BreakthroughTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `breakthrough feed` run as a person would, against a ledger file and a team ledger: every
/// event after the start delivered once, across a restart and across a target that fails for
/// a while.
@Suite(.serialized) struct FeedTests {
  /// A feed running in the background, its standard error in a file the test can read.
  struct RunningFeed {
    let running: Spawn.Running
    let errors: String

    init(_ cli: BinaryRunner, _ arguments: String, errors: String) throws {
      self.errors = errors
      running = try cli.shell("exec \"$BT\" feed \(arguments) 2>>'\(errors)'")
    }

    init(team: TeamSetup, as person: String, _ arguments: [String], errors: String) throws {
      self.errors = errors
      var environment = team.environment(person)
      environment["BT"] = BinaryRunner.executable.path
      let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
      running = try Spawn.start("/bin/sh", ["-c", "exec \"$BT\" feed \(quoted) 2>>'\(errors)'"], environment: environment)
    }

    var said: String { (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "" }

    /// Asks the feed to stop as systemd or Ctrl-C would, and waits for it.
    func stop(with signal: Int32 = SIGTERM) -> Int32 {
      kill(running.pid, signal)
      return running.wait().status
    }
  }

  static func folder() -> String {
    let path = Scratch.directory + "feed-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func lines(_ path: String) -> [String] {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
  }

  /// Waits up to `seconds` for `condition`; true when it came.
  static func eventually(within seconds: Double = 15, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
      if condition() { return true }
      usleep(50_000)
    }
    return condition()
  }

  /// The `what` of each promise made in the JSON objects a feed's command received, in order.
  static func delivered(_ path: String) throws -> [String] {
    try lines(path).map { line in
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let event = try #require(object["event"] as? [String: Any])
      return (event["what"] as? String) ?? (object["text"] as? String ?? "")
    }
  }

  @Test("--exec on a file: starts at the end, each event once on stdin as JSON, none repeated or skipped across a restart")
  func execOnFile() throws {
    let cli = BinaryRunner()
    let folder = Self.folder()
    let out = folder + "/out.jsonl"
    let cursor = folder + "/cursor"
    try cli.run("declare", "Ship it", "--by", "+30d")
    try cli.run("promise", "Before the feed", "--to", "ben", "--by", "+2d")
    let command = "--exec 'cat >> \(out)' --cursor \(cursor)"
    var feed = try RunningFeed(cli, command, errors: folder + "/errors")
    #expect(Self.eventually { FileManager.default.fileExists(atPath: cursor) })
    try cli.run("promise", "First <script>\"x\"", "--to", "ben", "--by", "+2d")
    try cli.run("done", "P2", "--note", "on the drive")
    #expect(Self.eventually { Self.lines(out).count == 2 })
    #expect(feed.stop() == 0)
    try cli.run("promise", "While it was stopped", "--to", "ben", "--by", "+3d")
    feed = try RunningFeed(cli, command, errors: folder + "/errors")
    #expect(Self.eventually { Self.lines(out).count == 3 })
    try cli.run("promise", "After the restart", "--to", "cy", "--by", "+3d")
    #expect(Self.eventually { Self.lines(out).count == 4 })
    usleep(1_500_000)
    #expect(feed.stop(with: SIGINT) == 0)
    #expect(
      try Self.delivered(out) == ["First <script>\"x\"", "ana delivered P2: on the drive", "While it was stopped", "After the restart"])
    let first = try #require(try JSONSerialization.jsonObject(with: Data(Self.lines(out)[0].utf8)) as? [String: Any])
    #expect(first["line"] as? Int == 3)
    #expect(
      first["text"] as? String
        == "ana promised P2 ana → ben by \(try #require((first["event"] as? [String: Any])?["by"] as? String)): First <script>\"x\"")
    #expect((first["event"] as? [String: Any])?["kind"] as? String == "promise.made")
    #expect(feed.said.contains("feed: stopped after line 6"), "\(feed.said)")
  }

  @Test("--webhook: posts {\"text\"} to a local server; a failing server is retried until it recovers, each event once")
  func webhook() throws {
    guard OptionalProgram.isPresent("/usr/bin/curl", for: "the feed's webhook", package: "curl") else { return }
    let cli = BinaryRunner()
    let folder = Self.folder()
    let server = try WebhookServer(folder: folder)
    defer { server.stop() }
    try cli.run("declare", "Ship it", "--by", "+30d")
    let url = "http://127.0.0.1:\(server.port)/hooks/secret-token"
    var feed = try RunningFeed(cli, "--webhook \(url) --cursor \(folder)/cursor", errors: folder + "/errors")
    #expect(Self.eventually { FileManager.default.fileExists(atPath: folder + "/cursor") })
    try cli.run("promise", "Tell <!channel> & all \u{1B}[31m", "--to", "ben", "--by", "+2d")
    #expect(Self.eventually { server.received.count == 1 })
    server.failing(true)
    try cli.run("promise", "Sent while it fails", "--to", "ben", "--by", "+2d")
    #expect(Self.eventually { feed.said.contains("failed") })
    #expect(Self.eventually { server.refused >= 2 })
    server.failing(false)
    #expect(Self.eventually { server.received.count == 2 })
    #expect(feed.stop() == 0)
    try cli.run("promise", "After a restart", "--to", "ben", "--by", "+2d")
    feed = try RunningFeed(cli, "--webhook \(url) --cursor \(folder)/cursor", errors: folder + "/errors")
    #expect(Self.eventually { server.received.count == 3 })
    usleep(1_500_000)
    #expect(feed.stop() == 0)
    let texts = try server.received.map { body in
      try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])["text"] ?? ""
    }
    #expect(texts.count == 3)
    #expect(texts[0].hasSuffix(": Tell &lt;!channel&gt; &amp; all \\e[31m"), "\(texts)")
    #expect(texts[1].hasSuffix(": Sent while it fails") && texts[2].hasSuffix(": After a restart"))
    #expect(server.contentTypes.allSatisfy { $0 == "application/json" })
    #expect(feed.said.contains("to the webhook at 127.0.0.1:\(server.port) failed") && feed.said.contains("after"))
    #expect(!feed.said.contains("secret-token"), "the webhook's path is its secret: \(feed.said)")
  }

  @Test("a stop while a command runs lets it finish and records what it delivered: a restart does not deliver it again")
  func stopWhileDelivering() throws {
    let cli = BinaryRunner()
    let folder = Self.folder()
    let out = folder + "/out.jsonl"
    let started = folder + "/started"
    try cli.run("declare", "Ship it", "--by", "+30d")
    let command = "--exec 'touch \(started); sleep 1; cat >> \(out)' --cursor \(folder)/cursor"
    var feed = try RunningFeed(cli, command, errors: folder + "/errors")
    #expect(Self.eventually { FileManager.default.fileExists(atPath: folder + "/cursor") })
    try cli.run("promise", "Delivered as it stops", "--to", "ben", "--by", "+2d")
    #expect(Self.eventually { FileManager.default.fileExists(atPath: started) })
    #expect(feed.stop() == 0)
    #expect(try Self.delivered(out) == ["Delivered as it stops"])
    feed = try RunningFeed(cli, command, errors: folder + "/errors")
    try cli.run("promise", "After the restart", "--to", "ben", "--by", "+2d")
    #expect(Self.eventually { Self.lines(out).count == 2 })
    usleep(1_500_000)
    #expect(feed.stop() == 0)
    #expect(try Self.delivered(out) == ["Delivered as it stops", "After the restart"])
  }

  @Test("an event the ledger keeps but leaves out is announced as left out, with why")
  func leftOutEvent() throws {
    let cli = BinaryRunner()
    let folder = Self.folder()
    let out = folder + "/out.jsonl"
    try cli.run("declare", "Ship it", "--by", "+30d")
    // The same event copied (the same id twice): the copy is left out, never the first.
    let declared = String(decoding: cli.ledgerBytes, as: UTF8.self)
    try Data((declared + declared).utf8).write(to: URL(fileURLWithPath: cli.ledger))
    let feed = try RunningFeed(cli, "--exec 'cat >> \(out)' --from-start", errors: folder + "/errors")
    #expect(Self.eventually { Self.lines(out).count == 2 })
    // Another machine's line that names a promise this ledger does not have, and one that is not JSON.
    let line =
      "{\"v\":1,\"id\":\"00000000-0000-4000-8000-00000000000a\",\"at\":\"2026-11-30T09:00:00.000Z\",\"actor\":\"ben\","
      + "\"kind\":\"promise.accepted\",\"promise\":\"no-such-promise\",\"note\":null}\n{not json\n"
    let ledger = try #require(FileHandle(forWritingAtPath: cli.ledger))
    try ledger.seekToEnd()
    try ledger.write(contentsOf: Data(line.utf8))
    try ledger.close()
    #expect(Self.eventually { Self.lines(out).count == 4 })
    #expect(feed.stop() == 0)
    let copy = try #require(try JSONSerialization.jsonObject(with: Data(Self.lines(out)[1].utf8)) as? [String: Any])
    #expect((copy["leftOut"] as? String)?.isEmpty == false && (copy["text"] as? String)?.hasPrefix("left out: ") == true)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.lines(out)[2].utf8)) as? [String: Any])
    let reason = "ben may not accept a promise: the ledger has no promise no-such-promise"
    #expect(object["leftOut"] as? String == reason)
    #expect(object["text"] as? String == "left out: \(reason)")
    #expect((object["event"] as? [String: Any])?["kind"] as? String == "promise.accepted")
    let garbage = try #require(try JSONSerialization.jsonObject(with: Data(Self.lines(out)[3].utf8)) as? [String: Any])
    #expect(garbage["line"] as? Int == 4 && garbage["event"] is NSNull)
    #expect((garbage["text"] as? String)?.hasPrefix("left out: line 4 could not be read: ") == true, "\(garbage)")
    let first = try #require(try JSONSerialization.jsonObject(with: Data(Self.lines(out)[0].utf8)) as? [String: Any])
    #expect(first["leftOut"] == nil && (first["text"] as? String)?.hasPrefix("ana declared the breakthrough") == true)
  }

  @Test("a feed refuses what it cannot do, saying how to fix it")
  func refusals() throws {
    let cli = BinaryRunner()
    try cli.run("declare", "Ship it", "--by", "+30d")
    let neither = try cli.run("feed")
    #expect(neither.status != 0 && neither.errors.contains("give either --exec COMMAND or --webhook URL"))
    let notURL = try cli.run("feed", "--webhook", "ftp://example.org/x")
    #expect(notURL.status != 0 && notURL.errors.contains("starting with https://"))
    let folder = Self.folder()
    try Data("{\"line\": 1, \"id\": \"not-this-ledger\"}\n".utf8).write(to: URL(fileURLWithPath: folder + "/cursor"))
    let other = try cli.run("feed", "--exec", "cat", "--cursor", folder + "/cursor")
    #expect(other.status != 0 && other.errors.contains("names line 1 of another ledger"), "\(other.errors)")
    var noCurl = cli.environment
    noCurl["PATH"] = folder
    let finished = try Spawn.run(
      BinaryRunner.executable.path, ["feed", "--webhook", "https://chat.example.org/hooks/x"], environment: noCurl)
    #expect(finished.status != 0 && String(decoding: finished.errors, as: UTF8.self).contains("curl, which is not installed"))
  }

  @Test(
    "--exec on a team ledger: others' events within a second or two, once each across a restart",
    .needs(.postgreSQL))
  func execOnTeamLedger() throws {
    let team = try TeamSetup()
    let folder = Self.folder()
    let out = folder + "/out.jsonl"
    #expect(try team.run(["declare", "Ship it", "--by", "+30d"], as: "ana").status == 0)
    let arguments = ["--exec", "cat >> \(out)", "--cursor", folder + "/cursor"]
    var feed = try RunningFeed(team: team, as: "ana", arguments, errors: folder + "/errors")
    #expect(Self.eventually { FileManager.default.fileExists(atPath: folder + "/cursor") })
    let start = Date()
    #expect(try team.run(["promise", "From ben", "--to", "ana", "--by", "+2d"], as: "ben").status == 0)
    #expect(Self.eventually { Self.lines(out).count == 1 })
    print(
      "feed: an event on the team ledger reached the command within \(Int(Date().timeIntervalSince(start) * 1000)) ms of the promise command starting"
    )
    #expect(feed.stop() == 0)
    #expect(try team.run(["promise", "From cy", "--to", "ana", "--by", "+2d"], as: "cy").status == 0)
    feed = try RunningFeed(team: team, as: "ana", arguments, errors: folder + "/errors")
    #expect(Self.eventually { Self.lines(out).count == 2 })
    #expect(try team.run(["done", "P1", "--accepted"], as: "ben").status == 0)
    #expect(Self.eventually { Self.lines(out).count == 3 })
    usleep(1_500_000)
    #expect(feed.stop() == 0)
    #expect(try Self.delivered(out) == ["From ben", "From cy", "ben delivered P1 (accepted)"], "\(feed.said)")
  }
}

/// A small HTTP server on 127.0.0.1 (Python's http.server), standing in for a chat's incoming
/// webhook: it keeps each body it accepts, and answers 500 while told to fail.
struct WebhookServer {
  let folder: String
  let port: Int
  private let running: Spawn.Running

  static let script = """
    import http.server, sys, os
    folder = sys.argv[1]
    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
            if os.path.exists(folder + '/fail'):
                open(folder + '/refused', 'a').write('x')
                self.send_response(500); self.end_headers(); return
            with open(folder + '/received', 'ab') as f: f.write(body + b'\\n')
            with open(folder + '/types', 'a') as f: f.write(self.headers.get('Content-Type') + '\\n')
            self.send_response(200); self.end_headers(); self.wfile.write(b'ok')
        def log_message(self, *args): pass
    server = http.server.HTTPServer(('127.0.0.1', 0), Hook)
    open(folder + '/port.tmp', 'w').write(str(server.server_port)); os.rename(folder + '/port.tmp', folder + '/port')
    server.serve_forever()
    """

  init(folder: String) throws {
    self.folder = folder
    running = try Spawn.start(try Prerequisite.python.located(), ["-c", Self.script, folder], environment: ["PATH": "/usr/bin:/bin"])
    _ = FeedTests.eventually { FileManager.default.fileExists(atPath: folder + "/port") }
    port = Int((try? String(contentsOfFile: folder + "/port", encoding: .utf8)) ?? "") ?? 0
  }

  var received: [String] { FeedTests.lines(folder + "/received") }
  var contentTypes: [String] { FeedTests.lines(folder + "/types") }
  var refused: Int { ((try? String(contentsOfFile: folder + "/refused", encoding: .utf8)) ?? "").count }

  func failing(_ fails: Bool) {
    if fails { FileManager.default.createFile(atPath: folder + "/fail", contents: Data()) } else { unlink(folder + "/fail") }
  }

  func stop() {
    kill(running.pid, SIGTERM)
    _ = running.wait()
  }
}
