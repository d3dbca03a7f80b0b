import BreakthroughCore
import Foundation
import Testing

/// The clock that remembers a zone's offset day by day reads every instant as the zone does,
/// on the days of a daylight-saving change too.
@Suite struct LocalClockTests {
  @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"])
  func readsEveryInstantAsTheZoneDoes(_ identifier: String) throws {
    let zone = try #require(TimeZone(identifier: identifier))
    var clock = LocalClock(zone)
    var generator = SeededGenerator(seed: 11)
    // Every quarter hour around a change in spring and in autumn (2026), then random instants.
    let changes = [
      Date(timeIntervalSince1970: 1_774_746_000), Date(timeIntervalSince1970: 1_792_890_000),
      Date(timeIntervalSince1970: 1_775_350_800), Date(timeIntervalSince1970: 1_791_475_200),
    ]
    var instants = changes.flatMap { change in (-200...200).map { change.addingTimeInterval(Double($0) * 900) } }
    instants += (0..<5_000).map { _ in Date(timeIntervalSince1970: Double.random(in: -1e9...4e9, using: &generator)) }
    for instant in instants {
      #expect(clock.moment(instant) == LocalMoment(instant, in: zone), "\(identifier) at \(instant)")
    }
  }
}
