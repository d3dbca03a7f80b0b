/// The promises of a snapshot, read segment by segment (on all cores at once, with the store's
/// runner), then put together in order.
struct SegmentReading: Sendable {
  /// Where each segment's bytes are, and which positions of the list its promises fill.
  let segments: [(bytes: Range<Int>, promises: Range<Int>)]
  let archive: SnapshotArchive

  /// What the segments hold, in order: the promises, and their links to others by position.
  struct Result {
    var promises = PromiseList()
    var links: [(promise: Int, replaces: Int, replacedBy: Int)] = []
  }

  /// Each segment's bytes are read from the archive's source by the reader that decodes them
  /// (lent where the source can) and let go when it is done: the whole snapshot is never
  /// copied into memory at once. `alongside` runs meanwhile, as one more piece of the work;
  /// `runner` says on which threads.
  func read<Other: Sendable>(
    on runner: PieceRunner, alongside: @escaping @Sendable () throws(Refusal) -> Other
  ) throws(Refusal) -> (Result, Other) {
    let results = Slots<Result>(count: segments.count)
    let other = Slots<Other>(count: 1)
    defer {
      results.release()
      other.release()
    }
    runner.run(segments.count + 1) { number in
      // First, because it is the longest piece.
      if number == 0 {
        other.base[0] = Swift.Result { () throws(Refusal) in try alongside() }
      } else {
        results.base[number - 1] = Swift.Result { () throws(Refusal) in try readSegment(number - 1) }
      }
    }
    var parts: [Result] = []
    for number in segments.indices { parts.append(try results.base[number].get()) }
    return (Result(promises: PromiseList(joining: parts.map(\.promises)), links: parts.flatMap(\.links)), try other.base[0].get())
  }

  private func readSegment(_ number: Int) throws(Refusal) -> Result {
    let (byteRange, positions) = segments[number]
    let part = try archive.source.withBytes(in: byteRange) { (buffer) throws(Refusal) in
      try readSegment(buffer, at: byteRange.lowerBound, positions)
    }
    guard let part else { throw Refusal("a segment of the snapshot cannot be read") }
    return part
  }

  private func readSegment(_ bytes: UnsafeBufferPointer<UInt8>, at base: Int, _ positions: Range<Int>) throws(Refusal) -> Result {
    var input = SnapshotReader(bytes)
    // Every built promise refers to the archive and most to a breakthrough id: each reader
    // gets its own copies, so that cores do not contend for the same reference counts.
    let archive = self.archive.copy()
    // Gathered in plain arrays and made into a list once: appending to the list's own
    // structures one promise at a time was a tenth of an open.
    var segment = PromiseList.Segment(archived: [], built: PromiseChunks(), slots: [])
    segment.archived.reserveCapacity(positions.count)
    segment.slots.reserveCapacity(positions.count)
    var links: [(promise: Int, replaces: Int, replacedBy: Int)] = []
    // Where each promise's id is in `bytes`: a running promise's link to an earlier one in
    // the same segment (its renegotiated original, mostly) is read from here, not the file.
    var ids: [Range<Int>] = []
    ids.reserveCapacity(positions.count)
    while !input.isAtEnd {
      let position = positions.lowerBound + segment.slots.count
      guard position < positions.upperBound else { throw Refusal("a segment of the snapshot holds more promises than it says") }
      let start = input.index
      let record = try SnapshotPromiseRecord(&input, people: archive.people.count, breakthroughs: archive.breakthroughIDs.count)
      let length = input.index - start
      try PromisePastCoding.skip(&input)
      ids.append(record.id)
      // A closed promise is kept as its record; a running one is built, its texts read now.
      if record.progress.state.isClosed, ArchivedPromise.fits(record, length: length) {
        segment.slots.append(~Int32(truncatingIfNeeded: segment.archived.count))
        segment.archived.append(ArchivedPromise(record, offset: base + start, length: length))
        continue
      }
      func id(_ linked: Int) -> String? {
        let offset = linked - positions.lowerBound
        return ids.indices.contains(offset) ? String(decoding: UnsafeBufferPointer(rebasing: bytes[ids[offset]]), as: UTF8.self) : nil
      }
      let promise = record.promise(in: bytes, archive: archive, past: base + start + length, id: id)
      if (record.replaces >= 0 && promise.terms.replaces == nil) || (record.progress.replacedBy >= 0 && promise.replacedBy == nil) {
        links.append((position, record.replaces, record.progress.replacedBy))
      }
      segment.slots.append(segment.built.append(promise))
    }
    guard segment.slots.count == positions.count else { throw Refusal("a segment of the snapshot holds fewer promises than it says") }
    return Result(promises: PromiseList(segment, archive: archive), links: links)
  }

  /// One result per piece of the work, each written by exactly one reader and read after all
  /// finish.
  final class Slots<Value>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Swift.Result<Value, Refusal>>

    init(count: Int) {
      base = .allocate(capacity: count)
      base.initialize(repeating: .failure(Refusal("a segment of the snapshot was not read")))
    }

    func release() {
      base.deinitialize().deallocate()
    }
  }
}
