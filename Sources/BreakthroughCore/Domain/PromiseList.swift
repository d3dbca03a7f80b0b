import Foundation

/// Every promise of a ledger, in the order made: built ones, and closed ones still archived in
/// the snapshot the ledger was opened from (built from their records when looked at).
///
/// Opening a long ledger built every promise, though most are closed and never looked at
/// again: at 1,000,000 promises that was most of a second and 400 MB. Only the running ones
/// are built now; lists, measures and screens ask `isClosed(at:)` and `facts(at:)`, which
/// an archived promise answers without being built.
///
/// It is not a collection on purpose: `filter` or `map` over it would build every closed
/// promise without a word. A pass over every promise reads the fields; `promise(at:)` says
/// that it reads the whole promise, and `readEach()` that a pass does.
public struct PromiseList: Sendable {
  /// The built promises, in the order built (made, read from a snapshot, or moved since).
  private var built = PromiseChunks()
  /// For each position, where its promise is: its slot in `built` (0 and up) or `~n`, the nth
  /// archived.
  private var slots = PagedArray<Int32>()
  private var archived = ArchivedParts()
  /// Where the archived promises' records are; nil when there are none.
  private(set) var archive: SnapshotArchive?

  public init() {}

  /// A segment of a snapshot as it was read: its archived and built promises, and each
  /// position's slot (as `slots` has them).
  struct Segment {
    var archived: [ArchivedPromise]
    var built: PromiseChunks
    var slots: [Int32]
  }

  init(_ segment: Segment, archive: SnapshotArchive) {
    self.archive = archive
    archived = ArchivedParts(segment.archived)
    built = segment.built
    slots = PagedArray(segment.slots)
  }

  public var count: Int { slots.count }
  public var isEmpty: Bool { slots.count == 0 }
  /// Every position, in the order made.
  public var indices: Range<Int> { 0..<slots.count }

  /// The whole promise at `position`: a closed one is built from its record in the snapshot.
  public func promise(at position: Int) -> Promise { self[position] }

  /// Every promise, built as it is read: a pass that reads the snapshot's closed promises too.
  public func readEach() -> LazyMapSequence<Range<Int>, Promise> { indices.lazy.map { self[$0] } }

  /// The promise at `position`, to read or change in place (the fold's path).
  subscript(position: Int) -> Promise {
    // A copy, not lent (`_read`): Swift 6.3 released a value lent through this subscript
    // twice, in debug builds and then in release ones (an undo crashed). Passes over every
    // promise read the fields below instead, which copy nothing.
    get {
      let slot = Int(slots[position])
      return slot >= 0 ? built.chunks[slot >> PromiseChunks.shift][slot & PromiseChunks.mask] : unarchived(archived[~slot])
    }
    _modify {
      if slots[position] < 0 {
        let promise = unarchived(archived[Int(~slots[position])])
        slots[position] = built.append(promise)
      }
      let slot = Int(slots[position])
      yield &built.chunks[slot >> PromiseChunks.shift][slot & PromiseChunks.mask]
    }
  }

  /// Where the promise at `position` stands, without building it.
  public func state(at position: Int) -> PromiseState {
    let slot = Int(slots[position])
    return slot < 0 ? archived[~slot].state : built.chunks[slot >> PromiseChunks.shift][slot & PromiseChunks.mask].state
  }

  /// Where the promise at `position` stands, without copying the rest of it (it may be built).
  func progress(at position: Int) -> Promise.Progress {
    let slot = Int(slots[position])
    return slot < 0 ? unarchived(archived[~slot]).progress : built.chunks[slot >> PromiseChunks.shift][slot & PromiseChunks.mask].progress
  }

  /// The past of the promise at `position`, without copying the rest of it when it is built.
  func storedPast(at position: Int) -> StoredPast {
    let slot = Int(slots[position])
    return slot < 0 ? self[position].storedPast : built.chunks[slot >> PromiseChunks.shift][slot & PromiseChunks.mask].storedPast
  }

  /// Whether the promise at `position` is closed, without building it.
  public func isClosed(at position: Int) -> Bool {
    state(at: position).isClosed
  }

  /// When the promise at `position` was closed, without building it.
  public func closedAt(at position: Int) -> Date? {
    let slot = Int(slots[position])
    return slot < 0 ? archived[~slot].closedAt : built.chunks[slot >> PromiseChunks.shift][slot & PromiseChunks.mask].closedAt
  }

  /// The number of the promise at `position`, without building it.
  public func number(at position: Int) -> Int {
    let slot = Int(slots[position])
    return slot < 0
      ? archived[~slot].number : built.chunks[slot >> PromiseChunks.shift][slot & PromiseChunks.mask].terms.number
  }

  /// The performer or the customer of the promise at `position`, without building it.
  func party(_ party: Move.Kind.Party, at position: Int) -> Handle {
    let slot = Int(slots[position])
    if slot >= 0 {
      let (chunk, place) = (slot >> PromiseChunks.shift, slot & PromiseChunks.mask)
      return party == .performer ? built.chunks[chunk][place].terms.performer : built.chunks[chunk][place].terms.customer
    }
    guard let archive else { preconditionFailure("an archived promise without its archive") }
    let stored = archived[~slot]
    return archive.people[Int(party == .performer ? stored.performer : stored.customer)]
  }

  /// When the promise at `position` is due, without building it: how the weeks pass over the
  /// promises not due in their window without reading anything else of them.
  func by(at position: Int) -> ByWhen {
    let slot = Int(slots[position])
    return slot < 0 ? archived[~slot].by : built.chunks[slot >> PromiseChunks.shift][slot & PromiseChunks.mask].terms.by
  }

  /// What the measures read of the promise at `position`, without building it.
  func facts(at position: Int) -> PromiseFacts {
    let slot = Int(slots[position])
    if slot >= 0 {
      // Field by field: a copy of the whole promise retained every text of it, most of the
      // measures' time over a ledger whose promises are all built (a new machine's first open).
      let (chunk, place) = (slot >> PromiseChunks.shift, slot & PromiseChunks.mask)
      return PromiseFacts(
        performer: built.chunks[chunk][place].terms.performer, breakthrough: built.chunks[chunk][place].terms.breakthrough,
        madeAt: built.chunks[chunk][place].madeAt, state: built.chunks[chunk][place].progress.state,
        by: built.chunks[chunk][place].terms.by, deliveredAt: built.chunks[chunk][place].progress.deliveredAt,
        closedAt: built.chunks[chunk][place].progress.closedAt)
    }
    guard let archive else { preconditionFailure("an archived promise without its archive") }
    let stored = archived[~slot]
    let breakthrough: String?
    switch stored.breakthrough {
    case ArchivedPromise.unlinkedBreakthrough: breakthrough = unarchived(stored).terms.breakthrough
    case 0...: breakthrough = archive.breakthroughIDs[Int(stored.breakthrough)]
    default: breakthrough = nil
    }
    return PromiseFacts(
      performer: archive.people[Int(stored.performer)], breakthrough: breakthrough, madeAt: stored.madeAt, state: stored.state,
      by: stored.by, deliveredAt: stored.deliveredAt, closedAt: stored.closedAt)
  }

  /// The id of the promise at `position`.
  func id(at position: Int) -> String {
    let slot = Int(slots[position])
    if slot >= 0 { return built.chunks[slot >> PromiseChunks.shift][slot & PromiseChunks.mask].terms.id }
    // Only the id, which comes first: building the whole promise would follow its links.
    let stored = archived[~slot]
    let id = archive?.source.bytes(in: stored.offset..<(stored.offset + Int(stored.length)))?.withUnsafeBufferPointer { buffer in
      var input = SnapshotReader(buffer)
      return (try? input.textRange()).map { String(decoding: UnsafeBufferPointer(rebasing: buffer[$0]), as: UTF8.self) }
    }
    return id ?? ""
  }

  /// The promise's record and past in the archive's source, while it is still archived there.
  func archivedRecord(at position: Int) -> (offset: Int, past: Int)? {
    guard slots[position] < 0 else { return nil }
    let stored = archived[Int(~slots[position])]
    return (stored.offset, stored.past)
  }

  /// Whether the promise at `position` names an element, without building it.
  func hasElement(at position: Int) -> Bool {
    let slot = Int(slots[position])
    return slot < 0 ? archived[~slot].hasElement : built.chunks[slot >> PromiseChunks.shift][slot & PromiseChunks.mask].terms.element != nil
  }

  mutating func append(_ promise: Promise) {
    slots.append(built.append(promise))
  }

  /// The promises of `parts`, one after another (read from the same snapshot, if any).
  init(joining parts: [PromiseList]) {
    var joined: [Int32] = []
    joined.reserveCapacity(parts.reduce(0) { $0 + $1.count })
    for other in parts {
      let builtBefore = built.append(contentsOf: other.built)
      let moved = archived.append(contentsOf: other.archived)
      for slot in other.slots { joined.append(slot >= 0 ? slot + builtBefore : ~Int32(truncatingIfNeeded: moved(Int(~slot)))) }
      archive = archive ?? other.archive
    }
    slots = PagedArray(joined)
  }

  /// The archived promise built from its record; a stand-in that says so when the record
  /// cannot be read (the snapshot file was cut under the open ledger).
  private func unarchived(_ stored: ArchivedPromise) -> Promise {
    guard let archive else { preconditionFailure("an archived promise without its archive") }
    let length = Int(stored.length)
    let promise = archive.source.bytes(in: stored.offset..<(stored.offset + length))?.withUnsafeBufferPointer { buffer in
      var input = SnapshotReader(buffer)
      return (try? SnapshotPromiseRecord(&input, people: archive.people.count, breakthroughs: archive.breakthroughIDs.count))
        .map { $0.promise(in: buffer, archive: archive, past: stored.past, id: { indices.contains($0) ? id(at: $0) : nil }) }
    }
    if let promise { return promise }
    return Promise(
      terms: PromiseTerms(
        id: "", number: stored.number, performer: archive.people[Int(stored.performer)], customer: archive.people[Int(stored.customer)],
        what: "unreadable in the snapshot (delete ledger.jsonl.snapshot to rebuild it)", by: stored.by, breakthrough: nil,
        replaces: nil),
      madeAt: stored.madeAt,
      progress: Promise.Progress(state: stored.state, deliveredAt: stored.deliveredAt, closedAt: stored.closedAt),
      past: .decoded(.unreadable))
  }
}

/// The archived promises, in the arrays they were read into (one a segment of the snapshot):
/// joined by reference, not copied (at 1,000,000 promises a copy was 56 MB and a tenth of the
/// open). A promise's index says which array (the high bits) and where in it.
private struct ArchivedParts: Sendable {
  static let indexBits = 26
  private var parts: [[ArchivedPromise]] = []

  subscript(index: Int) -> ArchivedPromise {
    parts[index >> Self.indexBits][index & (1 << Self.indexBits - 1)]
  }

  init() {}

  /// One array, as a segment of the snapshot was read into.
  init(_ promises: [ArchivedPromise]) {
    precondition(promises.count <= 1 << Self.indexBits, "more archived promises in a segment than an index can tell apart")
    parts = [promises]
  }

  /// Adds `other`'s arrays after these; returns where each of its indexes is now.
  mutating func append(contentsOf other: ArchivedParts) -> (Int) -> Int {
    let shift = parts.count << Self.indexBits
    parts += other.parts
    // An index is kept in 31 bits: 32 arrays of 67 million (a snapshot has about eight).
    precondition(parts.count <= 32, "more archived arrays than an index can tell apart")
    return { $0 + shift }
  }
}

/// Promises kept in chunks of 1,024.
///
/// The screens hold the ledger's state while the store folds new events into its own copy:
/// with one array that first change copied every promise (28 MB and tens of milliseconds at
/// 100,000); in chunks it copies the one chunk it changes. A promise's slot is its chunk (the
/// high bits) and its place in it. A chunk may end short: lists read on several cores are
/// joined by sharing their chunks, not by copying every promise into full ones.
struct PromiseChunks: Sendable {
  static let shift = 10
  static let size = 1 << shift
  static let mask = size - 1
  /// Out of range is caught by the chunks' own bounds checks.
  fileprivate(set) var chunks: [[Promise]] = []

  /// Adds `promise` after the others; returns its slot.
  mutating func append(_ promise: Promise) -> Int32 {
    if chunks.last.map({ $0.count == Self.size }) ?? true {
      chunks.append([])
      chunks[chunks.count - 1].reserveCapacity(Self.size)
    }
    chunks[chunks.count - 1].append(promise)
    return Int32(truncatingIfNeeded: (chunks.count - 1) << Self.shift | (chunks[chunks.count - 1].count - 1))
  }

  /// Adds `other`'s chunks after these, shared; returns what to add to its slots.
  mutating func append(contentsOf other: PromiseChunks) -> Int32 {
    let offset = Int32(truncatingIfNeeded: chunks.count << Self.shift)
    chunks += other.chunks
    return offset
  }
}
