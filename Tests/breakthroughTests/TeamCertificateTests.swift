import BreakthroughTestSupport
import Foundation
import Testing

/// A team whose server is far away logs in with certificates: TLS verified against the team's
/// own authority (made here by `openssl`), each member's certificate and key named in the URL,
/// no password asked. A certificate or key that cannot be used is named with its fix, and
/// never taken for an outage.
@Suite(.needs(.postgreSQL), .needs(.openSSL))
struct TeamCertificateTests {
  @Test func aMemberLogsInWithACertificateAndStoreCheckSaysSo() throws {
    let (server, team) = try Self.team()
    let ana = try #require(server.tlsURL(team.database, user: "ana")) + Self.files(server, "ana")
    let made = try team.run(["promise", "Over TLS", "--to", "ben", "--by", "+2d"], as: "ana", store: ana)
    #expect(made.status == 0, "\(made.errors)")
    #expect(try team.run(["show", "P1"], as: "ben").output.contains("ana promised ben"), "the certificate's login is the member")
    let check = try team.run(["store", "check"], as: "ana", store: ana)
    #expect(check.status == 0, "\(check.errors)")
    #expect(check.output.contains("on, certificate verified (sslmode=verify-full)"), "\(check.output)")
    #expect(check.output.contains("proved by    your certificate (CN=ana), no password"), "\(check.output)")

    let pat = try #require(server.tlsURL(team.database, user: "pat")).replacingOccurrences(of: "pat@", with: "pat:right-secret@")
    let byPassword = try team.run(["store", "check"], as: "ana", store: pat)
    #expect(byPassword.output.contains("proved by    a password"), "\(byPassword.output) \(byPassword.errors)")
    #expect(!byPassword.output.contains("right-secret") && !byPassword.errors.contains("right-secret"))
  }

  /// A command says goodbye to the server before it exits: without it, every command over TLS
  /// left "could not receive data from client: Connection reset by peer" in the server's log.
  @Test func aCommandLeavesTheServerWithoutALostClientInItsLog() throws {
    let (server, team) = try Self.team()
    let ana = try #require(server.tlsURL(team.database, user: "ana")) + Self.files(server, "ana")
    let commands = [["list"], ["promise", "Said goodbye", "--to", "ben", "--by", "+2d"], ["show", "P1"], ["show", "P404"], ["stats"]]
    let statuses = try commands.map { try team.run($0, as: "ana", store: ana).status }
    #expect(statuses.map { $0 == 0 } == [true, true, true, false, true], "a refusal ends the connection too")
    let log = try String(contentsOfFile: server.folder + "/log", encoding: .utf8)
    #expect(!log.contains("could not receive data from client"), "\(log.suffix(2_000))")
    #expect(!log.lowercased().contains("unexpected eof"), "\(log.suffix(2_000))")
  }

  @Test func aCertificateThatCannotBeUsedIsNamedWithItsFix() throws {
    let (server, team) = try Self.team()
    let base = try #require(server.tlsURL(team.database, user: "ana"))
    let (certificate, key) = try #require(server.certificates).files(of: "ana")
    // A key anyone may read, and a certificate file that holds no certificate.
    let open = Scratch.directory + "open-\(UUID().uuidString.prefix(8)).key"
    try FileManager.default.copyItem(atPath: key, toPath: open)
    chmod(open, 0o644)
    let notACertificate = Scratch.directory + "empty-\(UUID().uuidString.prefix(8)).crt"
    try "not a certificate\n".write(toFile: notACertificate, atomically: true, encoding: .utf8)
    let cases: [(query: String, says: String)] = [
      (
        "&sslcert=/nonexistent/ana.crt&sslkey=\(key)",
        "cannot read your certificate at /nonexistent/ana.crt (no such file or directory), named by sslcert= in the team ledger's URL"
      ),
      ("&sslcert=\(certificate)&sslkey=/nonexistent/ana.key", "cannot read your certificate's key at /nonexistent/ana.key"),
      ("&sslcert=\(certificate)&sslkey=\(open)", "has group or world access"),
      ("&sslcert=\(notACertificate)&sslkey=\(key)", "could not read certificate file"),
      ("", "connection requires a valid client certificate; give your certificate and its key in the URL (sslcert=FILE&sslkey=FILE)"),
      (
        Self.files(server, "ben"),
        "certificate authentication failed for user \"ana\"; the certificate given in sslcert= was made for another"
      ),
    ]
    for (query, says) in cases {
      // A passphrase in the URL is a secret like a password: never shown.
      let result = try team.run(["list"], as: "ana", store: base + query + "&sslpassword=hunter2")
      #expect(result.status != 0, "\(query)")
      #expect(result.errors.contains(says), "\(result.errors)")
      #expect(!result.errors.contains("cannot reach"), "a file to put right is no outage: \(result.errors)")
      #expect(!result.errors.contains("hunter2") && !result.output.contains("hunter2"))
    }
    let fileProblems = cases.prefix(4).map(\.query)
    for query in fileProblems {
      let result = try team.run(["list"], as: "ana", store: base + query)
      #expect(result.errors.contains("check sslcert= and sslkey=") || result.errors.contains("correct the path"), "\(result.errors)")
    }
  }

  /// A server with TLS and a team ledger on it, its members ana, ben and cy, and pat.
  private static func team() throws -> (TestPostgres, TeamSetup) {
    let server = try TestPostgres(tls: TestCertificates(logins: ["ana", "ben"]))
    let team = try TeamSetup(server: server)
    #expect(try BinaryRunner().run(["store", "member", "add", "pat", "--store", server.url(team.database, user: "owner")]).status == 0)
    return (server, team)
  }

  private static func files(_ server: TestPostgres, _ login: String) -> String {
    guard let (certificate, key) = server.certificates?.files(of: login) else { return "" }
    return "&sslcert=\(certificate)&sslkey=\(key)"
  }
}
