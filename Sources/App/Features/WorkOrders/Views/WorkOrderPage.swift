import Domain
import Fluent
import Vapor

/// One order: what the customer asked, its stage clocks, its timeline, earlier contacts from the
/// same customer, and a form for each action the viewer may take now.
struct WorkOrderPage: Encodable {
  struct Attachment: Encodable {
    let name: String
    let size: String
    let sha: String
    let href: String
    let uploadedBy: String
    let at: String
  }
  struct InvestigationField: Encodable {
    let name: String
    let labelKey: String
    let text: String
  }
  struct Clock: Encodable {
    let stageKey: String
    let startedAt: String
    let dueAt: String
    let statusKey: String
    let breached: Bool
    let percent: Int
  }
  struct Event: Encodable {
    let at: String
    let actor: String
    let actionKey: String
    let toStateKey: String
    let note: String?
  }
  struct ActionForm: Encodable {
    let action: String
    let labelKey: String
    let needsReason: Bool
    let needsSummary: Bool
    let needsNote: Bool
    let needsUnit: Bool
    let needsSatisfaction: Bool
    let needsSeverity: Bool
    let needsFindings: Bool
    /// Complaint replies carry the investigation record for the monthly bulletin.
    let needsInvestigation: Bool
    let needsNewDue: Bool
    /// Merging names the order this one duplicates.
    var needsParent = false
    let danger: Bool
  }
  struct Alert: Encodable {
    let at: String
    let stageKey: String
    let levelKey: String
    let isChase: Bool
  }
  struct Related: Encodable {
    let href: String
    let number: String
    let typeKey: String
    let stateKey: String
    let acceptedAt: String
  }
  let chrome: Chrome
  let order: WorkOrderDTO
  let typeKey: String
  let stateKey: String
  let channelKey: String
  let areaKey: String
  let severityKey: String
  let categoryName: String?
  let itemName: String?
  let unitName: String
  let acceptedAt: String
  let clocks: [Clock]
  let events: [Event]
  let actions: [ActionForm]
  let actionURL: String
  let units: [Choice]
  let severities: [Choice]
  let mergeTargets: [Choice]
  let investigationFields: [InvestigationField]
  let investigation: [InvestigationField]
  let attachments: [Attachment]
  let attachmentAction: String
  let related: [Related]
  let hasRelated: Bool
  let alerts: [Alert]
  let hasAlerts: Bool
  let hasActions: Bool
  let error: String?

  static func build(for req: Request, id: UUID, error: String? = nil) async throws -> WorkOrderPage {
    let actor = try req.actor
    let now = req.now
    let order = try await WorkOrderQueries.findVisible(id, for: actor, on: req.db)
    let workflow = try await WorkOrderFlow.workflow(on: req.db)
    let dto = try WorkOrderPresenter.dto(order, actor: actor, workflow: workflow, now: now, maskPhone: false)
    let english = req.locale == "en"
    let taxonomy: Taxonomy = order.orderType == .report ? .misconductV1 : .complaintsV1
    let category = order.categoryCode.flatMap(taxonomy.category)
    let item = category?.items.first { $0.code == order.itemCode }
    let unit = try await OrgUnit.find(order.$unit.id, on: req.db)
    let events = try await WorkOrderEvent.query(on: req.db).filter(\.$order.$id == id).sort(\.$at).all()
    let clocks = dto.clocks.map { c in
      Clock(
        stageKey: "workorder.stage.\(c.stage)", startedAt: DisplayFormat.dateTime(c.startedAt), dueAt: DisplayFormat.dateTime(c.dueAt),
        statusKey: c.breached ? "workorder.clock.breached" : c.stopped ? "workorder.clock.done" : "workorder.clock.running",
        breached: c.breached, percent: Int((min(c.elapsedFraction, 1) * 100).rounded()))
    }
    let allowed = WorkOrderPresenter.allowedActions(order, workflow: workflow, actor: actor, now: now)
    let relatedOrders = try await related(order, actor: actor, on: req.db)
    let mergeTargets = try await mergeTargets(order, workflow: workflow, actor: actor, on: req.db, now: now)
    var forms = (allowed + (allowed.contains(.reply) ? [.requestExtension] : [])).map { form($0, type: order.orderType) }
    if !mergeTargets.isEmpty {
      var merge = form(.mergeInto, type: order.orderType)
      merge.needsParent = true
      forms.append(merge)
    }
    let alerts = try await SLAAlert.query(on: req.db).filter(\.$order.$id == id).sort(\.$createdAt).all().map {
      Alert(
        at: DisplayFormat.dateTime($0.createdAt), stageKey: "workorder.stage.\($0.stage)", levelKey: "workorder.alert.\($0.level)",
        isChase: $0.isChase)
    }
    let visibleUnits = try await OrgUnit.visible(to: actor, on: req.db).filter { $0.unitKind != .company }
    return WorkOrderPage(
      chrome: .make(for: req, titleKey: "workorders.detail"), order: dto, typeKey: "workorder.type.\(order.type)",
      stateKey: "workorder.state.\(order.state)", channelKey: "workorder.channel.\(order.channel)",
      areaKey: "workorder.area.\(order.area)", severityKey: "workorder.severity.\(order.severity)",
      categoryName: category.map { english ? $0.englishName : $0.chineseName },
      itemName: item.map { english ? $0.englishName : $0.chineseName }, unitName: unit?.name ?? "",
      acceptedAt: DisplayFormat.dateTime(order.acceptedAt), clocks: clocks,
      events: events.map {
        Event(
          at: DisplayFormat.dateTime($0.at), actor: $0.actorName, actionKey: "workorder.action.\($0.action)",
          toStateKey: "workorder.state.\($0.toState)", note: $0.note)
      },
      actions: forms,
      actionURL: Paths.workOrderAction.link(id),
      units: try visibleUnits.map {
        Choice(value: try $0.requireID().uuidString, label: "\($0.name) (\($0.code))", selected: $0.id == order.$unit.id)
      },
      severities: [Severity.serious, .major].map {
        Choice(value: $0.rawValue, labelKey: "workorder.severity.\($0.rawValue)", selected: false)
      },
      mergeTargets: mergeTargets,
      investigationFields: ComplaintInvestigation.fields.map { .init(name: $0, labelKey: "workorder.investigation.\($0)", text: "") },
      investigation: investigationLines(order.investigation),
      attachments: try await AttachmentService.list(order, on: req.db).map {
        Attachment(
          name: $0.fileName, size: ByteCountFormatter.string(fromByteCount: Int64($0.size), countStyle: .file),
          sha: String($0.sha256.prefix(12)), href: Paths.workOrderAttachment.link(id, try $0.requireID()), uploadedBy: $0.uploadedBy,
          at: DisplayFormat.dateTime($0.uploadedAt))
      },
      attachmentAction: Paths.workOrderAttachments.link(id),
      related: relatedOrders, hasRelated: !relatedOrders.isEmpty, alerts: alerts, hasAlerts: !alerts.isEmpty, hasActions: !allowed.isEmpty,
      error: error)
  }

  static func form(_ kind: WorkOrderActionKind, type: OrderType) -> ActionForm {
    let reasons: Set<WorkOrderActionKind> = [
      .sendBackToAgent, .returnByUnit, .pauseForCustomer, .rejectExtension, .sendBackReply, .transferToDiscipline, .raiseSeverity,
      .requestExtension,
    ]
    let summaries: Set<WorkOrderActionKind> = [.answerAtIntake, .reply, .concludeInspection, .fileSameDayReport]
    return ActionForm(
      action: kind.rawValue, labelKey: "workorder.action.\(kind.rawValue)", needsReason: reasons.contains(kind),
      needsSummary: summaries.contains(kind), needsNote: kind == .recordReturnVisit, needsUnit: kind == .dispatch,
      needsSatisfaction: kind == .recordReturnVisit, needsSeverity: kind == .raiseSeverity, needsFindings: kind == .reply,
      needsInvestigation: kind == .reply && type == .complaint,
      needsNewDue: kind == .requestExtension,
      danger: [.returnByUnit, .sendBackToAgent, .sendBackReply, .transferToDiscipline, .rejectExtension].contains(kind))
  }

  /// Repeat contacts: other orders on the same account or phone within 30 days (issue 3 §6).
  static func related(_ order: WorkOrder, actor: Actor, on db: any Database) async throws -> [Related] {
    let others = try await WorkOrderQueries.contacts(
      account: order.customerAccount, phone: order.customerPhone, asOf: order.acceptedAt, for: actor, on: db
    ).filter { $0.id != order.id }
    return try others.map {
      Related(
        href: Paths.workOrder.link(try $0.requireID()), number: $0.number, typeKey: "workorder.type.\($0.type)",
        stateKey: "workorder.state.\($0.state)",
        acceptedAt: DisplayFormat.dateTime($0.acceptedAt))
    }
  }

  /// The filled fields of an investigation record, in the bulletin's order.
  static func investigationLines(_ record: ComplaintInvestigation?) -> [InvestigationField] {
    guard let record else { return [] }
    let values = [
      record.course, record.handling, record.cause, record.responsibility, record.correctiveAction, record.personnelOutcome,
    ]
    return zip(ComplaintInvestigation.fields, values).filter { !$0.1.isEmpty }.map {
      InvestigationField(name: $0.0, labelKey: "workorder.investigation.\($0.0)", text: $0.1)
    }
  }

  /// The customer's other orders this one may be merged into as a duplicate, as the workflow
  /// allows for the viewer's roles (issue 3 §3).
  static func mergeTargets(
    _ order: WorkOrder, workflow: Workflow, actor: Actor, on db: any Database, now: Date
  ) async throws -> [Choice] {
    guard let snapshot = try? order.snapshot else { return [] }
    let candidates = try await WorkOrderQueries.contacts(
      account: order.customerAccount, phone: order.customerPhone, asOf: now, for: actor, on: db
    ).filter { $0.id != order.id }
    return try candidates.filter { parent in
      let target = MergeParent(orderID: try parent.requireID().uuidString, type: parent.orderType, state: parent.orderState)
      return (try? workflow.apply(.mergeInto(parent: target), to: snapshot, by: actor.roles, at: now)) != nil
    }.map { Choice(value: try $0.requireID().uuidString, label: "\($0.number) · \($0.content.prefix(30))", selected: false) }
  }
}
