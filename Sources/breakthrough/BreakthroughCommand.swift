import ArgumentParser
import BreakthroughCore
import Foundation

/// `breakthrough`: make, keep and account for the promises that forward a public breakthrough.
@main
struct BreakthroughCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "breakthrough",
    abstract: "Make, keep and rigorously account for the promises that forward your team's breakthrough.",
    discussion: """
      Dates: YYYY-MM-DD, today, tomorrow, a weekday (mon to sun: the next one), +3d, +2w, eow (this Friday), \
      eom (end of month), each optionally followed by HH:MM. A date without a time is due by the end of that day.

      The ledger: --store PATH, else $BREAKTHROUGH_STORE, else store = "URL or path" in $XDG_CONFIG_HOME/breakthrough/config.toml, \
      else $XDG_DATA_HOME/breakthrough/ledger.jsonl. A postgres:// URL names a team ledger shared through a server \
      (see `breakthrough store --help`).

      Who you are: --as HANDLE, else $BREAKTHROUGH_USER, else $USER, else your login name; on a team ledger, the handle your \
      login is mapped to.

      --store, --as and --theme may also come before the command: alias bt='breakthrough --store ~/team.jsonl' works with \
      every command.
      """,
    version: "0.2.0",
    subcommands: [
      BoardCommand.self, CheckinCommand.self, MeetingCommand.self, DemoCommand.self, ThemesCommand.self, DeclareCommand.self,
      AccountBreakthroughCommand.self, PromiseCommand.self, DoneCommand.self,
      AcceptCommand.self, RejectCommand.self, NotKeptCommand.self, RenegotiateCommand.self,
      RevokeCommand.self, ReleaseCommand.self, ConfidenceCommand.self, RequestCommand.self, OfferCommand.self, CounterCommand.self,
      DeclineCommand.self, WithdrawCommand.self, EnrollCommand.self, NotYetCommand.self, UnenrollCommand.self, EnrollmentCommand.self,
      ElementCommand.self, ElementsCommand.self, ReasonsCommand.self, ListCommand.self,
      ShowCommand.self, LogCommand.self, StatsCommand.self, ZoneCommand.self, MinutesCommand.self, DigestCommand.self, FeedCommand.self,
      ExportCommand.self,
      ImportCommand.self,
      StoreCommand.self,
    ],
    defaultSubcommand: BoardCommand.self
  )

  static func main() {
    // A write past a file-size limit must fail with EFBIG and a message, not kill the process.
    signal(SIGXFSZ, SIG_IGN)
    // Scripts and package checks ask for the version; the argument parser's reflection over the
    // commands would cost twice the rest of start-up, so it is answered before the parser runs.
    if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
      print(configuration.version)
      return
    }
    do {
      let arguments = LeadingOptions.reordered(
        Array(CommandLine.arguments.dropFirst()),
        isCommand: { name in name == "help" || configuration.subcommands.contains { $0._commandName == name } },
        isSubcommand: { group, name in
          configuration.subcommands.first { $0._commandName == group }?.configuration.subcommands.contains { $0._commandName == name }
            ?? false
        })
      defer { Session.closeAll() }
      if let name = arguments.first, let request = typedRequests[name]?.init(typed: Array(arguments.dropFirst())) {
        return try request.run()
      }
      var command = try leafCommand(arguments) ?? parseAsRoot(arguments)
      try command.run()
    } catch {
      // Argument errors quote what was typed: escape it like every other output.
      let message = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
        .map { Escaping.forDisplay(String($0)) }.joined(separator: "\n")
      let code = exitCode(for: error)
      if !message.isEmpty {
        let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
        stream.write(Data((message + "\n").utf8))
      }
      Foundation.exit(code.rawValue)
    }
  }

  /// The commands scripts call most, read without the argument parser when typed plainly
  /// (made when asked: a stored table of metatypes is not `Sendable`).
  private static var typedRequests: [String: any TypedRequest.Type] { ["list": ListRequest.self, "stats": StatsRequest.self] }

  /// A command with no subcommands of its own, parsed by itself: parsing from the root looks
  /// over every command's arguments by reflection, about 5 ms, most of what `list` costs on a
  /// small ledger. Help, completions, and anything it cannot parse go to the root parser, which
  /// answers them (and says what is wrong) as the whole program.
  private static func leafCommand(_ arguments: [String]) -> ParsableCommand? {
    let answeredByTheRoot = ["-h", "--help", "--version", "--generate-completion-script"]
    guard let name = arguments.first, let type = configuration.subcommands.first(where: { $0._commandName == name }),
      type.configuration.subcommands.isEmpty,
      !arguments.contains(where: { argument in
        argument.hasPrefix("---") || answeredByTheRoot.contains { argument == $0 || argument.hasPrefix($0 + "=") }
      })
    else { return nil }
    return try? type.parse(Array(arguments.dropFirst()))
  }
}
