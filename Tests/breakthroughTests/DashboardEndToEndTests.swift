import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// The dashboard as a person uses it: the real binary in tmux, then the ledger checked.
@Suite(.serialized, .needs(.tmux)) struct DashboardEndToEndTests {
  func start(_ cli: BinaryRunner, width: Int = 120, height: Int = 40, arguments: String = "") throws -> TmuxSession {
    try TmuxSession(
      command: "\(BinaryRunner.executable.path) \(arguments)", width: width, height: height,
      environment: [
        "BREAKTHROUGH_STORE": cli.ledger, "BREAKTHROUGH_USER": cli.actor, "TZ": "UTC", "LANG": "C.UTF-8",
        "HOME": Scratch.directory,
      ])
  }

  @Test func makeAPromiseResizeSeeAnotherProcessAndQuit() throws {
    let cli = BinaryRunner()
    let tmux = try start(cli)
    // The pane drawn last on its row: a screen read while a frame is still arriving has the
    // rows above it whole.
    let first = try #require(try tmux.waitFor("Overdue accountings"), "the board did not appear")
    #expect(first.contains("Open promises"))
    #expect(first.contains("Breakthrough"))

    try tmux.makePromise("Ship the beta to Acme", to: "ben", by: "+3d")
    #expect(try tmux.waitFor("P1 made") != nil)
    let listed = try cli.run("list", "--format", "tsv").output
    #expect(listed.contains("P1\topen\tana\tben"))
    #expect(listed.contains("Ship the beta to Acme"))

    try tmux.resize(width: 80, height: 24)
    #expect(try tmux.waitFor("Ship the beta to Acme") != nil)
    try tmux.resize(width: 50, height: 12)
    #expect(try tmux.waitFor("Terminal too small: 50×12") != nil)
    try tmux.resize(width: 120, height: 40)
    #expect(try tmux.waitFor("Open promises (1)") != nil)

    let started = Date()
    #expect(try cli.run("promise", "From ben", "--to", "ana", "--by", "+2d", as: "ben").status == 0)
    let appeared = try tmux.waitFor("From ben", seconds: 10)
    let shown = try tmux.screen()
    #expect(appeared != nil, "another process's append did not show:\n\(shown)")
    // How soon is printed, not asserted: a bound on time is a coin toss on a shared machine.
    print("another writer's promise showed on the board after \(Int(Date().timeIntervalSince(started) * 1000)) ms")
    #expect(appeared?.contains("Open promises (2)") == true)

    try tmux.send("q")
    #expect(tmux.exitStatus() == "0")
    let settings = tmux.terminalSettings
    #expect(settings.contains(" echo ") || settings.contains(" echo\n"), "echo is back on: \(settings)")
    #expect(settings.contains(" icanon"), "canonical mode is back on")
  }

  @Test(arguments: ["TERM", "HUP", "INT"])
  func aSignalRestoresTheTerminal(_ signal: String) throws {
    let cli = BinaryRunner()
    let tmux = try start(cli)
    let appeared = try tmux.waitFor("Open promises")
    let shown = try appeared ?? tmux.screen()
    try #require(appeared != nil, "the board did not appear:\n\(shown)")
    let pid = try tmux.panePID()
    _ = try Spawn.run("pkill", ["-\(signal)", "-P", pid], environment: ProcessInfo.processInfo.environment)
    let number = ["TERM": 15, "HUP": 1, "INT": 2][signal] ?? 0
    #expect(tmux.exitStatus() == "\(128 + number)", "the board ends on SIG\(signal) with status 128 + \(number)")
    #expect(try tmux.cursorIsVisible(), "SIG\(signal) left the cursor hidden")
    let settings = tmux.terminalSettings
    #expect(settings.contains(" icanon"), "SIG\(signal) left the terminal in raw mode: \(settings)")
    #expect(settings.contains(" echo"), "SIG\(signal) left echo off")
  }
}
