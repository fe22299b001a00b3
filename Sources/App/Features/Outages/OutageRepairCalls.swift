import Domain
import Fluent
import Foundation

/// Repair calls grouped under an outage (OUT-GROUPED-CALLS): registered with
/// `app.repairObservers`, it tells the intake which active outage a customer is under and keeps
/// the fault-repair orders taken for it as the outage's children.
enum OutageRepairCalls {
  static func register(_ observers: RepairObservers) {
    observers.onLookup { account, db in try await knownOutage(account: account, on: db) }
    observers.onAttach { outage, orderID, number, db, now in
      try await attach(outageID: outage.outageID, orderID: orderID, number: number, on: db, now: now)
    }
  }

  /// Keeps a repair order as the outage's child.
  static func attach(outageID: UUID, orderID: UUID, number: String, on db: any Database, now: Date) async throws {
    let child = OutageRepairOrder()
    child.outageID = outageID
    child.workOrderID = orderID
    child.number = number
    child.attachedAt = now
    try await child.create(on: db)
  }

  /// The active outage the customer with this account is still off under, latest start first.
  static func knownOutage(account: String, on db: any Database) async throws -> KnownOutage? {
    let rows = try await OutageCustomer.query(on: db).filter(\.$account == account).filter(\.$restoredAt == nil).all(\.$outageID)
    guard !rows.isEmpty else { return nil }
    guard
      let outage = try await Outage.query(on: db).filter(\.$id ~~ rows).filter(\.$state == .active).sort(\.$startAt, .descending)
        .first()
    else { return nil }
    let id = try outage.requireID()
    return KnownOutage(outageID: id, announcedRestoration: outage.announcedRestorationAt, link: Paths.outage.link(id))
  }
}
