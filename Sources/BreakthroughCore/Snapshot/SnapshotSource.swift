/// Where a snapshot's bytes are read from, a range at a time.
///
/// Reading the whole snapshot into memory and keeping it for the promises' pasts held about
/// 300 bytes a promise beside the decoded promises (30 MB at 100,000, 300 MB at 1,000,000).
/// Read a segment at a time, each part is let go once decoded; a past is read back from the
/// source when it is asked for. The store reads its snapshot file this way; tests, bytes.
public protocol SnapshotSource: AnyObject, Sendable {
  /// How many bytes there are.
  var count: Int { get }
  /// The bytes in `range`; nil when they cannot be read (the source is then treated as damaged).
  func bytes(in range: Range<Int>) -> [UInt8]?
  /// Calls `body` with the bytes in `range`, not copied where the source can lend them (a file
  /// mapped into memory); nil when they cannot be read.
  func withBytes<Result, Failure: Error>(
    in range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
  ) throws(Failure) -> Result?
}

extension SnapshotSource {
  /// Copies the bytes, then lends the copy.
  public func withBytes<Result, Failure: Error>(
    in range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
  ) throws(Failure) -> Result? {
    guard let bytes = bytes(in: range) else { return nil }
    return try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in try body(buffer) }
  }
}

/// A snapshot's bytes held in memory.
public final class SnapshotBytes: SnapshotSource {
  private let bytes: [UInt8]

  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  public var count: Int { bytes.count }

  public func bytes(in range: Range<Int>) -> [UInt8]? {
    range.lowerBound >= 0 && range.upperBound <= bytes.count ? Array(bytes[range]) : nil
  }
}

extension SnapshotSource {
  /// The length-prefixed record at `offset`, prefix included: its bytes, and where its body starts.
  func record(at offset: Int) -> (bytes: [UInt8], body: Int)? {
    // A length is a variable-length number of at most ten bytes.
    guard let head = bytes(in: offset..<min(count, offset + 10)) else { return nil }
    let reading = head.withUnsafeBufferPointer { buffer -> (length: Int, prefix: Int)? in
      var input = SnapshotReader(buffer)
      guard let length = try? input.int(), length >= 0 else { return nil }
      return (length, input.index)
    }
    guard let reading, reading.length <= count - offset - reading.prefix,
      let whole = bytes(in: offset..<(offset + reading.prefix + reading.length))
    else { return nil }
    return (whole, reading.prefix)
  }
}
