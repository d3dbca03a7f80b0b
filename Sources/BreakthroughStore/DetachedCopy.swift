import Foundation

/// Work that an answer need not wait for, done by a copy of this process that goes on beside it
/// (and after it): writing the snapshot of a team ledger's first read, which at 100,000 promises
/// was a quarter of the open.
///
/// The copy is made only while this process runs one thread: a copy of a process running others
/// could find a lock one of them held taken forever. It is detached from everything of this
/// process but its memory: its own session (a Ctrl-C at the terminal is not for it), no files
/// of this one open (standard input, output and error are `/dev/null`, so no pipe reading this
/// process waits for it), and a grandchild, so that it is no one's to wait for. It ends with
/// `_exit`, never running this process's exit handlers or flushing its buffers twice, and
/// within a minute whatever happens.
enum DetachedCopy {
  /// Runs `work` in a detached copy of this process and returns at once; false, having done
  /// nothing, when no copy can be made (the caller then does the work itself).
  static func run(_ work: () -> Void) -> Bool {
    guard onlyThisThread() else { return false }
    let middle = fork()
    guard middle >= 0 else { return false }
    if middle == 0 {
      let worker = fork()
      if worker == 0 {
        detach()
        work()
        _exit(0)
      }
      _exit(worker < 0 ? 1 : 0)
    }
    var status: Int32 = 0
    var waited = waitpid(middle, &status, 0)
    while waited < 0, errno == EINTR { waited = waitpid(middle, &status, 0) }
    // The middle copy's exit status says whether the worker was made.
    return waited == middle && status == 0
  }

  /// Whether this process runs only the calling thread, after waiting a moment for threads that
  /// have finished their work to end.
  private static func onlyThisThread() -> Bool {
    for _ in 0..<20 {
      guard let threads = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return false }
      if threads.count == 1 { return true }
      usleep(500)
    }
    return false
  }

  private static func detach() {
    setsid()
    alarm(60)
    let null = open("/dev/null", O_RDWR)
    if null >= 0 {
      for standard in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] { dup2(null, standard) }
    }
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? []
    for descriptor in open where descriptor > STDERR_FILENO { close(descriptor) }
  }
}
