import CLibpq
import Foundation

/// The hash chain of a team ledger as far as it was checked: event N's hash is SHA-256 over
/// event N−1's hash (no bytes before the first) followed by event N's line, byte for byte,
/// exactly as the server's trigger computes it when the row is added. A change to any past
/// line changes every hash after it, so two machines that agree on the head agree on the past.
public struct TeamChain: Equatable, Sendable {
  /// How many events the chain covers.
  public private(set) var count = 0
  /// The hash of event `count` (empty before the first).
  public private(set) var hash: [UInt8] = []

  public init() {}

  init(count: Int, hash: [UInt8]) {
    self.count = count
    self.hash = hash
  }

  /// Extends the chain by one line (without its newline); returns the new hash.
  @discardableResult
  public mutating func append(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    hash = Self.digest(after: hash, line)
    count += 1
    return hash
  }

  /// Follows the server where its stored hash is the one to go on from (a chain broken at the
  /// server is reported, and the rows after it still checked against each other).
  mutating func adopt(_ stored: [UInt8]) { hash = stored }

  /// SHA-256 of `previous` followed by `line`.
  static func digest(after previous: [UInt8], _ line: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var found: Int32 = -1
    let digest = [UInt8](unsafeUninitializedCapacity: 32) { digest, initialized in
      found = previous.withUnsafeBytes { before in
        CLibpq_sha256(before.baseAddress, before.count, line.baseAddress, line.count, digest.baseAddress)
      }
      initialized = 32
    }
    // libpq links libssl, so its libcrypto is loaded whenever a team ledger is: never reached.
    precondition(found == 0, "libcrypto's SHA256 is not loaded beside libpq")
    return digest
  }

  /// The hash in hexadecimal, as the server's `encode(hash, 'hex')` writes it.
  public var hex: String { Self.hex(hash) }

  /// The first twelve hexadecimal digits: enough for people to compare aloud.
  public var short: String { String(hex.prefix(12)) }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
    return String(decoding: text, as: UTF8.self)
  }

  /// Bytes from hexadecimal digits (the server's column as text); nil for anything else.
  static func bytes(hex: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard hex.count % 2 == 0 else { return nil }
    func value(_ digit: UInt8) -> UInt8? {
      switch digit {
      case 0x30...0x39: return digit - 0x30
      case 0x61...0x66: return digit - 0x61 + 10
      default: return nil
      }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(hex.count / 2)
    var index = 0
    while index < hex.count {
      guard let high = value(hex[index]), let low = value(hex[index + 1]) else { return nil }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }

  static func bytes(hex: String) -> [UInt8]? {
    var text = hex
    return text.withUTF8 { bytes(hex: $0) }
  }
}
