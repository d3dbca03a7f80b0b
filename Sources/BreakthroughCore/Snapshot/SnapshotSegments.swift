import Dispatch

/// The promises of a snapshot, read segment by segment on all cores at once, then put
/// together in order.
struct SegmentReading: Sendable {
  /// Where each segment's bytes are, and which positions of the list its promises fill.
  let segments: [(bytes: Range<Int>, promises: Range<Int>)]
  let archive: SnapshotArchive
  let breakthroughIDs: [String]

  /// What the segments hold, in order: the promises, and their links to others by position.
  struct Result {
    var promises = PromiseList()
    var links: [(promise: Int, replaces: Int, replacedBy: Int)] = []
  }

  /// Each segment's bytes are read from the archive's source by the reader that decodes them,
  /// and let go when it is done: the whole snapshot is never in memory at once.
  func read() throws(Refusal) -> Result {
    let results = Slots(count: segments.count)
    defer { results.release() }
    DispatchQueue.concurrentPerform(iterations: segments.count) { number in
      results.base[number] = Swift.Result { () throws(Refusal) in try readSegment(number) }
    }
    var whole = Result()
    for number in segments.indices {
      let part = try results.base[number].get()
      whole.promises.append(contentsOf: part.promises)
      whole.links += part.links
    }
    return whole
  }

  private func readSegment(_ number: Int) throws(Refusal) -> Result {
    let (byteRange, positions) = segments[number]
    guard let bytes = archive.source.bytes(in: byteRange) else { throw Refusal("a segment of the snapshot cannot be read") }
    return try bytes.withUnsafeBufferPointer { (buffer) throws(Refusal) in try readSegment(buffer, at: byteRange.lowerBound, positions) }
  }

  private func readSegment(_ bytes: UnsafeBufferPointer<UInt8>, at base: Int, _ positions: Range<Int>) throws(Refusal) -> Result {
    var input = SnapshotReader(bytes)
    // Every promise refers to the archive and most to a breakthrough id: each reader gets
    // its own copies, so that cores do not contend for the same reference counts.
    let archive = self.archive.copy()
    let breakthroughIDs = self.breakthroughIDs.map { String(decoding: Array($0.utf8), as: UTF8.self) }
    var part = Result()
    while !input.isAtEnd {
      let position = positions.lowerBound + part.promises.count
      guard position < positions.upperBound else { throw Refusal("a segment of the snapshot holds more promises than it says") }
      var link = (replaces: -1, replacedBy: -1)
      part.promises.append(try LedgerState.readPromise(&input, at: base, breakthroughIDs: breakthroughIDs, archive: archive, link: &link))
      if link.replaces >= 0 || link.replacedBy >= 0 { part.links.append((position, link.replaces, link.replacedBy)) }
    }
    guard part.promises.count == positions.count else { throw Refusal("a segment of the snapshot holds fewer promises than it says") }
    return part
  }

  /// One result per segment, each written by exactly one reader and read after all finish.
  private final class Slots: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Swift.Result<Result, Refusal>>

    init(count: Int) {
      base = .allocate(capacity: count)
      base.initialize(repeating: .failure(Refusal("a segment of the snapshot was not read")))
    }

    func release() {
      base.deinitialize().deallocate()
    }
  }
}
