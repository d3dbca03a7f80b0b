extension Array {
  /// Where an element whose order is `key` goes in this array, which is sorted by `keyOf`: the
  /// first place whose element does not come before it. A binary search, for lists that follow
  /// a move by what it changed instead of being sorted again.
  func insertionIndex<Key: Comparable>(for key: Key, by keyOf: (Element) -> Key) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if keyOf(self[middle]) < key { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
