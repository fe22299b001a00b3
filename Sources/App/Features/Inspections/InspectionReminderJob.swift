import Domain
import Fluent
import SQLKit
import Vapor

/// `wanjia inspection-reminder`: tells the people responsible for an open finding, once, when its deadline is near
/// (INSP-REMINDER).
struct InspectionReminderJob: BackgroundJob {
  var name: String { "inspection-reminder" }
  var help: String { "Reminds the people responsible for an open inspection finding, once, in the days before its deadline." }
  var interval: Duration { .seconds(3600) }

  static let messageKey = "inbox.inspection_due"

  func run(on app: Application, now: Date) async throws -> String {
    try await app.runningJobs.exclusive(name) { try await remind(app.db, rules: .standard, now: now) }
      ?? "a reminder pass is already running"
  }

  func remind(_ db: any Database, rules: InspectionRules, now: Date) async throws -> String {
    let today = BusinessTime.civilDate(of: now)
    let due = try await InspectionFinding.query(on: db).filter(\.$state == .open).filter(\.$remindedOn == nil)
      .filter(\.$deadline >= today.description).filter(\.$deadline <= today.adding(days: rules.reminderDaysBefore).description)
      .with(\.$unit).with(\.$item).all()
    var told = 0
    for finding in due {
      guard let deadline = finding.deadlineDay, rules.remindOn(today: today, deadline: deadline) else { continue }
      let id = try finding.requireID()
      told += try await db.transaction { tx -> Int in
        // Whoever sets the day first gives the reminder; a second instance's pass finds it set.
        let claimed = try await tx.sql.update(InspectionFinding.schema).set("reminded_on", to: SQLBind(today.description))
          .where("id", .equal, SQLBind(id)).where("reminded_on", .is, SQLLiteral.null).returning("id").all()
        guard !claimed.isEmpty else { return 0 }
        let people = try await recipients(of: finding, on: tx)
        let notice = Notice(
          kind: .inspection, messageKey: Self.messageKey, args: [finding.unit.name, finding.item?.name ?? "", finding.deadline],
          link: Paths.inspection.link(finding.$inspection.id) + "#finding-\(id)")
        try await Notifications.deliver(notice, to: people, at: now, on: tx)
        return people.count
      }
    }
    return "\(told) reminded of \(due.count) findings"
  }

  /// The named responsible person, or else the people who rectify at the unit (INSP-ROLES).
  private func recipients(of finding: InspectionFinding, on db: any Database) async throws -> [UUID] {
    if let person = finding.responsibleUserID { return [person] }
    return try await InspectionQueries.people(near: finding.unit, on: db)
      .filter { !$0.roles.isDisjoint(with: InspectionRoles.rectifiers) && !$0.isAdmin }.map(\.userID)
  }
}
