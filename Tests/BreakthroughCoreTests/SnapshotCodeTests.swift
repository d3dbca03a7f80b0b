import Testing

@testable import BreakthroughCore

/// The numbers a snapshot stores for states and confidence are fixed: a snapshot written by
/// one build must read the same in the next, whatever order the cases are declared in.
@Suite struct SnapshotCodeTests {
  @Test func promiseStatesKeepTheirCodes() {
    let codes: [PromiseState: Int] = [
      .open: 0, .delivered: 1, .kept: 2, .notKept: 3, .renegotiated: 4, .revoked: 5, .released: 6, .withdrawn: 7,
    ]
    #expect(codes.count == PromiseState.allCases.count, "a new state needs a new code, pinned here")
    for state in PromiseState.allCases { #expect(state.code == codes[state], "\(state)") }
  }

  @Test func confidenceKeepsItsCodes() {
    let codes: [Confidence: Int] = [.onTrack: 0, .atRisk: 1, .offTrack: 2]
    #expect(codes.count == Confidence.allCases.count)
    for level in Confidence.allCases { #expect(level.code == codes[level], "\(level)") }
  }

  @Test func everyCodeReadsBackAsItsCase() throws {
    for state in PromiseState.allCases {
      var writer = SnapshotWriter()
      writer.int(state.code)
      let read = try writer.bytes.withUnsafeBufferPointer { (buffer) throws(Refusal) in
        var reader = SnapshotReader(buffer)
        return try reader.coded(PromiseState.self)
      }
      #expect(read == state)
    }
  }
}
