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
    let escapedRows = ([headers] + rows).map { $0.map(Escaping.forDisplay) }
    var widths = Array(repeating: 0, count: headers.count)
    for row in escapedRows {
      for (column, cell) in row.enumerated() { widths[column] = max(widths[column], DisplayWidth.of(cell)) }
    }
    return escapedRows.map { row in
      row.enumerated().map { column, cell in
        column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
      }.joined(separator: "  ")
    }
  }
}
