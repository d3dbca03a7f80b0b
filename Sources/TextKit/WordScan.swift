/// Text looked at eight UTF-8 bytes at a time while each word passes a test: the common case
/// (plain ASCII) is decided a word at a time, and only the rest byte by byte.
enum WordScan {
  /// `rest` applied to the bytes of `text` that follow its leading words passing `passes`;
  /// nil when the text's bytes are not contiguous (the caller then looks at them all).
  static func after<Result>(
    _ text: String, wordsWhere passes: (UInt64) -> Bool, _ rest: (Slice<UnsafeBufferPointer<UInt8>>) -> Result
  ) -> Result? {
    text.utf8.withContiguousStorageIfAvailable { bytes in
      var index = 0
      if let base = bytes.baseAddress {
        while index + 8 <= bytes.count, passes(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) { index += 8 }
      }
      return rest(bytes[index...])
    }
  }
}
