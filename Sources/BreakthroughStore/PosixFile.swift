#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A thin owner of one POSIX file descriptor: the few calls the ledger needs, each turning
/// `errno` into a sentence that names the file. It may be shared between threads: the
/// descriptor never changes, and positioned reads (`pread`) do not disturb one another.
final class PosixFile: @unchecked Sendable {
  let descriptor: Int32
  let path: String

  private init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  deinit { close(descriptor) }

  /// Opens for reading; nil when the file does not exist yet.
  static func openForReading(_ path: String) throws(StoreError) -> PosixFile? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      if errno == ENOENT { return nil }
      throw failure("cannot read \(path)")
    }
    let file = PosixFile(descriptor: descriptor, path: path)
    try file.requireRegularFile()
    return file
  }

  /// Opens for appending, creating the file (0600) and its folder (0700) when missing. A file
  /// it creates has its folder synced too, so that the new entry survives a power cut.
  static func openForAppending(_ path: String) throws(StoreError) -> PosixFile {
    try makeFolder(of: path)
    var descriptor = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
    if descriptor < 0 && errno == ENOENT {
      descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
      if descriptor >= 0 { try syncFolder(of: path) }
    }
    guard descriptor >= 0 else {
      throw failure("cannot write \(path)")
    }
    let file = PosixFile(descriptor: descriptor, path: path)
    try file.requireRegularFile()
    return file
  }

  /// Creates a new file that must not exist yet, for writing (0600); its folder is synced.
  static func createNew(_ path: String) throws(StoreError) -> PosixFile {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw failure("cannot create \(path)") }
    try syncFolder(of: path)
    return PosixFile(descriptor: descriptor, path: path)
  }

  /// Syncs the folder that holds `path`: a created or renamed file's entry is in the folder,
  /// and `fsync` on the file alone does not make that entry durable.
  static func syncFolder(of path: String) throws(StoreError) {
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    let descriptor = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure("cannot open the folder of \(path)") }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw failure("cannot sync the folder of \(path) to disk") }
  }

  static func makeFolder(of path: String) throws(StoreError) {
    guard let slash = path.lastIndex(of: "/") else { return }
    let folder = String(path[..<slash])
    guard !folder.isEmpty else { return }
    var info = stat()
    if stat(folder, &info) == 0 {
      guard info.st_mode & S_IFMT == S_IFDIR else { throw StoreError.io("cannot create the ledger in \(folder): it is not a folder") }
      return
    }
    try makeFolder(of: folder)
    guard mkdir(folder, 0o700) == 0 || errno == EEXIST else { throw failure("cannot create the folder \(folder)") }
  }

  func requireRegularFile() throws(StoreError) {
    let info = try status()
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw StoreError.io(
        "\(path) is not a regular file (a folder?): name the ledger file itself with --store, for example \(path)/ledger.jsonl")
    }
  }

  func status() throws(StoreError) -> stat {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw PosixFile.failure("cannot inspect \(path)") }
    return info
  }

  /// Reads bytes from `offset` to the end of the file.
  func readToEnd(from offset: Int) throws(StoreError) -> [UInt8] {
    let size = Int(try status().st_size)
    guard size > offset else { return [] }
    return try read(from: offset, count: size - offset)
  }

  /// Reads up to `count` bytes from `offset` (fewer at the end of the file).
  func read(from offset: Int, count wanted: Int) throws(StoreError) -> [UInt8] {
    var failure: StoreError?
    // Not zero-filled first: the bytes are read straight into the array's storage.
    let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
      var done = 0
      while done < wanted {
        let count = pread(descriptor, buffer.baseAddress! + done, wanted - done, off_t(offset + done))
        if count < 0 && errno == EINTR { continue }
        if count < 0 {
          failure = PosixFile.failure("cannot read \(path)")
          break
        }
        if count == 0 { break }
        done += count
      }
      initialized = done
    }
    if let failure { throw failure }
    return bytes
  }

  /// Calls `body` with the file's bytes in `range` mapped into memory, without copying them;
  /// nil when they cannot be mapped (the caller reads them instead).
  ///
  /// Only for files that are never cut shorter while mapped (a snapshot is replaced by rename,
  /// the ledger only grows past what a snapshot covers): reading a page cut off would kill the
  /// process. It is used while opening, where reading a gigabyte by copies took half a second.
  func withMapping<Result, Failure: Error>(
    _ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
  ) throws(Failure) -> Result? {
    guard range.lowerBound >= 0, !range.isEmpty else { return range.isEmpty ? try body(UnsafeBufferPointer(start: nil, count: 0)) : nil }
    // The mapping starts on a page boundary: the range is found inside it.
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = range.lowerBound / page * page
    let length = range.upperBound - start
    guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, off_t(start)), mapped != MAP_FAILED else { return nil }
    defer { munmap(mapped, length) }
    _ = madvise(mapped, length, MADV_SEQUENTIAL)
    let bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self) + (range.lowerBound - start), count: range.count)
    return try body(bytes)
  }

  /// Writes all of `bytes` at the end of the file (the descriptor is opened for appending).
  func append(_ bytes: [UInt8]) throws(StoreError) {
    var done = 0
    while done < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress! + done, buffer.count - done)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { throw PosixFile.failure("cannot write \(path)") }
      done += count
    }
  }

  func sync() throws(StoreError) {
    guard fsync(descriptor) == 0 else { throw PosixFile.failure("cannot sync \(path) to disk") }
  }

  /// Asks the system to start writing what was written so far to disk, without waiting: a
  /// `sync` after it waits only for what is not on disk yet. A hint; nothing when unsupported.
  func startSync() {
    _ = Self.syncFileRange?(descriptor, 0, 0, Self.syncFileRangeWrite)
  }

  /// Linux's `sync_file_range`, which Swift's view of the C library leaves out (it is a GNU
  /// extension); nil elsewhere.
  private static let syncFileRange = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range").map {
    unsafeBitCast($0, to: (@convention(c) (Int32, off_t, off_t, UInt32) -> Int32).self)
  }
  /// `SYNC_FILE_RANGE_WRITE`: start writing the dirty pages, do not wait.
  private static let syncFileRangeWrite: UInt32 = 2

  func truncate(to size: Int) throws(StoreError) {
    guard ftruncate(descriptor, off_t(size)) == 0 else { throw PosixFile.failure("cannot truncate \(path)") }
  }

  /// Waits for the exclusive lock that every writer takes.
  func lockExclusively() throws(StoreError) {
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else { throw PosixFile.failure("cannot lock \(path)") }
    }
  }

  /// True when no writer holds the lock right now (checked without waiting, and let go at once).
  func isIdle() -> Bool {
    guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return false }
    flock(descriptor, LOCK_UN)
    return true
  }

  static func failure(_ what: String, fix: String? = nil) -> StoreError {
    let code = errno
    let reason = String(cString: strerror(code))
    let isForbidden = code == EACCES || code == EPERM || code == EROFS
    let fix = fix ?? (isForbidden ? "check the permissions (ls -l) or name another file with --store" : nil)
    return StoreError.io("\(what): \(reason)" + (fix.map { "; \($0)" } ?? ""))
  }
}
