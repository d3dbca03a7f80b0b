import BreakthroughCore
import Foundation

/// Where a team ledger is: its URL (`postgres://` or `postgresql://`), how to name it in a
/// message without its password, and the mirror file on this machine that keeps what was read.
public struct TeamLocation: Sendable {
  public let url: String

  /// Nil when `store` is not a PostgreSQL URL (it names a ledger file).
  public init?(_ store: String) {
    let lowered = store.lowercased()
    guard lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") else { return nil }
    url = store
  }

  /// The URL with any password replaced by `***`: the only form that is ever shown.
  public var redacted: String { Self.redact(url) }

  /// `user@host:port/database` as a person reads it (a socket folder stands for the host).
  public var place: String {
    guard let components = URLComponents(string: url) else { return redacted }
    var host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? ""
    let query = components.queryItems ?? []
    if host.isEmpty { host = query.first { $0.name == "host" }?.value ?? "localhost" }
    let port = components.port.map { ":\($0)" } ?? ""
    let user = components.user.map { "\($0)@" } ?? query.first { $0.name == "user" }?.value.map { "\($0)@" } ?? ""
    let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    return Escaping.forDisplay("\(user)\(host)\(port)/\(database)")
  }

  /// The mirror of this ledger under `folder`: named by the URL without its password, so
  /// each team ledger has its own, and a changed password keeps the same one.
  public func mirrorPath(in folder: String) -> String {
    var hash = StreamHash()
    let key = Array(Self.redact(url).utf8)
    key.withUnsafeBufferPointer { hash.add($0) }
    let readable = place.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(48)
    return folder + "/team-\(String(readable))-\(String(hash.digest, radix: 16)).jsonl"
  }

  /// `text` with this URL's password, wherever it appears (as written or decoded), replaced by
  /// `***`: libpq quotes what it could not read, and that may be part of a password.
  public func hidingPassword(_ text: String) -> String {
    var passwords: [String] = []
    if let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@"),
      let colon = url[scheme.upperBound..<at].firstIndex(of: ":")
    {
      passwords.append(String(url[url.index(after: colon)..<at]))
    }
    if let range = url.range(of: "password=", options: .caseInsensitive) {
      passwords.append(String(url[range.upperBound...].prefix { $0 != "&" }))
    }
    var result = Self.redact(text)
    for password in passwords where !password.isEmpty && password != "***" {
      for form in Set([password, password.removingPercentEncoding ?? password]) where !form.isEmpty {
        result = result.replacingOccurrences(of: form, with: "***")
      }
    }
    return result
  }

  /// Hides a password written in a URL (`user:secret@`) or as a parameter (`password=secret`).
  public static func redact(_ text: String) -> String {
    var result = text
    if let scheme = result.range(of: "://"), let at = result[scheme.upperBound...].firstIndex(of: "@") {
      let userInfo = result[scheme.upperBound..<at]
      if let colon = userInfo.firstIndex(of: ":") {
        result.replaceSubrange(result.index(after: colon)..<at, with: "***")
      }
    }
    var searchFrom = result.startIndex
    while let range = result.range(of: "password=", options: .caseInsensitive, range: searchFrom..<result.endIndex) {
      let end = result[range.upperBound...].firstIndex { $0 == "&" || $0 == " " } ?? result.endIndex
      result.replaceSubrange(range.upperBound..<end, with: "***")
      searchFrom = result.index(range.upperBound, offsetBy: 3)
    }
    return result
  }
}
