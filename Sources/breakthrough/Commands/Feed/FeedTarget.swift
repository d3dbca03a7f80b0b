import BreakthroughCore
import Foundation

/// Where the feed hands each event: a command that reads it as JSON on its standard input, or
/// a chat's incoming webhook, posted to by `curl` (linking an HTTP client into the program
/// would load it, and TLS with it, at the start of every command).
enum FeedTarget {
  case command(String)
  case webhook(String)

  /// Checks the target before the feed starts: a webhook needs an http(s) URL and curl.
  func validate() throws {
    guard case .webhook(let url) = self else { return }
    let lowered = url.lowercased()
    guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://"),
      !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || Escaping.isControl($0) || $0 == "\"" || $0 == "\\" })
    else {
      throw CommandFailure("--webhook takes the chat's incoming-webhook URL, starting with https:// (or http://), without spaces or quotes")
    }
    guard ChildProcess.isInstalled("curl") else {
      throw CommandFailure("the feed posts to a webhook with curl, which is not installed: apt-get install curl, or use --exec")
    }
  }

  /// Where it delivers, for messages: the command, or only the webhook's host (its path is
  /// the secret that lets anyone post).
  var place: String {
    switch self {
    case .command(let command): return "the command \(command)"
    case .webhook(let url):
      let host = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
      return "the webhook at \(host)"
    }
  }

  /// Hands `message` over once; `folder` is the feed's private temporary folder.
  func deliver(_ message: FeedMessage, folder: String) -> ChildProcess.Outcome {
    switch self {
    case .command(let command):
      let input = Data((JSONOutput.escapingInvisible(JSONWriter.text(message.json)) + "\n").utf8)
      return ChildProcess(executable: "/bin/sh", arguments: ["-c", command]).run(input: input, folder: folder)
    case .webhook(let url):
      // The URL goes to curl in a file, not its arguments, where anyone on the machine could read it.
      let configuration = folder + "/curl.conf"
      guard
        FileManager.default.createFile(
          atPath: configuration, contents: Data("url = \"\(url)\"\n".utf8), attributes: [.posixPermissions: 0o600])
      else { return .failed("cannot write \(configuration): \(String(cString: strerror(errno)))") }
      defer { unlink(configuration) }
      let arguments = [
        "-fsS", "--max-time", "10", "--proto", "=http,https", "-o", "/dev/null", "-H", "Content-Type: application/json",
        "--data-binary", "@-", "--config", configuration,
      ]
      return ChildProcess(executable: "curl", arguments: arguments).run(input: Data(message.webhookBody.utf8), folder: folder)
    }
  }
}
