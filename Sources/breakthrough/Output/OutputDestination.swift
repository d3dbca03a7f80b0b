import ArgumentParser
import Foundation

/// Where a command writes what it exports: standard output, or a file given with `-o`.
struct OutputDestination: ParsableArguments {
  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
  var path: String?

  /// Writes `text` whole: a file is written beside its final name and renamed over it, so a
  /// reader never sees half of it and a failure leaves what was there before.
  func write(_ text: String) throws {
    guard let path else {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
    let folder = url.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      throw CommandFailure(
        "cannot write \(path): the folder \(folder) does not exist; create it or write somewhere else; nothing was written")
    }
    do {
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw CommandFailure("cannot write \(path): \(Self.reason(error)); nothing was written")
    }
  }

  private static func reason(_ error: Error) -> String {
    let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? 0
    return code > 0 ? String(cString: strerror(Int32(code))) : (error as NSError).localizedDescription
  }
}
