/// The shipped themes, carried inside the binary so that a lone copy of it has every one;
/// `BuiltInThemeFiles.swift` holds their text, generated from `themes/*.toml`.
enum BuiltInThemes {
  /// The names, the default first, then in alphabetical order.
  static let names: [String] = ["default"] + files.keys.filter { $0 != "default" }.sorted()
}
