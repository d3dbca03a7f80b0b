import BreakthroughCore
import Foundation

/// Which store, and who is acting: from the options, the environment, the config file, or defaults.
public enum StoreLocation {
  /// `--store`, else `BREAKTHROUGH_STORE`, else `store = "…"` from the config file, else
  /// `$XDG_DATA_HOME/breakthrough/ledger.jsonl` (`~/.local/share/breakthrough/ledger.jsonl`
  /// when unset). A path names a ledger file; a `postgres://` URL a team ledger.
  public static func store(option: String?, environment: [String: String], configured: String? = nil) -> String {
    for candidate in [option, environment["BREAKTHROUGH_STORE"], configured] {
      if let candidate, !candidate.isEmpty { return candidate }
    }
    let dataHome =
      environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (environment["HOME"] ?? ".") + "/.local/share"
    return dataHome + "/breakthrough/ledger.jsonl"
  }

  /// `--as HANDLE`, else `BREAKTHROUGH_USER`, else `$USER`, else the login name the system
  /// has for this process (a cron job or `env -i` has no `USER`). On a team ledger the login
  /// name on one machine is not asked: pass `consultingLogin: false`.
  public static func actorName(
    option: String?, environment: [String: String], consultingLogin: Bool = true, loginName: () -> String? = StoreLocation.loginName
  ) -> String? {
    for candidate in [option, environment["BREAKTHROUGH_USER"], consultingLogin ? environment["USER"] : nil] {
      if let candidate, !candidate.isEmpty { return candidate }
    }
    return consultingLogin ? loginName() : nil
  }

  /// The name of the user this process runs as, from the password database.
  public static func loginName() -> String? {
    guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
    let text = String(cString: name)
    return text.isEmpty ? nil : text
  }

  /// Where team ledgers are mirrored on this machine: `$XDG_CACHE_HOME/breakthrough`, else
  /// `~/.cache/breakthrough`.
  public static func mirrorFolder(environment: [String: String]) -> String {
    let cacheHome =
      environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (environment["HOME"] ?? ".") + "/.cache"
    return cacheHome + "/breakthrough"
  }

  /// Opens the store `store` names: a team ledger for a PostgreSQL URL (listening for others'
  /// appends when a screen will show it; for a command about to write, only connecting, its
  /// write opening it), else the ledger file at that path. `progress` hears how far a long read
  /// of a team ledger has got; `snapshotsAside`: the snapshots of a team ledger's copy are
  /// written by a detached copy of the process, so that no answer or first frame waits for them.
  public static func open(
    _ store: String, environment: [String: String], listening: Bool = false, forWriting: Bool = false,
    progress: ((_ read: Int, _ of: Int) -> Void)? = nil, snapshotsAside: Bool = false
  ) throws(StoreError) -> LedgerStore {
    if let team = TeamLocation(store) {
      return try TeamLedger(
        team, mirrorFolder: mirrorFolder(environment: environment), listening: listening, forWriting: forWriting, progress: progress,
        snapshotsAside: snapshotsAside)
    }
    return try FileLedger(path: store)
  }
}
