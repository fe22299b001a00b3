import Domain
import Fluent
import Vapor

/// Taking a request at 95598: validation of what the agent typed, classification against the
/// taxonomy, the first workflow move (accept, or answer-and-close for consultations), and the
/// stage clocks that move starts — all saved in one transaction.
enum WorkOrderIntake {
  struct Input {
    var type: String?
    var serviceKind: String?
    var channel: String?
    var area: String?
    var customerAccount: String?
    var customerName: String?
    var customerPhone: String?
    var address: String?
    var content: String?
    var unitID: String?
    var category: String?
    var item: String?
    var attitude: String?
    var severity: String?
    var answer: String?
    var acceptedAt: Date?
    var appointmentAt: Date?
  }

  /// `workflow`: the caller's, when it needs one afterwards too (one calendar read per request).
  /// `found`: problems the caller found already (a date typed wrong on the form), reported
  /// together with the intake's own.
  static func create(
    _ input: Input, actor: Actor, workflow: Workflow? = nil, found: FieldErrors = .init(), repairs: RepairObservers? = nil,
    on db: any Database, now: Date
  ) async throws -> WorkOrder {
    var errors = found
    let type = OrderType(rawValue: input.type ?? "")
    if type == nil { errors.add("type", "validation.choice") }
    var serviceKind: ServiceRequestKind?
    if type == .serviceRequest {
      serviceKind = ServiceRequestKind(rawValue: input.serviceKind ?? "")
      if serviceKind == nil { errors.add("serviceKind", "validation.choice") }
    }
    let channel = Domain.Channel(rawValue: input.channel ?? "")
    if channel == nil { errors.add("channel", "validation.choice") }
    let area = AreaClass(rawValue: input.area ?? "")
    if area == nil { errors.add("area", "validation.choice") }
    let account = Validate.text(input.customerAccount, field: "customerAccount", max: Limits.code, into: &errors)
    let name = Validate.text(input.customerName, field: "customerName", max: Limits.name, into: &errors)
    let phone = Validate.phone(input.customerPhone, field: "customerPhone", into: &errors)
    let address = Validate.text(input.address, field: "address", max: WorkOrderLimits.address, into: &errors)
    let content = Validate.text(input.content, field: "content", max: WorkOrderLimits.content, into: &errors)
    let unit = try await visibleUnit(input.unitID, actor: actor, into: &errors, on: db)
    let classification = classify(input, type: type, into: &errors)
    let answer = (input.answer ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if let type, WorkflowRules.default.answeredAtIntake.contains(type), answer.isEmpty {
      errors.add("answer", "validation.required")
    }
    let acceptedAt = input.acceptedAt ?? now
    if acceptedAt > now.addingTimeInterval(300) { errors.add("acceptedAt", "workorder.error.future") }
    // An appointment is agreed for later; a time typed to the minute may fall in the current minute.
    if let appointment = input.appointmentAt, appointment < acceptedAt.addingTimeInterval(-60) {
      errors.add("appointmentAt", "workorder.error.appointment_past")
    }
    guard errors.isEmpty, let type, let channel, let area, let unit else { throw ValidationFailure(errors: errors) }

    let order = WorkOrder()
    order.id = UUID()
    let profile = OrderProfile(type: type, serviceKind: serviceKind, channel: channel, area: area)
    var snapshot = WorkflowSnapshot(orderID: try order.requireID(), profile: profile, severity: classification.severity)
    snapshot.unitID = try unit.requireID()
    let action: WorkOrderAction =
      answer.isEmpty || !WorkflowRules.default.answeredAtIntake.contains(type)
      ? .accept : .answerAtIntake(answer: answer)
    let given = workflow
    let workflow = if let given { given } else { try await WorkOrderFlow.workflow(on: db) }
    let outcome = try WorkOrderFlow.run(workflow, action, on: snapshot, actor: actor, at: acceptedAt)
    var ledger = ClockLedger()
    try ledger.apply(outcome.clockEffects, at: acceptedAt, policy: workflow.sla, appointment: input.appointmentAt)

    order.version = 1
    order.number = WorkOrderNumber.make(at: acceptedAt, id: try order.requireID())
    order.type = type
    order.serviceKind = serviceKind
    order.channel = channel
    order.area = area
    order.customerAccount = account
    order.customerName = name
    order.customerPhone = phone
    order.address = address
    order.content = content
    order.categoryCode = classification.category
    order.itemCode = classification.item
    order.taxonomyVersion = classification.version
    order.attitude = classification.attitude
    order.acceptedAt = acceptedAt
    order.appointmentAt = input.appointmentAt
    order.$createdBy.id = actor.userID
    order.$unit.id = try unit.requireID()
    try order.store(snapshot: outcome.snapshot, ledger: ledger, workflow: workflow, now: acceptedAt)
    if outcome.state.isTerminal { order.closedAt = acceptedAt }
    let notice = try await WorkOrderFlow.notice(outcome, order: order, unit: unit, actor: actor, workflow: workflow, on: db)
    // OUT-GROUPED-CALLS: a fault repair from a customer under an outage is attached to it.
    var known: KnownOutage?
    if type == .faultRepair, let repairs, let account = input.customerAccount, !account.isEmpty {
      known = try await repairs.knownOutage(account: account, on: db)
    }
    let outage = known
    try await db.transaction { tx in
      try await order.insert(on: tx, now: now)
      try await WorkOrderFlow.record(outcome, notice: notice, order: order, actor: actor, before: nil, on: tx)
      if let outage, let repairs {
        try await repairs.attach(outage, orderID: try order.requireID(), number: order.number, on: tx, now: now)
      }
    }
    return order
  }

  struct Classification {
    var category: String?
    var item: String?
    var version: Int?
    var attitude: CustomerAttitude?
    var severity: Severity = .general
  }

  /// Complaints carry a category and item of the complaint taxonomy, reports an item of the
  /// misconduct list; both carry attitude and severity. Nothing chosen is "please choose"; a
  /// code the taxonomy does not know is named as unknown. A complaint's category may be left
  /// out: it is the item's own.
  static func classify(_ input: Input, type: OrderType?, into errors: inout FieldErrors) -> Classification {
    guard type == .complaint || type == .report else { return Classification() }
    var result = Classification()
    result.attitude = CustomerAttitude(rawValue: input.attitude ?? "calm")
    if result.attitude == nil { errors.add("attitude", "validation.choice") }
    if let severity = Severity(rawValue: input.severity ?? "general") {
      result.severity = severity
    } else {
      errors.add("severity", "validation.choice")
    }
    let taxonomy: Taxonomy = type == .complaint ? .complaintsV1 : .misconductV1
    let item = (input.item ?? "").trimmingCharacters(in: .whitespaces)
    guard !item.isEmpty else {
      errors.add("item", "validation.select")
      return result
    }
    let given = (input.category ?? "").trimmingCharacters(in: .whitespaces)
    let owner = taxonomy.categories.first { $0.items.contains { $0.code == item } }?.code
    let category = type == .complaint && !given.isEmpty ? given : owner
    guard let category else {
      errors.add("item", type == .complaint ? "workorder.error.item_not_complaint" : "workorder.error.item_not_report", item)
      return result
    }
    do {
      _ = try taxonomy.item(item, in: category)
      result.category = category
      result.item = item
      result.version = taxonomy.version
    } catch .unknownCategory(let code) {
      errors.add("category", "workorder.error.category", code)
    } catch {
      errors.add("item", "workorder.error.item")
    }
    return result
  }

  private static func visibleUnit(
    _ raw: String?, actor: Actor, into errors: inout FieldErrors, on db: any Database
  ) async throws -> OrgUnit? {
    guard let raw, let id = UUID(uuidString: raw), let unit = try await OrgUnit.find(id, on: db) else {
      errors.add("unitId", (raw ?? "").isEmpty ? "validation.required" : "validation.unknown_reference")
      return nil
    }
    guard actor.canSee(unit.unitPath) else {
      errors.add("unitId", "validation.unknown_reference")
      return nil
    }
    return unit
  }
}

/// Field limits of work orders, documented in the OpenAPI document.
enum WorkOrderLimits {
  static let address = 200
  static let content = 4000
  static let note = 2000
}

/// Human-readable order numbers: GD, the Beijing acceptance date, and part of the id.
enum WorkOrderNumber {
  static func make(at date: Date, id: UUID) -> String {
    let day = BusinessTime.civilDate(of: date).description.replacingOccurrences(of: "-", with: "")
    return "GD\(day)-\(id.uuidString.prefix(8))"
  }
}
