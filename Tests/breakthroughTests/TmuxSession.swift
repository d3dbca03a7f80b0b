import BreakthroughTestSupport
import Foundation
import Testing

/// The real binary in a real terminal: a detached tmux session driven with send-keys and read
/// with capture-pane. The tests that use it need tmux (`.needs(.tmux)`).
/// Each session has a tmux server of its own, so one test ending its server can never take
/// another test's session with it.
final class TmuxSession {
  let name = "bt-\(UUID().uuidString.prefix(8))"
  let exitFile: String
  let program: String

  init(command: String, width: Int = 120, height: Int = 40, environment: [String: String]) throws {
    program = try Prerequisite.tmux.located()
    exitFile = Scratch.url.appendingPathComponent("\(name).exit").path
    let exports = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
    let script = "env \(exports) TERM=xterm-256color \(command); echo $? > \(exitFile); stty -a > \(exitFile).stty; sleep 60"
    try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", script])
  }

  deinit { try? tmux(["kill-server"]) }

  func send(_ keys: String...) throws {
    try tmux(["send-keys", "-t", name] + keys)
  }

  /// Types text literally.
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", name, "-l", text])
  }

  /// Fills in the board's new-promise form (`n`) as a person types it, and submits it.
  func makePromise(_ what: String, to customer: String, by date: String) throws {
    try send("n")
    #expect(try waitFor("New promise") != nil)
    try type(what)
    try send("Tab")
    try type(customer)
    try send("Enter")
    try type(date)
    try send("Enter")
  }

  func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
  }

  func screen() throws -> String {
    try tmux(["capture-pane", "-p", "-t", name])
  }

  /// Whether the pane shows its cursor (curses hides it while a screen runs).
  func cursorIsVisible() throws -> Bool {
    try tmux(["display-message", "-p", "-t", name, "#{cursor_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
  }

  /// The process id of the shell in the pane.
  func panePID() throws -> String {
    try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Waits until the screen shows `text`; returns the screen, or nil after `seconds`.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 10) throws -> String? {
    try waitUntil(seconds: seconds) { $0.contains(text) }
  }

  /// Waits until the screen is as `isReady` wants it; returns the screen, or nil after `seconds`.
  @discardableResult
  func waitUntil(seconds: Double = 10, _ isReady: (String) -> Bool) throws -> String? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      let current = try screen()
      if isReady(current) { return current }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return nil
  }

  /// The exit status of the command, once it has ended.
  func exitStatus(seconds: Double = 5) -> String? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: exitFile, encoding: .utf8), !text.isEmpty {
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return nil
  }

  /// `stty -a` as run in the same terminal after the command ended.
  var terminalSettings: String {
    let deadline = Date().addingTimeInterval(3)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: exitFile + ".stty", encoding: .utf8), text.contains("\n") { return text }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return ""
  }

  /// Runs tmux on this session's own server, apart from anyone else's sessions.
  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    let finished = try Spawn.run(program, ["-L", name] + arguments, environment: ProcessInfo.processInfo.environment)
    guard finished.status == 0 else {
      throw TmuxFailed(arguments: arguments, status: finished.status, message: String(decoding: finished.errors, as: UTF8.self))
    }
    return String(decoding: finished.output, as: UTF8.self)
  }

  struct TmuxFailed: Error, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let message: String
    var description: String { "tmux \(arguments.first ?? "") exited \(status): \(message)" }
  }
}
