import Domain
import Fluent
import Foundation

/// Monthly performance pay, entered by HR through the API or imported from a table (ACC-PAY):
/// every row checked first, all saved or none, then the months are deducted.
enum PayService {
  static func requireHR(_ actor: Actor) throws {
    guard actor.has(.hr) || actor.isAdmin else { throw AppError.forbidden }
  }

  struct Entry: Sendable {
    let personID: UUID
    let month: YearMonth
    let fen: Int
  }

  static let columns = ["username", "month", "pay"]
  static let chineseColumns = ["用户名": "username", "月份": "month", "绩效工资": "pay", "绩效工资（元）": "pay"]

  /// A CSV or XLSX with username, month (YYYY-MM) and pay in yuan; each bad row named by line.
  static func importTable(_ data: Data, actor: Actor, on db: any Database, now: Date) async throws -> Int {
    try requireHR(actor)
    let records = try TabularImport.rows(data)
    guard let header = records.first, records.count > 1 else { throw AppError.invalid("file", "import.error.empty") }
    let names = header.fields.map { raw -> String in
      let name = raw.trimmingCharacters(in: .whitespaces)
      return chineseColumns[name] ?? name
    }
    var problems: [ImportFailure.Line] = []
    for name in columns where !names.contains(name) {
      problems.append(.init(line: header.line, field: name, key: "results.error.missing_column", args: [name]))
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }
    let people = try await visiblePeople(actor, on: db)
    var entries: [Entry] = []
    var seen = Set<String>()
    for record in records.dropFirst() {
      var row: [String: String] = [:]
      for (index, name) in names.enumerated() where index < record.fields.count {
        row[name] = record.fields[index].trimmingCharacters(in: .whitespaces)
      }
      let line = record.line
      let username = row["username"] ?? ""
      guard let personID = people[username] else {
        problems.append(.init(line: line, field: "username", key: "accountability.pay.error.person", args: [username]))
        continue
      }
      guard let month = YearMonth(iso: row["month"] ?? "") else {
        problems.append(.init(line: line, field: "month", key: "validation.month_format", args: []))
        continue
      }
      switch PayRules.fen(fromYuan: row["pay"] ?? "") {
      case .success(let fen):
        guard seen.insert("\(username)/\(month)").inserted else {
          problems.append(
            .init(line: line, field: "username", key: "accountability.pay.error.repeated", args: [username, month.description]))
          continue
        }
        entries.append(Entry(personID: personID, month: month, fen: fen))
      case .failure(let problem):
        problems.append(.init(line: line, field: "pay", key: "accountability.pay.error.\(problem.rawValue)", args: [row["pay"] ?? ""]))
      }
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }
    try await save(entries, actor: actor, on: db, now: now, lines: records.dropFirst().map(\.line))
    return entries.count
  }

  /// Usernames of the active people the actor may enter pay for.
  static func visiblePeople(_ actor: Actor, on db: any Database) async throws -> [String: UUID] {
    let units = try await OrgUnit.visible(to: actor, on: db).map { try $0.requireID() }
    let users = try await User.query(on: db).filter(\.$unit.$id ~~ units).filter(\.$isActive == true).all()
    return Dictionary(try users.map { ($0.username, try $0.requireID()) }, uniquingKeysWith: { a, _ in a })
  }

  /// Stores the pay (a month already deducted for a person cannot change: its rows stand), then
  /// deducts each month in order.
  static func save(_ entries: [Entry], actor: Actor, on db: any Database, now: Date, lines: [Int]? = nil) async throws {
    try requireHR(actor)
    var problems: [ImportFailure.Line] = []
    for (index, entry) in entries.enumerated() {
      let written = try await LedgerEntry.query(on: db).filter(\.$person.$id == entry.personID).filter(\.$month == entry.month.description)
        .filter(\.$kind == .deduction).count()
      if written > 0 {
        problems.append(
          .init(line: lines?[index] ?? index + 1, field: "month", key: "accountability.pay.error.deducted", args: [entry.month.description])
        )
      }
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }
    try await db.transaction { tx in
      for entry in entries {
        let pay =
          try await PerformancePay.query(on: tx).filter(\.$person.$id == entry.personID).filter(\.$month == entry.month.description).first()
          ?? PerformancePay()
        pay.$person.id = entry.personID
        pay.month = entry.month.description
        pay.amountFen = entry.fen
        pay.updatedAt = now
        try await pay.save(on: tx)
      }
      for month in Set(entries.map(\.month)).sorted() {
        try await LedgerService.runMonth(month, persons: entries.filter { $0.month == month }.map(\.personID), on: tx, now: now)
      }
      try await AuditLog.record(
        .update, entity: .performancePay, id: entries.map(\.month.description).sorted().first ?? "", actor: actor,
        before: NoSnapshot?.none, after: ["rows": entries.count], on: tx, at: now)
    }
  }
}
