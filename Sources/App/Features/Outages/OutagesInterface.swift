import Domain
import Fluent
import Foundation

// What Outages offers other features, and all of it they may name (FeatureBoundaryTests):
// `OutageRecords`, the register's outages as interruption records for the reliability indices.

/// The register's outages as the reliability indices count them.
enum OutageRecords {
  /// Rule OUT-INTERRUPTIONS: every outage of the given units that has started and is restored,
  /// whose actual start lies in `[from, to)`, as one interruption per restoration time (a step
  /// restoration ends the interruption of its customers earlier). Cancelled outages and outages
  /// still under way are left out.
  static func interruptions(unitIDs: [UUID], from: Date, to: Date, on db: any Database) async throws -> [Interruption] {
    guard !unitIDs.isEmpty else { return [] }
    let outages = try await Outage.query(on: db).filter(\.$unit.$id ~~ unitIDs).filter(\.$state == .restored)
      .filter(\.$actualStartAt >= from).filter(\.$actualStartAt < to).all()
    guard !outages.isEmpty else { return [] }
    let byID = Dictionary(outages.compactMap { outage in outage.id.map { ($0, outage) } }) { a, _ in a }
    let customers = try await OutageCustomer.query(on: db).filter(\.$outageID ~~ Array(byID.keys))
      .field(\.$outageID).field(\.$restoredAt).all()
    var counts: [UUID: [Date: Int]] = [:]
    for customer in customers {
      guard let restored = customer.restoredAt else { continue }
      counts[customer.outageID, default: [:]][restored, default: 0] += 1
    }
    var out: [Interruption] = []
    for (id, ends) in counts.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
      guard let outage = byID[id], let start = outage.actualStartAt else { continue }
      for (end, number) in ends.sorted(by: { $0.key < $1.key }) {
        out.append(Interruption(unitID: outage.$unit.id, type: outage.type, start: start, end: end, customers: number))
      }
    }
    return out.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
  }
}
