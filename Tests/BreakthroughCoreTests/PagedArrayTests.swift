import Testing

@testable import BreakthroughCore

/// The paged array behaves as an array, and a copy changed in one place leaves the other as it was.
@Suite struct PagedArrayTests {
  @Test func itReadsAndWritesAsAnArrayAcrossPages() {
    var plain = Array(0..<10_000)
    var paged = PagedArray(plain)
    #expect(Array(paged) == plain)
    paged.append(repeating: -1, count: 5_000)
    plain += Array(repeating: -1, count: 5_000)
    for position in stride(from: 0, to: plain.count, by: 37) {
      paged[position] = position * 3
      plain[position] = position * 3
    }
    #expect(paged.count == 15_000)
    #expect(Array(paged) == plain)
    #expect(PagedArray(repeating: 7, count: 4_097).filter { $0 == 7 }.count == 4_097)
    #expect(PagedArray<Int>().isEmpty)
  }

  @Test func aCopyChangedInOnePlaceLeavesTheOther() {
    let original = PagedArray(repeating: 0, count: 9_000)
    var copy = original
    copy[8_999] = 1
    copy.append(repeating: 2, count: 3)
    #expect(original.allSatisfy { $0 == 0 })
    #expect(original.count == 9_000)
    #expect(copy[8_999] == 1)
    #expect(copy.suffix(3).allSatisfy { $0 == 2 })
  }
}
