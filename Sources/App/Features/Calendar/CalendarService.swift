import Domain
import Fluent
import Tabular
import Vapor

/// Maintaining the working-day calendar: covered years, single days, and whole schedules
/// imported from CSV (one transaction: a file with any bad line changes nothing).
enum CalendarService {
  static func addYear(_ year: Int, actor: Actor, on db: any Database, now: Date) async throws {
    try actor.require(.admin)
    guard (2000...2100).contains(year) else { throw AppError.invalid("year", "calendar.error.year_range") }
    if try await CalendarYear.query(on: db).filter(\.$year == year).count() > 0 {
      throw AppError.conflict("year", "calendar.error.year_exists", String(year))
    }
    let row = CalendarYear(year: year)
    try await db.transaction { tx in
      try await row.create(on: tx)
      try await AuditLog.record(
        .create, entity: .calendarYear, id: String(year), actor: actor, before: NoSnapshot?.none, after: ["year": year], on: tx, at: now)
    }
  }

  /// Sets (or replaces) the override for one day of a covered year.
  static func putDay(
    date raw: String, kind rawKind: String?, name rawName: String?, actor: Actor, on db: any Database, now: Date
  ) async throws -> DayOverride {
    try actor.require(.admin)
    var errors = FieldErrors()
    let date = DateField.date(raw, field: "date", into: &errors)
    let kind = DayKind(rawValue: rawKind ?? "")
    if kind == nil { errors.add("kind", "validation.choice") }
    let name = Validate.text(rawName, field: "name", max: Limits.dayName, into: &errors)
    guard errors.isEmpty, let date, let kind else { throw ValidationFailure(errors: errors) }
    guard try await CalendarYear.query(on: db).filter(\.$year == date.year).count() > 0 else {
      throw AppError.invalid("date", "calendar.error.year_missing", String(date.year))
    }
    let day = DayOverride(date: date, kind: kind, name: name)
    try await db.transaction { tx in
      let existing = try await CalendarDay.query(on: tx).filter(\.$date == date.description).first()
      let before = try existing?.override
      try await existing?.delete(on: tx)
      try await CalendarDay(day).create(on: tx)
      try await AuditLog.record(
        before == nil ? .create : .update, entity: .calendarDay, id: date.description, actor: actor, before: before, after: day, on: tx,
        at: now)
    }
    return day
  }

  static func deleteDay(date raw: String, actor: Actor, on db: any Database, now: Date) async throws {
    try actor.require(.admin)
    guard let date = CivilDate(iso: raw),
      let existing = try await CalendarDay.query(on: db).filter(\.$date == date.description).first()
    else { throw AppError.notFound("entity.calendar_day") }
    let before = try existing.override
    try await db.transaction { tx in
      try await existing.delete(on: tx)
      try await AuditLog.record(
        .delete, entity: .calendarDay, id: date.description, actor: actor, before: before, after: NoSnapshot?.none, on: tx, at: now)
    }
  }

  struct ImportResult: Content {
    let years: [Int]
    let days: Int
  }

  /// CSV with header `date,kind,name`; kind is holiday/workday (or 休/班). Each year in the file
  /// becomes covered and its schedule is replaced by the file's rows.
  static func importCSV(_ text: String, actor: Actor, on db: any Database, now: Date) async throws -> ImportResult {
    try actor.require(.admin)
    let days = try parseCSV(text)
    let years = Array(Set(days.map(\.date.year))).sorted()
    try await db.transaction { tx in
      let before = try await CalendarDay.query(on: tx).filter(\.$year ~~ years).count()
      try await CalendarDay.query(on: tx).filter(\.$year ~~ years).delete()
      for year in years where try await CalendarYear.query(on: tx).filter(\.$year == year).count() == 0 {
        try await CalendarYear(year: year).create(on: tx)
      }
      for day in days { try await CalendarDay(day).create(on: tx) }
      try await AuditLog.record(
        .update, entity: .calendar, id: years.map(String.init).joined(separator: ","), actor: actor,
        before: ["days": before], after: ["days": days.count], on: tx, at: now)
    }
    return ImportResult(years: years, days: days.count)
  }

  static func parseCSV(_ text: String) throws -> [DayOverride] {
    let rows: [TabularRow]
    do {
      rows = try TabularReader.rows(in: Data(text.utf8))
    } catch {
      let refusal = error.appError(field: "file")
      guard refusal.lines.isEmpty else { throw refusal }
      throw ImportFailure(lines: [.init(line: error.line ?? 1, field: "file", key: refusal.messageKey, args: refusal.args)])
    }
    let trimmed = rows.map { TabularRow(line: $0.line, fields: $0.fields.map { $0.trimmingCharacters(in: .whitespaces) }) }
    guard let headerRow = trimmed.first else {
      throw ImportFailure(lines: [.init(line: 1, field: "file", key: "import.error.empty", args: [])])
    }
    let header = headerRow.fields.map { $0.lowercased() }
    guard let dateCol = header.firstIndex(of: "date"), let kindCol = header.firstIndex(of: "kind") else {
      throw ImportFailure(lines: [.init(line: headerRow.line, field: "header", key: "calendar.import.header", args: [])])
    }
    let nameCol = header.firstIndex(of: "name")
    var problems: [ImportFailure.Line] = []
    var days: [DayOverride] = []
    var seen: [CivilDate: Int] = [:]
    for record in trimmed.dropFirst() {
      let (line, row) = (record.line, record.fields)
      if row.allSatisfy({ $0.isEmpty }) { continue }
      let cell = { (i: Int) in i < row.count ? row[i] : "" }
      let date: CivilDate
      switch CivilDate.parse(cell(dateCol)) {
      case .success(let d): date = d
      case .failure(let problem):
        var found = FieldErrors()
        DateField.add(problem, format: "calendar.error.date", field: "date", into: &found)
        problems += found.messages.map { .init(line: line, field: $0.field, key: $0.key, args: $0.args) }
        continue
      }
      guard let kind = parseKind(cell(kindCol)) else {
        problems.append(.init(line: line, field: "kind", key: "calendar.import.kind", args: []))
        continue
      }
      let name = nameCol.map(cell) ?? ""
      if !name.fits(Limits.dayName) {
        problems.append(.init(line: line, field: "name", key: "validation.too_long", args: [String(Limits.dayName)]))
        continue
      }
      if let first = seen[date] {
        problems.append(.init(line: line, field: "date", key: "calendar.import.duplicate", args: [String(first)]))
        continue
      }
      seen[date] = line
      days.append(DayOverride(date: date, kind: kind, name: name))
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems) }
    if days.isEmpty { throw ImportFailure(lines: [.init(line: 1, field: "file", key: "import.error.empty", args: [])]) }
    return days
  }

  static func parseKind(_ text: String) -> DayKind? {
    switch text.lowercased() {
    case "holiday", "休", "off": return .holiday
    case "workday", "班", "on": return .workday
    default: return nil
    }
  }
}
