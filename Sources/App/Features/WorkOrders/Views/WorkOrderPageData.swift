import Domain
import Fluent
import Foundation

/// What the order page shows, read from the database for one viewer: the query step of the page.
struct WorkOrderPageData {
  let order: WorkOrder
  let snapshot: WorkflowSnapshot
  let dto: WorkOrderDTO
  let category: TaxonomyCategory?
  let item: TaxonomyItem?
  let unit: OrgUnit?
  let events: [WorkOrderEvent]
  let alerts: [SLAAlert]
  let notes: [WorkOrderNote]
  let attachments: [WorkOrderAttachment]
  /// Repeat contacts and merge targets; none on a report the viewer may not tie to its reporter.
  let related: [WorkOrderPage.Related]
  let parents: [Choice]
  /// Units an order may be dispatched to.
  let units: [Choice]
  /// The action forms the viewer may use now.
  let actions: [WorkOrderActionKind]
  /// The deadline an extension request would move, beside the date asked for.
  let currentDue: Date?

  static func load(_ id: UUID, actor: Actor, on db: any Database, now: Date) async throws -> WorkOrderPageData {
    let order = try await WorkOrderQueries.findVisible(id, for: actor, on: db)
    let workflow = try await WorkOrderFlow.workflow(on: db)
    let taxonomy: Taxonomy = order.type == .report ? .misconductV1 : .complaintsV1
    let category = order.categoryCode.flatMap(taxonomy.category)
    let allowed = WorkOrderPresenter.allowedActions(order, workflow: workflow, actor: actor, now: now)
    // A report's page must not lead to its reporter's other orders, nor merge with them.
    let secret = ReportSecrecy.hidesCustomer(of: order, from: actor)
    let parents = secret ? [] : try await WorkOrderPage.mergeTargets(order, workflow: workflow, actor: actor, on: db, now: now)
    let ledger = try order.ledger
    return WorkOrderPageData(
      order: order, snapshot: try order.snapshot,
      dto: try WorkOrderPresenter.dto(order, actor: actor, workflow: workflow, now: now, maskPhone: false),
      category: category, item: category?.items.first { $0.code == order.itemCode },
      unit: try await OrgUnit.find(order.$unit.id, on: db),
      events: try await WorkOrderEvent.query(on: db).filter(\.$order.$id == id).sort(\.$at).all(),
      alerts: try await SLAAlert.query(on: db).filter(\.$order.$id == id).sort(\.$createdAt).all(),
      notes: try await WorkOrderNote.query(on: db).filter(\.$order.$id == id).sort(\.$createdAt, .descending).all(),
      attachments: try await AttachmentService.list(order, on: db),
      related: secret ? [] : try await WorkOrderPage.related(order, actor: actor, on: db), parents: parents,
      units: try await OrgUnit.visible(to: actor, on: db).filter { $0.kind != .company }.map {
        Choice(value: try $0.requireID().uuidString, label: "\($0.name) (\($0.code))", selected: $0.id == order.$unit.id)
      },
      actions: allowed + (allowed.contains(.reply) ? [.requestExtension] : []) + (parents.isEmpty ? [] : [.mergeInto]),
      currentDue: try (ledger.running[.reply] ?? ledger.running[.serviceCompletion]).map {
        try $0.reading(at: now, calendar: workflow.calendar).due
      })
  }
}
