import ArgumentParser
import BreakthroughCore
import Foundation
import TerminalKit

struct ThemesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "themes",
    abstract: "List the themes, each with a sample line in its colours.",
    discussion:
      "Themes are TOML files in $XDG_CONFIG_HOME/breakthrough/themes or PREFIX/share/breakthrough/themes beside the installed binary, and the shipped ones are built in; choose one with --theme, $BREAKTHROUGH_THEME or theme = \"NAME\" in $XDG_CONFIG_HOME/breakthrough/config.toml."
  )

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let library = ThemeLibrary(environment: environment)
    // Into a pipe or a file the samples are plain words: no escape sequence at all, not even bold.
    let styled = isatty(STDOUT_FILENO) == 1
    let colours =
      styled && ThemeLibrary.allowsColour(environment: environment) ? ((environment["TERM"] ?? "").contains("256") ? 256 : 16) : 0
    for (name, file) in library.available() {
      do {
        let theme = try library.theme(file ?? name)
        func sample(_ text: String, _ role: Role) -> String {
          let prefix = styled ? theme.style(for: role).ansiPrefix(colours: colours) : ""
          return prefix.isEmpty ? text : prefix + text + "\u{1B}[0m"
        }
        let line = [
          sample("P12 ana → ben", .title), sample("Ship the guide", .text), sample("2 d late", .overdue),
          sample("at risk", .atRisk), sample("kept", .kept), sample("125 days left", .countdown),
        ].joined(separator: "  ")
        print(
          "\(Escaping.forDisplay(name).padding(toLength: 16, withPad: " ", startingAt: 0)) \(line)   \(Escaping.forDisplay(file ?? "(built in)"))"
        )
      } catch {
        print(
          "\(Escaping.forDisplay(name).padding(toLength: 16, withPad: " ", startingAt: 0)) broken: \(Escaping.forDisplay(error.description))"
        )
      }
    }
  }
}
