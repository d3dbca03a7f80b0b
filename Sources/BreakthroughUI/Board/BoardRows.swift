import BreakthroughCore

/// The rows of the board's two lists: built over the ledger when the filter, the grouping or
/// the moment changes, and followed promise by promise when a move changes a few.
extension BoardState {
  /// Rebuilds both lists from the ledger and the filter, keeping each selection by promise id.
  mutating func rebuildRows() {
    let moment = measures.moment
    let matches = FilterQuery(filter)
    // Sorted by keys read once, rather than reading two promises a comparison.
    var open: [PromiseOrder] = []
    var overdue: [PromiseOrder] = []
    let promises = ledger.promises
    // Closed promises, most of a long ledger, are passed over without being read.
    deliveredCount = 0
    nextDeadline = nil
    for index in promises.indices where !promises.isClosed(at: index) {
      let promise = promises.promise(at: index)
      noteDeadline(of: promise)
      guard matches.isEmpty || matches.accepts(promise) else { continue }
      let order = PromiseOrder(promise, at: index)
      open.append(order)
      if promise.state == .delivered { deliveredCount += 1 }
      if promise.isOverdue(at: moment) { overdue.append(order) }
    }
    overdue.sort()
    open.sort()
    let openRows = isGroupedByPerson ? grouped(open.map(\.position)) : open.map { ListRow.promise(index: $0.position) }
    lists[.overdue]?.rows = overdue.map { .promise(index: $0.position) }
    lists[.open]?.rows = openRows
    reselectAll()
  }

  /// The promises at `positions` changed from how `earlier` had them: each leaves the lists it
  /// no longer belongs to and joins, in order, those it now does. A search, not a pass over the
  /// ledger; only the open list grouped by person is built again.
  mutating func followRows(_ positions: [Int], from earlier: LedgerState) {
    guard !isGroupedByPerson else { return rebuildRows() }
    let matches = FilterQuery(filter)
    for position in positions {
      let promise = ledger.promises.promise(at: position)
      noteDeadline(of: promise)
      guard matches.isEmpty || matches.accepts(promise) else { continue }
      let before = position < earlier.promises.count ? earlier.promises.promise(at: position) : nil
      for pane in Pane.allCases {
        let was = before.map { belongs($0, in: pane) } ?? false
        let isNow = belongs(promise, in: pane)
        guard was != isNow else { continue }
        let row = insertionRow(for: position, in: pane)
        if isNow {
          lists[pane]?.rows.insert(.promise(index: position), at: row)
        } else if lists[pane]?.rows.indices.contains(row) == true, lists[pane]?.rows[row].promiseIndex == position {
          lists[pane]?.rows.remove(at: row)
        }
      }
      deliveredCount += (promise.state == .delivered ? 1 : 0) - (before?.state == .delivered ? 1 : 0)
    }
    reselectAll()
  }

  /// Puts the cursor of the open pane on a promise, and focuses that pane.
  mutating func select(promiseID: String) {
    guard let row = row(of: promiseID, in: .open) else { return }
    focus = .open
    lists[.open]?.cursor = row
    lists[.open]?.selectedID = promiseID
  }

  /// Whether `promise` is listed in `pane` (the filter aside), at the moment of the measures.
  private func belongs(_ promise: Promise, in pane: Pane) -> Bool {
    switch pane {
    case .open: return !promise.state.isClosed
    case .overdue: return promise.isOverdue(at: measures.moment)
    }
  }

  private func rowOrder(_ position: Int) -> PromiseOrder {
    PromiseOrder(position, in: ledger.promises)
  }

  /// Where the promise at `position` is, or would go, in the ungrouped rows of `pane`.
  private func insertionRow(for position: Int, in pane: Pane) -> Int {
    let order = rowOrder(position)
    return (lists[pane]?.rows ?? []).insertionIndex(for: order) { $0.promiseIndex.map(rowOrder) ?? order }
  }

  /// The row showing the promise `id` in `pane`, if it is listed.
  private func row(of id: String, in pane: Pane) -> Int? {
    guard let position = ledger.position(ofID: id), let rows = lists[pane]?.rows else { return nil }
    if isGroupedByPerson && pane == .open { return rows.firstIndex { $0.promiseIndex == position } }
    let row = insertionRow(for: position, in: pane)
    return rows.indices.contains(row) && rows[row].promiseIndex == position ? row : nil
  }

  private mutating func reselectAll() {
    for pane in Pane.allCases {
      let row = lists[pane]?.selectedID.flatMap { self.row(of: $0, in: pane) }
      lists[pane]?.reselect(at: row, promises: ledger.promises)
    }
  }

  /// Notes when an unclosed promise's by-when passes later today, if it has a time.
  private mutating func noteDeadline(of promise: Promise) {
    let moment = measures.moment
    guard !promise.state.isClosed, promise.by.day == moment.day, let minute = promise.by.minuteOfDay, !promise.by.isPast(at: moment) else {
      return
    }
    nextDeadline = min(nextDeadline ?? minute, minute)
  }

  private func grouped(_ indices: [Int]) -> [ListRow] {
    var byPerson: [Handle: [Int]] = [:]
    for index in indices { byPerson[ledger.promises.promise(at: index).performer, default: []].append(index) }
    return byPerson.keys.sorted().flatMap { person in
      [ListRow.person(person.text)] + (byPerson[person] ?? []).map { .promise(index: $0) }
    }
  }
}
