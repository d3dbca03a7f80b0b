import Foundation
import Testing

/// A program some tests need beyond what the build needs. Where it is missing, the tests that
/// need it are skipped, and the run prints one line naming what to install; where every test
/// must run (`.ci/run` sets BREAKTHROUGH_REQUIRE_ALL=1), they run and fail, saying the same.
public enum Prerequisite: String, CaseIterable, Sendable {
  case tmux, strace, taskwarrior, postgreSQL, pgBouncer, openSSL
  /// Python 3 with Debian's packages, for the readers below; its standard `csv` module alone for CSV.
  case python
  case iCalendarReader, commonMarkReader, htmlReader

  /// What it is called in a message.
  public var name: String {
    switch self {
    case .tmux: "tmux"
    case .strace: "strace"
    case .taskwarrior: "Taskwarrior"
    case .postgreSQL: "PostgreSQL"
    case .pgBouncer: "PgBouncer"
    case .openSSL: "OpenSSL's command"
    case .python: "Python 3"
    case .iCalendarReader: "Python's iCalendar reader"
    case .commonMarkReader: "Python's CommonMark reader"
    case .htmlReader: "Python's HTML5 parser"
    }
  }

  /// The apt line that installs it.
  public var installation: String {
    switch self {
    case .tmux: "apt-get install tmux"
    case .strace: "apt-get install strace"
    case .taskwarrior: "apt-get install taskwarrior"
    case .postgreSQL: "apt-get install postgresql"
    case .pgBouncer: "apt-get install pgbouncer"
    case .openSSL: "apt-get install openssl"
    case .python: "apt-get install python3"
    case .iCalendarReader: "apt-get install python3-icalendar"
    case .commonMarkReader: "apt-get install python3-markdown-it"
    case .htmlReader: "apt-get install python3-html5lib"
    }
  }

  /// Where the program is: the first on the PATH; for a reader, the first `python3` on the PATH
  /// that can import it (a Python of one's own, first on the PATH, may lack Debian's packages).
  public var path: String? { Self.found[self] ?? nil }

  /// Whether the tests that need it run: where it is here, or where a missing one must fail.
  public var allowsRunning: Bool {
    guard path == nil else { return true }
    if isRequired { return true }
    Self.announceSkip(self)
    return false
  }

  /// True under `.ci/run`: BREAKTHROUGH_REQUIRE_ALL=1 (or, for PostgreSQL, the older
  /// BREAKTHROUGH_REQUIRE_POSTGRES=1).
  public var isRequired: Bool {
    let environment = ProcessInfo.processInfo.environment
    return environment["BREAKTHROUGH_REQUIRE_ALL"] == "1" || (self == .postgreSQL && environment["BREAKTHROUGH_REQUIRE_POSTGRES"] == "1")
  }

  /// The sentence for a test that cannot run without it.
  public var missing: String { "\(name) is not installed here: \(installation)" }

  /// Where it is, or an error that names what to install.
  public func located() throws -> String {
    guard let path else { throw Missing(description: missing) }
    return path
  }

  public struct Missing: Error, CustomStringConvertible {
    public let description: String
  }

  private static let found: [Prerequisite: String?] = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.find()) })

  private func find() -> String? {
    switch self {
    case .tmux: Self.onPath("tmux")
    case .strace: Self.onPath("strace")
    case .taskwarrior: Self.onPath("task")
    case .postgreSQL: TestPostgres.serverPrograms == nil ? nil : Self.onPath("psql")
    // Debian puts it in /usr/sbin, which a plain user's PATH may lack.
    case .pgBouncer:
      Self.onPath("pgbouncer") ?? (FileManager.default.isExecutableFile(atPath: "/usr/sbin/pgbouncer") ? "/usr/sbin/pgbouncer" : nil)
    case .openSSL: Self.onPath("openssl")
    case .python: Self.python(importing: "csv")
    case .iCalendarReader: Self.python(importing: "icalendar")
    case .commonMarkReader: Self.python(importing: "markdown_it")
    case .htmlReader: Self.python(importing: "html5lib")
    }
  }

  private static func onPath(_ program: String) -> String? {
    everyOnPath(program).first
  }

  private static func everyOnPath(_ program: String) -> [String] {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(program)" }.filter {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  private static func python(importing module: String) -> String? {
    everyOnPath("python3").first { python in
      (try? Spawn.run(python, ["-c", "import \(module)"], environment: ["LANG": "C.UTF-8"]))?.status == 0
    }
  }

  nonisolated(unsafe) private static var announced: Set<Prerequisite> = []
  private static let announcing = NSLock()

  private static func announceSkip(_ prerequisite: Prerequisite) {
    announcing.lock()
    defer { announcing.unlock() }
    guard announced.insert(prerequisite).inserted else { return }
    print("skipping the tests that need \(prerequisite.name): \(prerequisite.installation)")
  }
}

extension Trait where Self == ConditionTrait {
  /// Runs the test where `prerequisite` is installed (or required); else skips it, saying what to install.
  public static func needs(_ prerequisite: Prerequisite) -> Self {
    .enabled("needs \(prerequisite.name): \(prerequisite.installation)") { prerequisite.allowsRunning }
  }
}
