import BreakthroughCore
import Foundation

/// Where the feed is: the last ledger line it delivered (or passed over), with its event's id,
/// kept in a file so that a restart neither repeats nor skips an event. Written whole, beside
/// its name and renamed over it, so a crash leaves the old cursor or the new one.
struct FeedCursor: Equatable {
  /// Every line up to and including this one is done (0: none).
  var line: Int
  /// The id of that line's event, to know it is the same ledger.
  var eventID: String?

  /// The cursor in the file at `path`; nil when there is no file yet.
  static func read(from path: String) throws -> FeedCursor? {
    guard let data = FileManager.default.contents(atPath: path) else {
      guard !FileManager.default.fileExists(atPath: path) else {
        throw CommandFailure("cannot read the cursor \(path): it is there but cannot be read; let the feed read it, or name another file")
      }
      return nil
    }
    guard let value = try? JSONParser.parse(String(decoding: data, as: UTF8.self)), let line = value["line"]?.intValue, line >= 0 else {
      throw CommandFailure(
        "the cursor \(path) is not one the feed wrote (it should hold {\"line\": N, \"id\": \"…\"}); "
          + "delete it to start at the end of the ledger, or name another file")
    }
    return FeedCursor(line: line, eventID: value["id"]?.stringValue)
  }

  /// Writes the cursor to `path` whole, synced before it replaces the old one.
  func write(to path: String) throws {
    let text = JSONWriter.text(.object([("line", .number(Double(line))), ("id", eventID.map(JSONValue.string) ?? .null)])) + "\n"
    let temporary = path + ".tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    let bytes = Array(text.utf8)
    let written = descriptor >= 0 && Foundation.write(descriptor, bytes, bytes.count) == bytes.count && fsync(descriptor) == 0
    let failure = errno
    if descriptor >= 0 { close(descriptor) }
    guard written, rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(written ? errno : failure))
      unlink(temporary)
      throw CommandFailure("cannot write the cursor \(path): \(reason); the feed stopped so as not to deliver an event twice")
    }
  }
}
