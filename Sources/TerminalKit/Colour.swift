import Foundation

/// A colour as a theme names it: a name, an index 0–255, `#rrggbb`, or the terminal's default.
public enum Colour: Equatable, Sendable {
  case terminalDefault
  /// 0–255 in the xterm palette (0–15 are the named ones).
  case indexed(Int)
  case rgb(red: Int, green: Int, blue: Int)

  static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

  /// Reads `red`, `bright-red`, `default`, `208` or `#ff8800`; nil when it is none of these.
  public init?(_ text: String) {
    let word = text.lowercased().trimmingCharacters(in: .whitespaces)
    if word == "default" || word == "none" {
      self = .terminalDefault
    } else if let index = Colour.names.firstIndex(of: word) {
      self = .indexed(index)
    } else if word.hasPrefix("bright-"), let index = Colour.names.firstIndex(of: String(word.dropFirst(7))) {
      self = .indexed(index + 8)
    } else if word == "gray" || word == "grey" {
      self = .indexed(8)
    } else if let index = Int(word), (0...255).contains(index) {
      self = .indexed(index)
    } else if word.hasPrefix("#"), word.count == 7, let value = Int(word.dropFirst(), radix: 16) {
      self = .rgb(red: value >> 16 & 0xFF, green: value >> 8 & 0xFF, blue: value & 0xFF)
    } else {
      return nil
    }
  }

  /// The nearest colour a terminal with `count` colours offers (256, 16, 8), or nil for the
  /// terminal's default (and always when it has no colour).
  public func index(forTerminalWith count: Int) -> Int? {
    guard count >= 8 else { return nil }
    switch self {
    case .terminalDefault:
      return nil
    case .indexed(let index):
      if count >= 256 || (count >= 16 && index < 16) || index < 8 { return index }
      return Colour.nearest(Colour.xterm(index), among: count >= 16 ? 16 : 8)
    case .rgb(let red, let green, let blue):
      return Colour.nearest((red, green, blue), among: count >= 256 ? 256 : (count >= 16 ? 16 : 8))
    }
  }

  /// The palette index among the first `available` xterm colours closest to `rgb`.
  static func nearest(_ rgb: (Int, Int, Int), among available: Int) -> Int {
    var best = 0
    var bestDistance = Int.max
    for index in 0..<available {
      let candidate = xterm(index)
      let distance = square(candidate.0 - rgb.0) + square(candidate.1 - rgb.1) + square(candidate.2 - rgb.2)
      if distance < bestDistance { (best, bestDistance) = (index, distance) }
    }
    return best
  }

  private static func square(_ value: Int) -> Int { value * value }

  /// The red, green and blue of xterm's colour `index`.
  static func xterm(_ index: Int) -> (Int, Int, Int) {
    let base = [
      (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
      (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    if index < 16 { return base[max(0, index)] }
    if index < 232 {
      let levels = [0, 95, 135, 175, 215, 255]
      let cube = index - 16
      return (levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6])
    }
    let gray = 8 + (min(index, 255) - 232) * 10
    return (gray, gray, gray)
  }
}
