import Foundation

/// A TCP relay on 127.0.0.1 that stands for a network: every byte is delayed by half a round
/// trip in each direction, and a new connection waits one round trip (TCP's handshake) before
/// anything passes. It counts round trips as the server would feel them: the handshake, then
/// each turn from the client speaking to the server answering while the client is still there.
final class DelayingRelay: @unchecked Sendable {
  /// Where the relay forwards to: a TCP port on this machine, or a server's unix socket.
  enum Upstream {
    case tcp(port: UInt16)
    case socket(path: String)
  }

  let port: UInt16
  private let upstream: Upstream
  private let halfTrip: TimeInterval
  private let listener: Int32
  private let counting = NSLock()
  private var turns = 0

  /// Listens on a free port of 127.0.0.1; each connection is forwarded to `upstream` with
  /// `roundTrip` milliseconds added to each round trip.
  init(to upstream: Upstream, roundTrip: Double) throws {
    self.upstream = upstream
    halfTrip = roundTrip / 2_000
    let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = Self.loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listening, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard listening >= 0, bound == 0, listen(listening, 16) == 0 else { throw RelayFailure("cannot listen on 127.0.0.1") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listening, $0, &length) }
    }
    listener = listening
    port = UInt16(bigEndian: address.sin_port)
    Thread.detachNewThread { [self] in acceptForever() }
  }

  /// Round trips since the last `resetCount`, over every connection.
  var roundTrips: Int {
    counting.lock()
    defer { counting.unlock() }
    return turns
  }

  func resetCount() {
    counting.lock()
    turns = 0
    counting.unlock()
  }

  private func count() {
    counting.lock()
    turns += 1
    counting.unlock()
  }

  private func acceptForever() {
    while true {
      let client = accept(listener, nil, nil)
      guard client >= 0 else { continue }
      Thread.detachNewThread { [self] in serve(client) }
    }
  }

  /// One connection: after the handshake's round trip, two directions, each a reader that
  /// stamps what arrives and a writer that delivers it half a round trip later.
  private func serve(_ client: Int32) {
    count()
    Thread.sleep(forTimeInterval: halfTrip * 2)
    guard let server = connectUpstream() else {
      close(client)
      return
    }
    for descriptor in [client, server] {
      var on: Int32 = 1
      setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }
    let turn = Turn()
    let ends = Ends(count: 2) {
      close(client)
      close(server)
    }
    let spoken = DelayQueue()
    for (from, to, answering) in [(client, server, false), (server, client, true)] {
      let queue = answering ? DelayQueue() : spoken
      Thread.detachNewThread { queue.read(from) }
      Thread.detachNewThread { [self] in
        queue.deliver(to, after: halfTrip) {
          // The server's answer to a goodbye (TLS's close) reaches a client that has gone:
          // nobody waited for it.
          if turn.switches(toAnswer: answering), !spoken.hasEnded { count() }
        }
        shutdown(to, Int32(SHUT_WR))
        ends.finish()
      }
    }
  }

  private func connectUpstream() -> Int32? {
    switch upstream {
    case .tcp(let port):
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = Self.loopback(port: port)
      let made = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
      }
      if made == 0 { return descriptor }
      close(descriptor)
      return nil
    case .socket(let path):
      let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      let bytes = Array(path.utf8.prefix(MemoryLayout.size(ofValue: address.sun_path) - 1))
      withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in bytes.enumerated() { raw[index] = byte }
      }
      let made = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
      }
      if made == 0 { return descriptor }
      close(descriptor)
      return nil
    }
  }

  private static func loopback(port: UInt16) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }

  struct RelayFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }
}

/// Which way a connection last spoke: a round trip is counted when the server answers after
/// the client spoke.
private final class Turn: @unchecked Sendable {
  private let lock = NSLock()
  private var clientSpokeLast = false

  /// Records a delivery; true when it is the server answering the client.
  func switches(toAnswer answering: Bool) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    defer { clientSpokeLast = !answering }
    return answering && clientSpokeLast
  }
}

/// Runs `body` once `count` parts have finished.
private final class Ends: @unchecked Sendable {
  private let lock = NSLock()
  private var remaining: Int
  private let body: () -> Void

  init(count: Int, _ body: @escaping () -> Void) {
    remaining = count
    self.body = body
  }

  func finish() {
    lock.lock()
    remaining -= 1
    let last = remaining == 0
    lock.unlock()
    if last { body() }
  }
}

/// Bytes read from one side, each piece stamped with when it arrived, until the side closes.
private final class DelayQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private var pieces: [(arrived: TimeInterval, bytes: [UInt8])] = []
  private var ended = false

  /// Whether the side it reads has closed.
  var hasEnded: Bool {
    condition.lock()
    defer { condition.unlock() }
    return ended
  }

  func read(_ descriptor: Int32) {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let got = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      condition.lock()
      if got > 0 { pieces.append((ProcessInfo.processInfo.systemUptime, Array(buffer[0..<got]))) } else { ended = true }
      condition.signal()
      condition.unlock()
      if got <= 0 { return }
    }
  }

  /// Writes each piece to `descriptor` `delay` seconds after it arrived, calling `delivered`
  /// before each; returns when the reading side has ended and everything was written.
  func deliver(_ descriptor: Int32, after delay: TimeInterval, delivered: () -> Void) {
    while true {
      condition.lock()
      while pieces.isEmpty && !ended { condition.wait() }
      guard !pieces.isEmpty else {
        condition.unlock()
        return
      }
      let piece = pieces.removeFirst()
      condition.unlock()
      let wait = piece.arrived + delay - ProcessInfo.processInfo.systemUptime
      if wait > 0 { Thread.sleep(forTimeInterval: wait) }
      delivered()
      var sent = 0
      while sent < piece.bytes.count {
        let wrote = piece.bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard wrote > 0 else { return }
        sent += wrote
      }
    }
  }
}
