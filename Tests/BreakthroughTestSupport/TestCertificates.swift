import Foundation

/// A private certificate authority made with the real `openssl` in a temporary folder, as a
/// team makes one: a certificate for the server (named `localhost`) and one per login, each
/// signed by the authority, each key readable by its owner alone.
public struct TestCertificates: Sendable {
  public let folder: String

  /// The authority's certificate: what `sslrootcert=` names.
  public var authority: String { folder + "/ca.crt" }
  public var serverCertificate: String { folder + "/server.crt" }
  public var serverKey: String { folder + "/server.key" }

  /// Makes the authority, the server's certificate, and one for each of `logins`.
  public init(logins: [String]) throws {
    let openssl = try Prerequisite.openSSL.located()
    folder = Scratch.directory + "bt-ca-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Self.run(
      openssl,
      [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/ca.key", "-out", authority, "-days", "2", "-subj",
        "/CN=team-ca",
      ])
    try sign("server", name: "localhost", openssl: openssl)
    for login in logins { try sign(login, name: login, openssl: openssl) }
  }

  /// The certificate and key files of `login`.
  public func files(of login: String) -> (certificate: String, key: String) {
    ("\(folder)/\(login).crt", "\(folder)/\(login).key")
  }

  /// A key and certificate named `name` (the subject's CN; a server's host name as well),
  /// signed by the authority.
  private func sign(_ file: String, name: String, openssl: String) throws {
    let path = "\(folder)/\(file)"
    try Self.run(
      openssl, ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", path + ".key", "-out", path + ".csr", "-subj", "/CN=\(name)"])
    try "subjectAltName=DNS:\(name)\n".write(toFile: path + ".ext", atomically: true, encoding: .utf8)
    try Self.run(
      openssl,
      [
        "x509", "-req", "-in", path + ".csr", "-CA", authority, "-CAkey", folder + "/ca.key", "-CAcreateserial", "-out", path + ".crt",
        "-days", "2", "-extfile", path + ".ext",
      ])
    chmod(path + ".key", 0o600)
  }

  private static func run(_ program: String, _ arguments: [String]) throws {
    let finished = try Spawn.run(program, arguments, environment: [:])
    guard finished.status == 0 else {
      throw Prerequisite.Missing(
        description: "openssl \(arguments.first ?? "") failed: " + String(decoding: finished.errors, as: UTF8.self))
    }
  }
}
