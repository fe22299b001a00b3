import Domain
import Fluent
import SQLKit
import Vapor

/// `wanjia sla-sweep`: raises the warnings and 催办 that have fallen due. It reads only orders
/// whose `next_due_at` has come (an indexed column), claims each row so that two servers never
/// work on the same order at once (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one
/// writer), and relies on the alerts' unique key so that each warning fires exactly once.
struct SLASweepJob: BackgroundJob {
  var name: String { "sla-sweep" }
  var help: String { "Raises due SLA warnings and 催办 (chases) for overdue work orders." }
  var interval: Duration { .seconds(60) }
  /// Orders handled per pass; the next pass takes the rest.
  var batchSize = 500
  var warnings = WarningPolicy.default

  func run(on app: Application, now: Date) async throws -> String {
    try await app.runningJobs.exclusive(name) { try await sweep(app, now: now) } ?? "a sweep is already running"
  }

  func sweep(_ app: Application, now: Date) async throws -> String {
    let due = try await WorkOrder.query(on: app.db).filter(\.$nextDueAt <= now).sort(\.$nextDueAt).limit(batchSize).all(\.$id)
    guard !due.isEmpty else { return "0 orders due" }
    let workflow = try await WorkOrderFlow.workflow(on: app.db)
    var raised = 0
    for id in due {
      raised += try await app.db.transaction { tx in
        try await sweep(orderID: id, workflow: workflow, now: now, localizer: app.localizer, on: tx)
      }
    }
    return "\(due.count) orders due, \(raised) alerts raised"
  }

  /// One order inside one transaction: claim, raise what is due, move `next_due_at` on.
  func sweep(orderID: UUID, workflow: Workflow, now: Date, localizer: Localizer, on db: any Database) async throws -> Int {
    guard try await claim(orderID, now: now, on: db), let order = try await WorkOrder.find(orderID, on: db),
      let nextDue = order.nextDueAt, nextDue <= now
    else { return 0 }
    let ledger = try order.ledger
    var sent = try await SLAAlert.sent(for: orderID, ledger: ledger, on: db)
    var raised = 0
    for (stage, record) in ledger.running {
      let check = try warnings.check(record, at: now, alreadySent: sent[stage] ?? [], calendar: workflow.calendar)
      let reading = try record.reading(at: now, calendar: workflow.calendar)
      for warning in check.due {
        let alert = SLAAlert(
          orderID: orderID, unitID: order.$unit.id, warning: warning, clockStartedAt: record.startedAt, dueAt: reading.due, at: now)
        try await alert.create(on: db)
        if warning.isChase { try await queueSMS(for: order, stage: stage, localizer: localizer, now: now, on: db) }
        let kind: NoticeKind = warning.isChase ? .chase : .warning
        try await Notifications.deliver(
          Notice(
            kind: kind, messageKey: "inbox.\(kind.rawValue)",
            args: [order.number, "workorder.stage.\(stage.rawValue)", "workorder.alert.\(warning.level.rawValue)"],
            link: Paths.workOrder.link(orderID)),
          to: try await WorkOrderRecipients.waitingOn(order, workflow: workflow, except: nil, on: db), at: now, on: db)
        sent[stage, default: []].insert(warning.level)
        raised += 1
      }
    }
    order.nextDueAt = try ledger.nextDueAt(at: now, sent: sent, warnings: warnings, calendar: workflow.calendar)
    try await order.save(on: db)
    return raised
  }

  /// A 催办 also goes by SMS to the responsible unit's duty phone, through the outbox.
  func queueSMS(for order: WorkOrder, stage: Domain.StageClock, localizer: Localizer, now: Date, on db: any Database) async throws {
    guard let unit = try await OrgUnit.find(order.$unit.id, on: db), let phone = unit.dutyPhone else { return }
    let stageName = localizer.text("workorder.stage.\(stage.rawValue)", locale: Localizer.defaultLocale)
    let body = localizer.text("sms.chase", locale: Localizer.defaultLocale, args: [order.number, stageName])
    try await Notifications.queueSMS(to: phone, body: body, at: now, on: db)
  }

  /// Locks the order row for this transaction, skipping it if another sweeper holds it.
  func claim(_ id: UUID, now: Date, on db: any Database) async throws -> Bool {
    let sql = db.sql
    guard sql.dialect.name == "postgresql" else {
      // SQLite: take the write lock first, waiting for another sweeper's (or a server's) commit
      // through the busy handler. A transaction that read first and then wrote after another
      // process committed would fail at once with "database is locked" (a stale snapshot
      // cannot be upgraded, and SQLite does not wait for it).
      try await sql.raw("UPDATE \(ident: WorkOrder.schema) SET next_due_at = next_due_at WHERE id = \(bind: id)").run()
      return true
    }
    let rows = try await sql.select().column("id").from(WorkOrder.schema)
      .where("id", .equal, SQLBind(id))
      .lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED"))
      .all()
    return !rows.isEmpty
  }
}
