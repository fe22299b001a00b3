import Domain
import Fluent
import Foundation
import Vapor

/// Registers outages and moves them (OUT-REGISTER, OUT-STATES): validation, authorisation, one
/// transaction with the notices (OUT-NOTICES) and the audit row.
enum OutageService {
  /// An outage as typed on the form or sent to the API. Times are ISO 8601 with an offset, or a
  /// form's local date-time (Beijing time).
  struct Input: Sendable {
    var type: String?
    var cause: String?
    var gridObjectID: String?
    /// The feeder by its name, where the API names it instead of the grid object's id.
    var feeder: String?
    var start: String?
    var announcedRestoration: String?
    /// Numbers of fault-repair orders to group under a new fault outage (OUT-MERGE-CALLS).
    var repairOrders: [String] = []
  }

  static let causeLimit = 200
  /// The most repair orders one registration groups.
  static let mergeLimit = 500

  /// Order numbers as typed in a text box: separated by spaces, new lines or commas, repeats dropped.
  static func orderNumbers(_ text: String?) -> [String] {
    var seen = Set<String>()
    return (text ?? "").split(whereSeparator: { $0.isWhitespace || ",，;；、".contains($0) }).map(String.init)
      .filter { seen.insert($0).inserted }
  }

  static func register(
    _ input: Input, actor: Actor, localizer: Localizer, on db: any Database, now: Date
  ) async throws -> Outage {
    let type = OutageType(rawValue: input.type ?? "")
    // An agent registers only the fault outage its repair calls reveal.
    let agentOnly = !OutageAccess.canKeep(actor)
    guard OutageAccess.canMergeCalls(actor), !agentOnly || type == nil || type == .fault else { throw AppError.forbidden }
    var errors = FieldErrors()
    if input.repairOrders.isEmpty && agentOnly { errors.add("repairOrders", "outage.error.merge_required") }
    if type == nil { errors.add("type", "validation.choice") }
    let calls = try await repairCalls(input.repairOrders, type: type, actor: actor, on: db, into: &errors)
    let cause = Validate.text(input.cause, field: "cause", max: causeLimit, into: &errors)
    let object = try await gridObject(input, actor: actor, on: db, into: &errors)
    let start = DateField.instant(input.start, field: "start", into: &errors)
    let restoration = DateField.instant(input.announcedRestoration, field: "announcedRestoration", into: &errors)
    if let start, let restoration, OutageTimes.check(start: start, restoration: restoration) != nil {
      errors.add("announcedRestoration", "outage.error.restoration_before_start")
    }
    if !errors.isEmpty { throw ValidationFailure(errors: errors) }
    guard let type, let object, let start, let restoration else { throw ValidationFailure(errors: errors) }
    let customers = try await customers(of: object, on: db)
    let outage = Outage()
    outage.id = UUID()
    outage.version = 1
    outage.registeredAt = now
    outage.type = type
    outage.cause = cause
    outage.state = OutageState.initial(start: start, registeredAt: now)
    outage.startAt = start
    outage.announcedRestorationAt = restoration
    outage.actualStartAt = outage.state == .active ? start : nil
    outage.registeredBy = actor.displayName
    outage.customersAffected = customers.count
    let limits = try await OutageNotices.limits(on: db, now: now)
    outage.noticeBreach = limits.isBreach(type: type, registeredAt: now, start: start)
    outage.$gridObject.id = try object.requireID()
    outage.$unit.id = object.$unit.id
    try await db.transaction { tx in
      try await outage.create(on: tx)
      try await OutageNotices.queue(outage, customers: customers, limits: limits, localizer: localizer, on: tx, now: now)
      for call in calls {
        try await OutageRepairCalls.attach(outageID: try outage.requireID(), orderID: call.orderID, number: call.number, on: tx, now: now)
      }
      try await AuditLog.record(
        .create, entity: .outage, id: try outage.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: OutageSnapshot(outage), on: tx, at: now)
    }
    return outage
  }

  /// The repair orders to group under a new fault outage (OUT-MERGE-CALLS): fault outages only,
  /// each order one the actor sees, a fault repair still being worked on and under no other outage.
  /// Each kind of refusal names its orders.
  static func repairCalls(
    _ numbers: [String], type: OutageType?, actor: Actor, on db: any Database, into errors: inout FieldErrors
  ) async throws -> [GroupedRepairCalls.Call] {
    guard !numbers.isEmpty else { return [] }
    if let type, type != .fault { errors.add("repairOrders", "outage.error.merge_fault_only") }
    guard numbers.count <= mergeLimit else {
      errors.add("repairOrders", "outage.error.merge_too_many", String(mergeLimit))
      return []
    }
    let (calls, refused) = try await GroupedRepairCalls.mergeable(numbers: numbers, actor: actor, on: db)
    for why in GroupedRepairCalls.Refusal.allCases {
      let named = refused.filter { $0.why == why }.map(\.number)
      if !named.isEmpty { errors.add("repairOrders", "outage.error.merge_\(why.rawValue)", named.joined(separator: "、")) }
    }
    let grouped = try await OutageRepairOrder.query(on: db).filter(\.$workOrderID ~~ calls.map(\.orderID)).all(\.$number)
    if !grouped.isEmpty { errors.add("repairOrders", "outage.error.merge_grouped", grouped.joined(separator: "、")) }
    return calls
  }

  /// What an action brings: its time (`at`), the transformer area of a step restoration, the new
  /// announced restoration of a delay, the reason of a cancellation.
  struct ActionInput: Sendable {
    var at: String?
    var gridObjectID: String?
    var announcedRestoration: String?
    var reason: String?
  }

  static func act(
    _ outage: Outage, action: OutageAction, version: Int?, input: ActionInput, actor: Actor, localizer: Localizer,
    on db: any Database, now: Date
  ) async throws {
    try OutageAccess.requireKeeper(actor)
    guard let expected = version else { throw AppError.invalid("version", "validation.required") }
    guard expected == outage.version else { throw stale() }
    guard let next = action.next(from: outage.state) else {
      throw AppError.conflict("action", "outage.error.not_allowed_now", "outage.state.\(outage.state.rawValue)")
    }
    let outageID = try outage.requireID()
    let before = OutageSnapshot(outage)
    var errors = FieldErrors()
    var restoreArea: UUID?
    var followUp = false
    var actionAt = now
    switch action {
    case .start:
      actionAt = DateField.optionalInstant(input.at, field: "at", into: &errors) ?? now
      outage.actualStartAt = actionAt
    case .stepRestore, .restore:
      actionAt = DateField.optionalInstant(input.at, field: "at", into: &errors) ?? now
      let started = outage.actualStartAt ?? outage.startAt
      if OutageTimes.check(start: started, restoration: actionAt) != nil {
        errors.add("at", "outage.error.restoration_before_start")
      }
      if action == .stepRestore {
        restoreArea = Validate.uuid(input.gridObjectID, field: "gridObjectId", into: &errors)
        if (input.gridObjectID ?? "").isEmpty { errors.add("gridObjectId", "validation.required") }
        if let area = restoreArea {
          let remaining = try await OutageCustomer.query(on: db).filter(\.$outageID == outageID)
            .filter(\.$transformerAreaID == area).filter(\.$restoredAt == nil).count()
          if remaining == 0 { errors.add("gridObjectId", "outage.error.nobody_to_restore") }
        }
      } else {
        outage.restoredAt = actionAt
      }
    case .delay:
      let new = DateField.instant(input.announcedRestoration, field: "announcedRestoration", into: &errors)
      if let new {
        if new <= outage.announcedRestorationAt {
          errors.add("announcedRestoration", "outage.error.delay_not_later")
        } else {
          outage.announcedRestorationAt = new
          followUp = true
        }
      }
    case .cancel:
      outage.cancelReason = Validate.text(input.reason, field: "reason", max: causeLimit, into: &errors)
    }
    if !errors.isEmpty { throw ValidationFailure(errors: errors) }
    outage.state = next
    let stepAt = actionAt
    let area = restoreArea
    let sendFollowUp = followUp
    try await db.transaction { tx in
      try await OptimisticLock.claim(Outage.schema, id: outageID, expected: expected, on: tx, stale: stale())
      outage.version = expected + 1
      try await outage.save(on: tx)
      switch action {
      case .stepRestore:
        guard let area else { break }
        let restored = try await OutageCustomer.query(on: tx).filter(\.$outageID == outageID)
          .filter(\.$transformerAreaID == area).filter(\.$restoredAt == nil).count()
        try await OutageCustomer.query(on: tx).filter(\.$outageID == outageID).filter(\.$transformerAreaID == area)
          .filter(\.$restoredAt == nil).set(\.$restoredAt, to: stepAt).update()
        let step = OutageRestorationStep()
        step.outageID = outageID
        step.gridObjectID = area
        step.restoredAt = stepAt
        step.customers = restored
        step.recordedBy = actor.displayName
        try await step.create(on: tx)
      case .restore:
        try await OutageCustomer.query(on: tx).filter(\.$outageID == outageID).filter(\.$restoredAt == nil)
          .set(\.$restoredAt, to: outage.restoredAt ?? stepAt).update()
      default:
        break
      }
      if sendFollowUp {
        try await OutageNotices.followUp(outage, localizer: localizer, on: tx, now: now)
        try await noteDelayOnRepairCalls(outage, actor: actor, localizer: localizer, on: tx, now: now)
      }
      try await AuditLog.record(
        .stateChange, entity: .outage, id: outageID.uuidString, actor: actor, before: before, after: OutageSnapshot(outage), on: tx,
        at: now)
    }
    if action == .restore { try await restoreRepairCalls(outage, at: outage.restoredAt ?? stepAt, actor: actor, on: db) }
  }

  /// OUT-RESTORE-CHILDREN: the repair calls grouped under the outage go on to their return visits,
  /// each in a move of its own once the outage's restoration is saved.
  static func restoreRepairCalls(_ outage: Outage, at: Date, actor: Actor, on db: any Database) async throws {
    let id = try outage.requireID()
    let children = try await OutageRepairOrder.query(on: db).filter(\.$outageID == id).sort(\.$attachedAt).all(\.$workOrderID)
    guard !children.isEmpty else { return }
    let object = try await GridObject.find(outage.$gridObject.id, on: db)?.code ?? ""
    _ = try await GroupedRepairCalls.restore(
      orderIDs: children, outage: "\(object) \(outage.cause)", restoredAt: at, actor: actor, on: db,
      logger: Logger(label: "wanjia.outages"))
  }

  /// OUT-DELAY-CHILDREN: the repair calls grouped under a delayed outage carry the new
  /// restoration time as a note, in the transaction that stores the delay.
  static func noteDelayOnRepairCalls(_ outage: Outage, actor: Actor, localizer: Localizer, on db: any Database, now: Date) async throws {
    let id = try outage.requireID()
    let children = try await OutageRepairOrder.query(on: db).filter(\.$outageID == id).all(\.$workOrderID)
    guard !children.isEmpty else { return }
    let object = try await GridObject.find(outage.$gridObject.id, on: db)?.code ?? ""
    // Notes are stored text read by the company's staff: written in its language.
    let text = localizer.text(
      "outage.note.delay", locale: Localizer.defaultLocale,
      args: ["\(object) \(outage.cause)", DisplayFormat.dateTime(outage.announcedRestorationAt)])
    _ = try await GroupedRepairCalls.note(orderIDs: children, text: text, actor: actor, on: db, now: now)
  }

  /// An important customer was called (OUT-NOTICES).
  static func recordCall(_ outage: Outage, customerID: UUID, actor: Actor, on db: any Database, now: Date) async throws {
    try OutageAccess.requireKeeper(actor)
    guard let customer = try await OutageCustomer.find(customerID, on: db), customer.outageID == outage.id,
      customer.importantClass != nil
    else { throw AppError.notFound("entity.outage_customer") }
    guard customer.calledAt == nil else { return }
    customer.calledAt = now
    try await db.transaction { tx in
      try await customer.save(on: tx)
      try await AuditLog.record(
        .update, entity: .outage, id: try outage.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: ["calledAccount": customer.account], on: tx, at: now)
    }
  }

  static func stale() -> AppError {
    AppError(.conflict, code: .staleVersion, key: "outage.error.stale", field: "version")
  }

  /// The outage if the actor may see it (its unit in the actor's subtree, OUT-SCOPE).
  static func findVisible(_ id: UUID, for actor: Actor, on db: any Database) async throws -> Outage {
    guard let outage = try await Outage.query(on: db).filter(\.$id == id).with(\.$unit).with(\.$gridObject).first() else {
      throw AppError.notFound("entity.outage")
    }
    try actor.requireVisible(outage.unit.unitPath)
    return outage
  }

  /// The customers a grid object serves: a feeder's all, a transformer area's own (OUT-GRID).
  static func customers(of object: GridObject, on db: any Database) async throws -> [GridCustomer] {
    let id = try object.requireID()
    switch object.kind {
    case .feeder: return try await GridCustomer.query(on: db).filter(\.$feederID == id).sort(\.$account).all()
    case .transformerArea: return try await GridCustomer.query(on: db).filter(\.$transformerAreaID == id).sort(\.$account).all()
    case .line: return []
    }
  }

  private static func gridObject(
    _ input: Input, actor: Actor, on db: any Database, into errors: inout FieldErrors
  ) async throws
    -> GridObject?
  {
    var found: GridObject?
    var field = "gridObjectId"
    if let text = input.gridObjectID, !text.isEmpty {
      if let id = Validate.uuid(text, field: field, into: &errors) { found = try await GridObject.find(id, on: db) }
    } else if let name = input.feeder, !name.isEmpty {
      field = "feeder"
      found = try await GridObject.query(on: db).filter(\.$kind == .feeder).filter(\.$code == name).first()
    } else {
      errors.add(field, "validation.required")
      return nil
    }
    guard let found else {
      if errors.isEmpty { errors.add(field, "outage.error.unknown_grid_object") }
      return nil
    }
    guard let unit = try await OrgUnit.find(found.$unit.id, on: db), actor.canSee(unit.unitPath) else {
      errors.add(field, "outage.error.unknown_grid_object")
      return nil
    }
    return found
  }
}

/// What the audit log keeps of an outage.
struct OutageSnapshot: Encodable {
  let type: String
  let cause: String
  let state: String
  let startAt: Date
  let announcedRestorationAt: Date
  let actualStartAt: Date?
  let restoredAt: Date?
  let customersAffected: Int
  let noticeBreach: Bool
  let cancelReason: String?
  let version: Int

  init(_ outage: Outage) {
    type = outage.type.rawValue
    cause = outage.cause
    state = outage.state.rawValue
    startAt = outage.startAt
    announcedRestorationAt = outage.announcedRestorationAt
    actualStartAt = outage.actualStartAt
    restoredAt = outage.restoredAt
    customersAffected = outage.customersAffected
    noticeBreach = outage.noticeBreach
    cancelReason = outage.cancelReason
    version = outage.version
  }
}
