/// One terminal cell: a grapheme with its display width, and the role it is drawn in.
///
/// A wide grapheme occupies its cell and the next; the next holds an empty continuation
/// (width 0) so that nothing is ever drawn over half of it.
public struct Cell: Equatable, Sendable {
  public var grapheme: String
  /// 1 for most characters, 2 for wide ones, 0 for the continuation of a wide one.
  public var width: Int
  public var role: Role

  public init(grapheme: String = " ", width: Int = 1, role: Role = .text) {
    self.grapheme = grapheme
    self.width = width
    self.role = role
  }

  static let blank = Cell()
}
