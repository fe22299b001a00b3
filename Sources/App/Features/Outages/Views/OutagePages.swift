import Domain
import Fluent
import Vapor

/// The view models of the outage pages.
enum OutagePages {
  struct Row: Encodable {
    let href: String
    let typeKey: String
    let cause: String
    let gridObject: String
    let unitName: String
    let start: String
    let announcedRestoration: String
    let stateKey: String
    let state: String
    let affected: Int
    let affectedHref: String
    let inTime: Int
    let inTimeHref: String
    let rate: String
    let breach: Bool
  }
  struct UnitRate: Encodable {
    let unitName: String
    let outages: Int
    let affected: Int
    let affectedHref: String
    let inTime: Int
    let inTimeHref: String
    let rate: String
  }
  struct ListPage: Encodable {
    let chrome: Chrome
    let rows: [Row]
    let units: [UnitRate]
    let canKeep: Bool
    /// Keepers register any outage; agents a fault outage from repair calls (OUT-MERGE-CALLS).
    let canRegister: Bool
    let canImportGrid: Bool
    let newHref: String
    let gridHref: String
    let announcementsHref: String
    let limitsHref: String
  }

  static func customersHref(outage: UUID? = nil, unit: UUID? = nil, notice: OutageQueries.NoticeFilter) -> String {
    var query: [String] = []
    if let outage { query.append("outageId=\(outage)") }
    if let unit { query.append("unitId=\(unit)") }
    query.append("notice=\(notice.rawValue)")
    return Paths.outageCustomers.link() + "?" + query.joined(separator: "&")
  }

  static func list(_ req: Request, actor: Actor) async throws -> ListPage {
    let outages = try await OutageQueries.list(.init(), for: actor, on: req.db)
    let rates = try await OutageNotices.rates(outages.compactMap(\.id), on: req.db)
    var rows: [Row] = []
    var perUnit: [UUID: (name: String, outages: Int, rate: OutageNotices.Rate)] = [:]
    for outage in outages {
      let id = try outage.requireID()
      let rate = rates[id] ?? .init(inTime: 0, affected: 0)
      rows.append(
        Row(
          href: Paths.outage.link(id), typeKey: "outage.type.\(outage.type.rawValue)", cause: outage.cause,
          gridObject: outage.gridObject.code, unitName: outage.unit.name, start: DisplayFormat.dateTime(outage.startAt),
          announcedRestoration: DisplayFormat.dateTime(outage.announcedRestorationAt), stateKey: "outage.state.\(outage.state.rawValue)",
          state: outage.state.rawValue, affected: rate.affected, affectedHref: customersHref(outage: id, notice: .all), inTime: rate.inTime,
          inTimeHref: customersHref(outage: id, notice: .inTime), rate: DisplayFormat.percent(rate.fraction), breach: outage.noticeBreach))
      // OUT-NOTICE-RATE per unit: cancelled outages affected nobody.
      guard outage.state != .cancelled else { continue }
      let unitID = outage.$unit.id
      var entry = perUnit[unitID] ?? (name: outage.unit.name, outages: 0, rate: OutageNotices.Rate(inTime: 0, affected: 0))
      entry.outages += 1
      entry.rate.inTime += rate.inTime
      entry.rate.affected += rate.affected
      perUnit[unitID] = entry
    }
    let units = perUnit.sorted { $0.value.name < $1.value.name }.map { pair in
      let (unitID, entry) = (pair.key, pair.value)
      return UnitRate(
        unitName: entry.name, outages: entry.outages, affected: entry.rate.affected,
        affectedHref: customersHref(unit: unitID, notice: .all), inTime: entry.rate.inTime,
        inTimeHref: customersHref(unit: unitID, notice: .inTime), rate: DisplayFormat.percent(entry.rate.fraction))
    }
    return ListPage(
      chrome: try await .make(for: req, titleKey: "outage.list_title"), rows: rows, units: units,
      canKeep: OutageAccess.canKeep(actor), canRegister: OutageAccess.canMergeCalls(actor),
      canImportGrid: OutageAccess.canImportGrid(actor),
      newHref: Paths.outageNew.link(),
      gridHref: Paths.grid.link(), announcementsHref: Paths.outageAnnouncements.link(), limitsHref: Paths.outageNoticeLimits.link())
  }

  struct FormPage: Encodable {
    let chrome: Chrome
    let types: [Choice]
    let objects: [Choice]
    let values: [String: String]
    let errors: [String: String]
    let action: String
  }

  static func form(_ req: Request, values: [String: String], errors: FieldErrors, status: HTTPStatus = .ok) async throws -> Response {
    let actor = try req.actor
    guard OutageAccess.canMergeCalls(actor) else { throw AppError.forbidden }
    let objects = try await OutageQueries.gridObjects(for: actor, on: req.db).map { object in
      let kind = req.t("grid.kind.\(object.kind.rawValue)")
      return Choice(
        value: object.id?.uuidString ?? "", label: "\(object.code)（\(kind) · \(object.unit.name)）",
        selected: values["gridObjectId"] == object.id?.uuidString)
    }
    let types = OutageType.allCases.map {
      Choice(value: $0.rawValue, labelKey: "outage.type.\($0.rawValue)", selected: values["type"] == $0.rawValue)
    }
    let page = FormPage(
      chrome: try await .make(for: req, titleKey: "outage.new_title"), types: types, objects: objects, values: values,
      errors: errors.localized(req.application.localizer, req.locale), action: Paths.outageNew.link())
    return try await req.page("outages/new", page, status: status)
  }

  struct Move: Encodable {
    let action: String
    let labelKey: String
    let needsAt: Bool
    let needsArea: Bool
    let needsRestoration: Bool
    let needsReason: Bool
  }
  struct Step: Encodable {
    let area: String
    let restoredAt: String
    let customers: Int
    let recordedBy: String
  }
  struct PhoneTask: Encodable {
    let id: String
    let account: String
    let name: String
    let phone: String
    let classKey: String
    let calledAt: String
  }
  struct ShowPage: Encodable {
    let chrome: Chrome
    let id: String
    let version: Int
    let typeKey: String
    let categoryKey: String
    let cause: String
    let gridObject: String
    let unitName: String
    let state: String
    let stateKey: String
    let start: String
    let announcedRestoration: String
    let actualStart: String
    let restored: String
    let registeredAt: String
    let registeredBy: String
    let cancelReason: String
    let breach: Bool
    let affected: Int
    let affectedHref: String
    let inTime: Int
    let inTimeHref: String
    let failed: Int
    let failedHref: String
    let rate: String
    let statusCounts: [StatusCount]
    let steps: [Step]
    let phoneTasks: [PhoneTask]
    let moves: [Move]
    let areas: [Choice]
    let actionHref: String
    let callHref: String
    let canKeep: Bool
    /// Where a keeper adds or removes an affected customer (OUT-ADJUST-CUSTOMERS); empty once over.
    let adjustHref: String
    let errorMessages: [String]
    let customers: [CustomerRow]
    let customersShown: Int
    let repairOrders: [RepairOrder]
  }
  struct RepairOrder: Encodable {
    let number: String
    let href: String
    let attachedAt: String
    /// The locale key of the order's state.
    let stateKey: String
  }
  struct StatusCount: Encodable {
    let status: String
    let labelKey: String
    let count: Int
  }
  struct CustomerRow: Encodable {
    let account: String
    let name: String
    let phone: String
    let classKey: String
    let status: String
    let statusKey: String
    let inTime: Bool
    let restoredAt: String
  }

  static let shownCustomers = 200

  static func show(_ req: Request, id: UUID, errors: FieldErrors = .init(), status: HTTPStatus = .ok) async throws -> Response {
    let actor = try req.actor
    let outage = try await OutageService.findVisible(id, for: actor, on: req.db)
    let customers = try await OutageQueries.customers(of: [id], filter: .all, on: req.db)
    let inTime = customers.filter { OutageNotices.notifiedInTime($0.0, status: $0.1) }.count
    let failed = customers.filter { $0.1 == .failed }.count
    var counts: [OutageNotices.Status: Int] = [:]
    for (_, status) in customers { counts[status, default: 0] += 1 }
    let steps = try await OutageRestorationStep.query(on: req.db).filter(\.$outageID == id).sort(\.$restoredAt).all()
    let areaIDs = Set(customers.compactMap { $0.0.transformerAreaID })
    let areaObjects = try await GridObject.query(on: req.db).filter(\.$id ~~ Array(areaIDs)).sort(\.$code).all()
    let areaNames = Dictionary(areaObjects.compactMap { o in o.id.map { ($0, o.code) } }) { a, _ in a }
    let canKeep = OutageAccess.canKeep(actor)
    let moves: [Move] =
      canKeep
      ? OutageAction.allCases.filter { $0.next(from: outage.state) != nil }.filter { $0 != .stepRestore || !areaObjects.isEmpty }.map {
        Move(
          action: $0.rawValue, labelKey: "outage.action.\($0.rawValue)",
          needsAt: [OutageAction.start, .stepRestore, .restore].contains($0),
          needsArea: $0 == .stepRestore, needsRestoration: $0 == .delay, needsReason: $0 == .cancel)
      } : []
    let rate = OutageNotices.Rate(inTime: inTime, affected: customers.count)
    let page = ShowPage(
      chrome: try await .make(for: req, titleKey: "outage.show_title"), id: id.uuidString, version: outage.version,
      typeKey: "outage.type.\(outage.type.rawValue)", categoryKey: "outage.category.\(outage.type.category.rawValue)",
      cause: outage.cause, gridObject: outage.gridObject.code, unitName: outage.unit.name, state: outage.state.rawValue,
      stateKey: "outage.state.\(outage.state.rawValue)", start: DisplayFormat.dateTime(outage.startAt),
      announcedRestoration: DisplayFormat.dateTime(outage.announcedRestorationAt),
      actualStart: outage.actualStartAt.map(DisplayFormat.dateTime) ?? "", restored: outage.restoredAt.map(DisplayFormat.dateTime) ?? "",
      registeredAt: DisplayFormat.dateTime(outage.registeredAt), registeredBy: outage.registeredBy, cancelReason: outage.cancelReason ?? "",
      breach: outage.noticeBreach, affected: customers.count, affectedHref: customersHref(outage: id, notice: .all), inTime: inTime,
      inTimeHref: customersHref(outage: id, notice: .inTime), failed: failed, failedHref: customersHref(outage: id, notice: .failed),
      rate: DisplayFormat.percent(rate.fraction),
      statusCounts: OutageNotices.Status.allCases.map {
        StatusCount(status: $0.rawValue, labelKey: "outage.notice.\($0.rawValue)", count: counts[$0] ?? 0)
      },
      steps: steps.map {
        Step(
          area: areaNames[$0.gridObjectID] ?? "", restoredAt: DisplayFormat.dateTime($0.restoredAt), customers: $0.customers,
          recordedBy: $0.recordedBy)
      },
      phoneTasks: customers.compactMap { pair in
        let row = pair.0
        guard let important = row.importantClass, let rowID = row.id else { return nil }
        return PhoneTask(
          id: rowID.uuidString, account: row.account, name: row.name, phone: row.phone ?? "",
          classKey: "grid.important.\(important.rawValue)",
          calledAt: row.calledAt.map(DisplayFormat.dateTime) ?? "")
      },
      moves: moves,
      areas: areaObjects.compactMap { o in o.id.map { Choice(value: $0.uuidString, label: o.code, selected: false) } },
      actionHref: Paths.outageAction.link(id), callHref: Paths.outageCall.link(id), canKeep: canKeep,
      adjustHref: canKeep && [.announced, .active].contains(outage.state) ? Paths.outageAffected.link(id) : "",
      errorMessages: errors.messages.map { req.application.localizer.text($0.key, locale: req.locale, args: $0.args) },
      customers: customers.prefix(shownCustomers).map { customerRow($0.0, $0.1) }, customersShown: min(customers.count, shownCustomers),
      repairOrders: try await repairOrders(of: id, on: req.db))
    return try await req.page("outages/show", page, status: status)
  }

  /// The grouped repair calls with the state each is in now (OUT-RESTORE-CHILDREN).
  static func repairOrders(of outageID: UUID, on db: any Database) async throws -> [RepairOrder] {
    let rows = try await OutageRepairOrder.query(on: db).filter(\.$outageID == outageID).sort(\.$attachedAt).all()
    let states = try await GroupedRepairCalls.states(of: rows.map(\.workOrderID), on: db)
    return rows.map {
      RepairOrder(
        number: $0.number, href: Paths.workOrder.link($0.workOrderID), attachedAt: DisplayFormat.dateTime($0.attachedAt),
        stateKey: states[$0.workOrderID].map { "workorder.state.\($0.rawValue)" } ?? "")
    }
  }

  static func customerRow(_ row: OutageCustomer, _ status: OutageNotices.Status) -> CustomerRow {
    CustomerRow(
      account: row.account, name: row.name, phone: row.phone.map(DisplayFormat.maskedPhone) ?? "",
      classKey: row.importantClass.map { "grid.important.\($0.rawValue)" } ?? "", status: status.rawValue,
      statusKey: "outage.notice.\(status.rawValue)", inTime: OutageNotices.notifiedInTime(row, status: status),
      restoredAt: row.restoredAt.map(DisplayFormat.dateTime) ?? "")
  }

  struct CustomersPage: Encodable {
    let chrome: Chrome
    let heading: String
    let filterKey: String
    let count: Int
    let customers: [CustomerRow]
    let truncated: Bool
  }

  static func customers(
    _ req: Request, outageID: UUID?, unitID: UUID?, filter: OutageQueries.NoticeFilter
  ) async throws -> CustomersPage {
    let actor = try req.actor
    var heading = ""
    var outageIDs: [UUID] = []
    if let outageID {
      let outage = try await OutageService.findVisible(outageID, for: actor, on: req.db)
      heading = "\(outage.gridObject.code) · \(outage.cause)"
      outageIDs = [outageID]
    } else if let unitID {
      let unit = try await OrgUnit.findVisible(unitID, for: actor, on: req.db)
      heading = unit.name
      // The per-unit figure counts the outages of the unit itself, cancelled ones left out.
      outageIDs = try await Outage.query(on: req.db).filter(\.$unit.$id == unitID).filter(\.$state != .cancelled)
        .limit(OutageQueries.listLimit).all(\.$id)
    } else {
      throw AppError.invalid("outageId", "validation.required")
    }
    let rows = try await OutageQueries.customers(of: outageIDs, filter: filter, on: req.db)
    return CustomersPage(
      chrome: try await .make(for: req, titleKey: "outage.customers_title"), heading: heading,
      filterKey: "outage.filter.\(filter.rawValue)", count: rows.count,
      customers: rows.prefix(OutageQueries.customerLimit).map { customerRow($0.0, $0.1) },
      truncated: rows.count > OutageQueries.customerLimit)
  }

  struct Announcement: Encodable {
    let typeKey: String
    let cause: String
    let gridObject: String
    let areas: String
    let unitName: String
    let start: String
    let announcedRestoration: String
    let customers: Int
  }
  struct AnnouncementsPage: Encodable {
    let chrome: Chrome
    let printedAt: String
    let items: [Announcement]
  }

  /// OUT-ANNOUNCEMENT: the outages not yet over, for media and residential notices.
  static func announcements(_ req: Request) async throws -> AnnouncementsPage {
    let actor = try req.actor
    let outages = try await OutageQueries.list(.init(), for: actor, on: req.db).filter { $0.state.isOpen }.sorted {
      $0.startAt < $1.startAt
    }
    var items: [Announcement] = []
    for outage in outages {
      let id = try outage.requireID()
      let areaIDs = try await OutageCustomer.query(on: req.db).filter(\.$outageID == id).filter(\.$transformerAreaID != nil)
        .unique().all(\.$transformerAreaID).compactMap { $0 }
      let areas = try await GridObject.query(on: req.db).filter(\.$id ~~ areaIDs).sort(\.$code).all(\.$code)
      items.append(
        Announcement(
          typeKey: "outage.type.\(outage.type.rawValue)", cause: outage.cause, gridObject: outage.gridObject.code,
          areas: areas.joined(separator: "、"), unitName: outage.unit.name, start: DisplayFormat.dateTime(outage.startAt),
          announcedRestoration: DisplayFormat.dateTime(outage.announcedRestorationAt), customers: outage.customersAffected))
    }
    return AnnouncementsPage(
      chrome: try await .make(for: req, titleKey: "outage.announcements_title"), printedAt: DisplayFormat.dateTime(req.now), items: items)
  }

  struct Feeder: Encodable {
    let code: String
    let unitName: String
    let areas: Int
    let customers: Int
  }
  struct GridPage: Encodable {
    let chrome: Chrome
    let feeders: [Feeder]
    let customers: Int
    let canImport: Bool
    let importAction: String
    let notice: String?
    let errors: [String: String]
    let importLines: [ImportLine]
  }
  struct ImportLine: Encodable {
    let line: Int
    let message: String
  }

  static func grid(
    _ req: Request, notice: String? = nil, errors: FieldErrors = .init(), lines: [ImportFailure.Line] = [], status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let objects = try await OutageQueries.gridObjects(for: actor, on: req.db)
    let feeders = objects.filter { $0.kind == .feeder }
    let feederIDs = feeders.compactMap(\.id)
    var counts: [UUID: Int] = [:]
    for id in try await GridCustomer.query(on: req.db).filter(\.$feederID ~~ feederIDs).all(\.$feederID) { counts[id, default: 0] += 1 }
    let areas = Dictionary(grouping: objects.filter { $0.kind == .transformerArea }, by: { $0.feederID })
    let localizer = req.application.localizer
    let page = GridPage(
      chrome: try await .make(for: req, titleKey: "grid.title"),
      feeders: feeders.map { feeder in
        Feeder(
          code: feeder.code, unitName: feeder.unit.name, areas: areas[feeder.id]?.count ?? 0,
          customers: feeder.id.flatMap { counts[$0] } ?? 0)
      }, customers: counts.values.reduce(0, +), canImport: OutageAccess.canImportGrid(actor), importAction: Paths.gridImport.link(),
      notice: notice, errors: errors.localized(localizer, req.locale),
      importLines: lines.map { ImportLine(line: $0.line, message: localizer.text($0.key, locale: req.locale, args: $0.args)) })
    return try await req.page("outages/grid", page, status: status)
  }
}
