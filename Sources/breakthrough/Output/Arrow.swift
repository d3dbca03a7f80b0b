import Foundation

/// The arrow between performer and customer in printed output: → where the locale is UTF-8,
/// else -> (a terminal in the C locale shows → as garbage).
enum Arrow {
  static let text: String = {
    let environment = ProcessInfo.processInfo.environment
    let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
    let lowered = locale.lowercased()
    return lowered.contains("utf-8") || lowered.contains("utf8") ? "→" : "->"
  }()
}
