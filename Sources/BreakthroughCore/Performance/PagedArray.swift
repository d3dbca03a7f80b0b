/// An array kept in pages of 4,096 elements, each copied on write by itself.
///
/// A screen holds the ledger's state while the store folds new events into its own copy. The
/// id index was three plain arrays, so the first promise made after that copied all of them:
/// 28 MB and 5 ms at 1,000,000 promises, for every new promise on a screen. In pages, a change
/// copies the page it is in and the short list of pages.
struct PagedArray<Element: Sendable>: RandomAccessCollection, MutableCollection, Sendable {
  private static var pageShift: Int { 12 }
  private static var pageSize: Int { 1 << pageShift }
  private var pages: [[Element]] = []
  private(set) var count = 0

  init() {}

  init(repeating element: Element, count: Int) {
    append(repeating: element, count: count)
  }

  init(_ elements: [Element]) {
    pages = stride(from: 0, to: elements.count, by: Self.pageSize).map {
      Array(elements[$0..<Swift.min($0 + Self.pageSize, elements.count)])
    }
    count = elements.count
  }

  /// `count` elements, each page made by `page` from the range of indexes it holds.
  init(count: Int, pages page: (Range<Int>) -> [Element]) {
    pages = stride(from: 0, to: count, by: Self.pageSize).map { page($0..<Swift.min($0 + Self.pageSize, count)) }
    self.count = count
  }

  /// Page by page, not an index at a time: counting and checking a million is a loop over arrays.
  func makeIterator() -> FlattenSequence<[[Element]]>.Iterator {
    pages.joined().makeIterator()
  }

  /// Each page in order: a pass over them as whole arrays, such as copying their bytes.
  func forEachPage(_ body: ([Element]) -> Void) {
    pages.forEach(body)
  }

  var startIndex: Int { 0 }
  var endIndex: Int { count }

  subscript(position: Int) -> Element {
    get { pages[position >> Self.pageShift][position & (Self.pageSize - 1)] }
    _modify { yield &pages[position >> Self.pageShift][position & (Self.pageSize - 1)] }
  }

  mutating func append(_ element: Element) {
    if count & (Self.pageSize - 1) == 0 {
      pages.append([])
      pages[pages.count - 1].reserveCapacity(Self.pageSize)
    }
    pages[pages.count - 1].append(element)
    count += 1
  }

  mutating func append(repeating element: Element, count added: Int) {
    var left = added
    while left > 0 {
      if count & (Self.pageSize - 1) == 0 { pages.append([]) }
      let room = Self.pageSize - (count & (Self.pageSize - 1))
      let taken = Swift.min(room, left)
      pages[pages.count - 1] += repeatElement(element, count: taken)
      count += taken
      left -= taken
    }
  }
}
