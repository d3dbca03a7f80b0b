import BreakthroughCore

/// Columns aligned by display width (wide characters take two cells), for people to read.
struct TextTable {
  let headers: [String]
  var rows: [[String]] = []

  init(headers: [String]) {
    self.headers = headers
  }

  /// The table as lines; every cell is escaped, and the last column is not padded.
  func lines() -> [String] {
    var lines: [String] = []
    write { lines.append($0) }
    return lines
  }

  /// The lines, each ended by a newline, as one text: printed at once, a long list is not
  /// thousands of writes.
  var text: String {
    var text = ""
    text.reserveCapacity((rows.count + 1) * 80)
    write { line in
      text += line
      text += "\n"
    }
    return text
  }

  /// Calls `line` with each line in order.
  private func write(_ line: (String) -> Void) {
    let escapedRows = ([headers] + rows).map { $0.map(Escaping.forDisplay) }
    // Each cell's width is worked out once: for text in other scripts it is a walk over characters.
    let cellWidths = escapedRows.map { $0.map(DisplayWidth.of) }
    var widths = Array(repeating: 0, count: headers.count)
    for row in cellWidths {
      for (column, width) in row.enumerated() { widths[column] = max(widths[column], width) }
    }
    // Each run of spaces made once: appending spaces one by one was half the time of a long table.
    // Only the padded columns count (the last, often the longest text, is never padded), and
    // each length is made when first needed: runs of every length up to the widest were
    // memory that grew with the square of the longest text.
    var runs: [Int: String] = [:]
    func padding(_ count: Int) -> String {
      if let run = runs[count] { return run }
      let run = String(repeating: " ", count: count)
      runs[count] = run
      return run
    }
    for (row, cells) in zip(escapedRows, cellWidths) {
      var text = ""
      // Empty cells at the end of a row are not padded: a line never ends in spaces.
      let last = cells.lastIndex { $0 > 0 } ?? 0
      for (column, cell) in row.enumerated() {
        text += cell
        guard column < last else { break }
        text += padding(widths[column] - cells[column] + 2)
      }
      line(text)
    }
  }
}
