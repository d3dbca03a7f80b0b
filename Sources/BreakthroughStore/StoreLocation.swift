/// Where the ledger file is, and who is acting: from the options, the environment, or defaults.
public enum StoreLocation {
  /// `--store PATH`, else `BREAKTHROUGH_STORE`, else `$XDG_DATA_HOME/breakthrough/ledger.jsonl`
  /// (`~/.local/share/breakthrough/ledger.jsonl` when unset).
  public static func ledgerPath(option: String?, environment: [String: String]) -> String {
    if let option, !option.isEmpty { return option }
    if let path = environment["BREAKTHROUGH_STORE"], !path.isEmpty { return path }
    let dataHome =
      environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (environment["HOME"] ?? ".") + "/.local/share"
    return dataHome + "/breakthrough/ledger.jsonl"
  }

  /// `--as HANDLE`, else `BREAKTHROUGH_USER`, else `$USER`.
  public static func actorName(option: String?, environment: [String: String]) -> String? {
    for candidate in [option, environment["BREAKTHROUGH_USER"], environment["USER"]] {
      if let candidate, !candidate.isEmpty { return candidate }
    }
    return nil
  }
}
