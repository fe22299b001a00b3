import Domain
import Fluent
import Vapor

/// One order: what the customer asked and how they were, its stage clocks, its timeline,
/// internal notes, earlier contacts from the same customer, and a form for each action the
/// viewer may take now.
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
    var error: String? = nil
  }
  struct Clock: Encodable {
    let stageKey: String
    let startedAt: String
    let dueAt: String
    let statusKey: String
    let breached: Bool
    let provisional: Bool
    let percent: Int
  }
  struct Event: Encodable {
    let at: String
    let actor: String
    let actionKey: String
    let toStateKey: String
    let note: String?
    /// The date an extension asked for or was decided on.
    let dueAt: String?
    /// A return visit's verdict.
    let resultKey: String?
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
  struct PendingExtension: Encodable {
    let newDue: String
    let reason: String
    let requestedAt: String
    let currentDue: String?
  }
  struct Note: Encodable {
    let at: String
    let author: String
    let text: String
  }
  let chrome: Chrome
  let order: WorkOrderDTO
  let typeKey: String
  let stateKey: String
  let channelKey: String
  let areaKey: String
  let severityKey: String
  let attitudeKey: String?
  let categoryName: String?
  let itemName: String?
  let unitName: String
  let acceptedAt: String
  let clocks: [Clock]
  let events: [Event]
  let actions: [ActionForm]
  let actionURL: String
  let pendingExtension: PendingExtension?
  let investigation: [InvestigationField]
  let attachments: [Attachment]
  let attachmentAction: String
  let notes: [Note]
  let noteAction: String
  let noteText: String
  let noteError: String?
  let related: [Related]
  let hasRelated: Bool
  let alerts: [Alert]
  let hasAlerts: Bool
  let hasActions: Bool
  let error: String?

  /// `refused`: a refused action form, shown again with what was typed; `note`: a refused note.
  /// Query (`WorkOrderPageData.load`), then view model, then the template renders it.
  static func build(
    for req: Request, id: UUID, error: String? = nil, refused: Refused? = nil, note: (text: String, error: String)? = nil
  ) async throws -> WorkOrderPage {
    let data = try await WorkOrderPageData.load(id, actor: try req.actor, on: req.db, now: req.now)
    let order = data.order
    let english = req.locale == "en"
    return WorkOrderPage(
      chrome: try await .make(for: req, titleKey: "workorders.detail"), order: data.dto, typeKey: "workorder.type.\(order.type.rawValue)",
      stateKey: "workorder.state.\(order.state.rawValue)", channelKey: "workorder.channel.\(order.channel.rawValue)",
      areaKey: "workorder.area.\(order.area.rawValue)", severityKey: "workorder.severity.\(order.severity.rawValue)",
      attitudeKey: order.attitude.map { "workorder.attitude.\($0.rawValue)" },
      categoryName: data.category.map { english ? $0.englishName : $0.chineseName },
      itemName: data.item.map { english ? $0.englishName : $0.chineseName }, unitName: data.unit?.name ?? "",
      acceptedAt: DisplayFormat.dateTime(order.acceptedAt), clocks: clocks(data.dto), events: events(data.events),
      actions: data.actions.map { form($0, type: order.type, units: data.units, parents: data.parents, refused: refused) },
      actionURL: Paths.workOrderAction.link(id), pendingExtension: pendingExtension(data),
      investigation: investigationLines(order.investigation), attachments: try attachments(data.attachments, orderID: id),
      attachmentAction: Paths.workOrderAttachments.link(id),
      notes: data.notes.map { Note(at: DisplayFormat.dateTime($0.createdAt), author: $0.authorName, text: $0.text) },
      noteAction: Paths.workOrderNotes.link(id), noteText: note?.text ?? "", noteError: note?.error,
      related: data.related, hasRelated: !data.related.isEmpty, alerts: alerts(data.alerts), hasAlerts: !data.alerts.isEmpty,
      hasActions: !data.actions.isEmpty, error: error)
  }

  static func clocks(_ dto: WorkOrderDTO) -> [Clock] {
    dto.clocks.map { c in
      Clock(
        stageKey: "workorder.stage.\(c.stage.rawValue)", startedAt: DisplayFormat.dateTime(c.startedAt),
        dueAt: DisplayFormat.dateTime(c.dueAt),
        statusKey: c.breached
          ? "workorder.clock.breached" : c.done ? "workorder.clock.done" : c.stopped ? "workorder.clock.ended" : "workorder.clock.running",
        breached: c.breached, provisional: c.provisional && !c.stopped, percent: Int((min(c.elapsedFraction, 1) * 100).rounded()))
    }
  }

  static func events(_ events: [WorkOrderEvent]) -> [Event] {
    events.map {
      Event(
        at: DisplayFormat.dateTime($0.at), actor: $0.actorName, actionKey: "workorder.action.\($0.action.rawValue)",
        toStateKey: "workorder.state.\($0.toState.rawValue)", note: $0.note, dueAt: $0.dueAt.map(DisplayFormat.dateTime),
        resultKey: $0.result.map { "workorder.visit.\($0.rawValue)" })
    }
  }

  static func alerts(_ alerts: [SLAAlert]) -> [Alert] {
    alerts.map {
      Alert(
        at: DisplayFormat.dateTime($0.createdAt), stageKey: "workorder.stage.\($0.stage.rawValue)",
        levelKey: "workorder.alert.\($0.level.rawValue)",
        isChase: $0.isChase)
    }
  }

  static func pendingExtension(_ data: WorkOrderPageData) -> PendingExtension? {
    data.snapshot.pendingExtension.map {
      PendingExtension(
        newDue: DisplayFormat.dateTime($0.newDue), reason: $0.reason, requestedAt: DisplayFormat.dateTime($0.requestedAt),
        currentDue: data.currentDue.map(DisplayFormat.dateTime))
    }
  }

  static func attachments(_ attachments: [WorkOrderAttachment], orderID: UUID) throws -> [Attachment] {
    try attachments.map {
      Attachment(
        name: $0.fileName, size: ByteCountFormatter.string(fromByteCount: Int64($0.size), countStyle: .file),
        sha: String($0.sha256.prefix(12)), href: Paths.workOrderAttachment.link(orderID, try $0.requireID()), uploadedBy: $0.uploadedBy,
        at: DisplayFormat.dateTime($0.uploadedAt))
    }
  }

  /// Repeat contacts: other orders on the same account or phone within 30 days (WO-REPEAT-CONTACT).
  static func related(_ order: WorkOrder, actor: Actor, on db: any Database) async throws -> [Related] {
    let others = try await WorkOrderQueries.contacts(
      account: order.customerAccount, phone: order.customerPhone, asOf: order.acceptedAt, for: actor, on: db
    ).filter { $0.id != order.id }
    return try others.map {
      Related(
        href: Paths.workOrder.link(try $0.requireID()), number: $0.number, typeKey: "workorder.type.\($0.type.rawValue)",
        stateKey: "workorder.state.\($0.state.rawValue)",
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
  /// allows for the viewer's roles (WO-MERGE, WO-PERMISSIONS).
  static func mergeTargets(
    _ order: WorkOrder, workflow: Workflow, actor: Actor, on db: any Database, now: Date
  ) async throws -> [Choice] {
    guard let snapshot = try? order.snapshot else { return [] }
    let candidates = try await WorkOrderQueries.contacts(
      account: order.customerAccount, phone: order.customerPhone, asOf: now, for: actor, on: db
    ).filter { $0.id != order.id }
    return try candidates.filter { parent in
      let target = MergeParent(orderID: try parent.requireID(), type: parent.type, state: parent.state)
      return (try? workflow.apply(.mergeInto(parent: target), to: snapshot, by: actor.roles, at: now)) != nil
    }.map { Choice(value: try $0.requireID().uuidString, label: "\($0.number) · \($0.content.prefix(30))", selected: false) }
  }
}
