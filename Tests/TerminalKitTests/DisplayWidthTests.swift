import Foundation
import Testing
import TextKit

#if canImport(Glibc)
  import Glibc
#endif

/// glibc's `wcwidth`, which Swift's Glibc module does not export.
@_silgen_name("wcwidth") private func cWidth(_ character: wchar_t) -> Int32

/// The width table agrees with the C library's `wcwidth`, which decides where ncurses puts
/// the cursor: a disagreement would shift every cell after the character on that row.
@Suite(.serialized) struct DisplayWidthTests {
  @Test func theTableAgreesWithTheCLibrary() throws {
    // The locale is the process's: put back what it was for the tests that run beside this one.
    let previous = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
    defer { setlocale(LC_CTYPE, previous) }
    guard setlocale(LC_CTYPE, "C.UTF-8") != nil else {
      Issue.record("the C.UTF-8 locale is missing")
      return
    }
    let ranges: [ClosedRange<UInt32>] = [
      0x00A0...0x02FF, 0x0370...0x04FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF, 0x2500...0x25FC,
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
      0x1F900...0x1F9FF,
    ]
    var differing: [String] = []
    var compared = 0
    for range in ranges {
      for value in range {
        guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned else { continue }
        let theirs = Int(cWidth(wchar_t(bitPattern: value)))
        guard theirs >= 0 else { continue }
        compared += 1
        let ours = DisplayWidth.of(Character(scalar))
        if ours != theirs { differing.append(String(format: "U+%04X ours %d libc %d", value, ours, theirs)) }
      }
    }
    print("DisplayWidth: \(compared) characters compared with wcwidth, \(differing.count) differ")
    #expect(differing.isEmpty, "\(differing.prefix(40).joined(separator: "\n"))")
  }

  @Test func aTextCountedByCodePointIsCountedAsByCharacter() {
    // Scalars that stand alone, and ones that join a neighbour into one character: combining
    // marks, the joiner, variation selectors, Hangul jamo, tone marks, skin tones, flags.
    let pool: [UInt32] = [
      0x41, 0x7A, 0x20, 0xE9, 0x3B1, 0x416, 0x2014, 0x2192, 0x2500, 0x4E2D, 0x6771, 0x3042, 0x30AB, 0xAC00, 0xFF21,
      0x301, 0x20DD, 0x200D, 0xFE0F, 0xFE0E, 0x1100, 0x1161, 0x11A8, 0xA960, 0x302E, 0x3099, 0x1F3FB, 0x1F1E9, 0x1F1EA,
      0x2705, 0x1F600, 0x924, 0x94D, 0xAD, 0x200B,
    ]
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<5_000 {
      var text = ""
      for _ in 0..<Int(seed % 7 + 1) {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        if let scalar = Unicode.Scalar(pool[Int(seed >> 33) % pool.count]) { text.unicodeScalars.append(scalar) }
      }
      #expect(
        DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }
}
