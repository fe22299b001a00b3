import Domain
import Fluent
import Foundation
import Vapor

/// OUT-ADJUST-CUSTOMERS: the customers an outage affects start as its grid object's; a keeper
/// adds a customer of the grid the outage also reaches, or removes one it does not. An added
/// customer is noticed at once (OUT-NOTICES); a removed one leaves the counts, and an SMS already
/// queued to them stays in the outbox.
enum OutageAffectedCustomers {
  enum Adjustment: String, Sendable, CaseIterable {
    case add, remove
  }

  static func adjust(
    _ outage: Outage, adjustment: Adjustment?, account: String?, version: Int?, actor: Actor,
    localizer: Localizer, on db: any Database, now: Date
  ) async throws {
    try OutageAccess.requireKeeper(actor)
    guard let expected = version else { throw AppError.invalid("version", "validation.required") }
    guard expected == outage.version else { throw OutageService.stale() }
    guard outage.state == .announced || outage.state == .active else {
      throw AppError.conflict("adjustment", "outage.error.not_allowed_now", "outage.state.\(outage.state.rawValue)")
    }
    guard let adjustment else { throw AppError.invalid("adjustment", "validation.choice") }
    var errors = FieldErrors()
    let typed = Validate.text(account, field: "account", max: 40, into: &errors)
    try errors.throwIfAny()
    let outageID = try outage.requireID()
    let listed = try await OutageCustomer.query(on: db).filter(\.$outageID == outageID).filter(\.$account == typed).first()
    var added: GridCustomer?
    switch adjustment {
    case .add:
      guard listed == nil else { throw AppError.invalid("account", "outage.error.customer_listed") }
      guard let customer = try await GridCustomer.query(on: db).filter(\.$account == typed).with(\.$unit).first(),
        actor.canSee(customer.unit.unitPath)
      else { throw AppError.invalid("account", "outage.error.customer_unknown") }
      added = customer
    case .remove:
      guard listed != nil else { throw AppError.invalid("account", "outage.error.customer_not_listed") }
    }
    let before = OutageSnapshot(outage)
    let customer = added
    try await db.transaction { tx in
      try await OptimisticLock.claim(Outage.schema, id: outageID, expected: expected, on: tx, stale: OutageService.stale())
      outage.version = expected + 1
      if let customer {
        let limits = try await OutageNotices.limits(on: tx, now: now)
        try await OutageNotices.queue(outage, customers: [customer], limits: limits, localizer: localizer, on: tx, now: now)
        outage.customersAffected += 1
      } else if let listed {
        try await listed.delete(on: tx)
        outage.customersAffected = max(0, outage.customersAffected - 1)
      }
      try await outage.save(on: tx)
      try await AuditLog.record(
        .update, entity: .outage, id: outageID.uuidString, actor: actor, before: before,
        after: ["adjustment": adjustment.rawValue, "account": typed], on: tx, at: now)
    }
  }
}
