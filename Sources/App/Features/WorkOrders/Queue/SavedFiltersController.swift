import Domain
import Fluent
import Vapor

/// A person's saved queue filters: name the current view and filters, come back to them from
/// the queue page, delete them.
enum SavedFiltersController {
  static let maxName = 50

  static func register(_ pages: any RoutesBuilder) {
    pages.post(Paths.workOrderFilters.components, use: save)
    pages.post(Paths.workOrderFilterDelete.components, use: delete)
  }

  struct SaveForm: Content {
    var name: String?
    var query: String?
  }

  struct DeleteForm: Content {
    var confirm: String?
  }

  @Sendable static func save(req: Request) async throws -> Response {
    let actor = try req.actor
    let form = try req.content.decode(SaveForm.self)
    return try await req.submitForm {
      var errors = FieldErrors()
      let name = Validate.text(form.name, field: "name", max: maxName, into: &errors)
      let query = try canonical(form.query ?? "")
      try errors.throwIfAny()
      let taken = try await SavedQueueFilter.query(on: req.db).filter(\.$user.$id == actor.userID).filter(\.$name == name).count()
      guard taken == 0 else { throw AppError.conflict("name", "workorders.saved.exists", name) }
      try await SavedQueueFilter(userID: actor.userID, name: name, query: query, at: req.now).create(on: req.db)
      return req.redirect(to: Paths.workOrders.link() + "?" + query)
    } showAgain: { errors, status in
      try await req.page(
        "workorders/list", WorkOrderListPage.build(for: req, filterName: form.name ?? "", filterErrors: errors), status: status)
    }
  }

  @Sendable static func delete(req: Request) async throws -> Response {
    let actor = try req.actor
    let id = try req.uuidParameter("filterID", entity: "entity.saved_filter")
    guard let saved = try await SavedQueueFilter.find(id, on: req.db), saved.$user.id == actor.userID else {
      throw AppError.notFound("entity.saved_filter")
    }
    let form = try req.content.decode(DeleteForm.self)
    return try await req.submitForm {
      var errors = FieldErrors()
      FormConfirmation.require(form.confirm, errors: &errors)
      if !errors.isEmpty { throw ValidationFailure(errors: errors) }
      try await saved.delete(on: req.db)
      return req.redirect(to: Paths.workOrders.link())
    } showAgain: { errors, status in
      try await req.page("workorders/list", WorkOrderListPage.build(for: req, filterErrors: errors), status: status)
    }
  }

  /// The saved query, re-read the way the queue reads it and written back in its own order; a
  /// query the queue would refuse is refused here too.
  static func canonical(_ raw: String) throws -> String {
    let items = URLComponents(string: "?" + raw)?.queryItems ?? []
    let values = Dictionary(items.map { ($0.name, $0.value ?? "") }) { first, _ in first }
    var errors = FieldErrors()
    var filter = WorkOrderQueries.Filter.parse({ values[$0] }, errors: &errors)
    try errors.throwIfAny()
    let rawView = values["view"] ?? QueueView.mine.rawValue
    guard let view = QueueView(rawValue: rawView) else {
      throw AppError(.badRequest, code: "invalid_field", key: "workorders.error.view", args: [rawView], field: "view")
    }
    filter.view = view
    return WorkOrderListPage.query(filter, extra: [])
  }
}
