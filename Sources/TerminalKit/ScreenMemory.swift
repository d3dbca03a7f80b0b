import CMalloc

/// How a screen's process keeps the memory it frees: a setting of the whole process, made by
/// the executables as a screen starts (`ScreenOptions.openTerminal`, the bench's `run`), never
/// by a library as it makes a value.
public enum ScreenMemory {
  /// Keeps large blocks for reuse instead of returning them to the system at once.
  ///
  /// A screen copies its lists of rows on a move and builds them anew on a filter key: 3 MB
  /// each at 1,000,000 promises. glibc gave each such block its own mapping, or cut the heap
  /// back when it was freed, so the next one came as fresh pages, each a page fault: a new
  /// promise on the board took 2.5 ms instead of 1.5, a filter key 42 ms instead of 34.
  /// Blocks of up to 32 MB (the most glibc allows) now come from the heap, and up to 512 MB
  /// of freed heap is kept.
  public static func keepFreedBlocks() {
    CMalloc_keepFreedBlocks(32 << 20, 512 << 20)
  }
}
