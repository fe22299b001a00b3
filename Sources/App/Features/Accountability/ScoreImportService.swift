import Domain
import Fluent
import Foundation

/// Imported training and safety results (ACC-SCORE-IMPORT): a CSV or XLSX with username, kind,
/// exam day, score and title; every row checked first, each bad row named by its line, all saved
/// or none.
enum ScoreImportService {
  static let columns = ["username", "kind", "date", "score", "title"]
  static let chineseColumns = [
    "用户名": "username", "类别": "kind", "考试日期": "date", "日期": "date", "成绩": "score", "名称": "title", "考试名称": "title",
  ]
  static let kinds: [String: ImportedScoreKind] = ["training": .training, "safety": .safety, "培训": .training, "安全": .safety]

  struct Entry: Sendable {
    let personID: UUID
    let kind: ImportedScoreKind
    let day: CivilDate
    let tenths: Int
    let title: String
    let line: Int
  }

  /// Score text "0"–"100" with at most one decimal, in tenths; nil if it is not one.
  static func tenths(_ raw: String) -> Int? {
    let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let whole = parts.first, (1...3).contains(whole.count),
      whole.allSatisfy({ $0.isASCII && $0.isNumber }),
      let units = Int(whole)
    else { return nil }
    var tenth = 0
    if parts.count == 2 {
      let fraction = parts[1]
      guard fraction.count == 1, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let digit = Int(fraction) else { return nil }
      tenth = digit
    }
    let value = units * 10 + tenth
    return (0...1000).contains(value) ? value : nil
  }

  static func importTable(_ data: Data, actor: Actor, on db: any Database, now: Date) async throws -> Int {
    try PayService.requireHR(actor)
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
    let people = try await PayService.visiblePeople(actor, on: db)
    let today = BusinessTime.civilDate(of: now)
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
        problems.append(.init(line: line, field: "username", key: "accountability.score.error.person", args: [username]))
        continue
      }
      guard let kind = kinds[(row["kind"] ?? "").lowercased()] else {
        problems.append(.init(line: line, field: "kind", key: "accountability.score.error.kind", args: [row["kind"] ?? ""]))
        continue
      }
      guard let day = CivilDate(iso: row["date"] ?? ""), (row["date"] ?? "").count == 10 else {
        problems.append(.init(line: line, field: "date", key: "accountability.score.error.date", args: []))
        continue
      }
      guard day <= today else {
        problems.append(.init(line: line, field: "date", key: "accountability.score.error.future", args: [day.description]))
        continue
      }
      guard let tenths = tenths(row["score"] ?? "") else {
        problems.append(.init(line: line, field: "score", key: "accountability.score.error.score", args: [row["score"] ?? ""]))
        continue
      }
      let title = row["title"] ?? ""
      guard !title.isEmpty, title.count <= 200 else {
        problems.append(.init(line: line, field: "title", key: "accountability.score.error.title", args: []))
        continue
      }
      guard seen.insert("\(personID)|\(kind.rawValue)|\(day)|\(title)").inserted else {
        problems.append(.init(line: line, field: "username", key: "accountability.score.error.repeated", args: [username, title]))
        continue
      }
      entries.append(Entry(personID: personID, kind: kind, day: day, tenths: tenths, title: title, line: line))
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }
    try await save(entries, actor: actor, on: db, now: now)
    return entries.count
  }

  /// Stores the rows in one transaction; a row already imported (same person, kind, day and
  /// title) is refused by line and nothing is stored.
  static func save(_ entries: [Entry], actor: Actor, on db: any Database, now: Date) async throws {
    var problems: [ImportFailure.Line] = []
    for entry in entries {
      let existing = try await ImportedScore.query(on: db).filter(\.$person.$id == entry.personID).filter(\.$kind == entry.kind)
        .filter(\.$examOn == entry.day.description).filter(\.$title == entry.title).count()
      if existing > 0 {
        problems.append(.init(line: entry.line, field: "title", key: "accountability.score.error.imported", args: [entry.title]))
      }
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }
    try await db.transaction { tx in
      for entry in entries {
        let row = ImportedScore()
        row.$person.id = entry.personID
        row.kind = entry.kind
        row.examOn = entry.day.description
        row.scoreTenths = entry.tenths
        row.title = entry.title
        row.sourceLine = entry.line
        row.importedBy = actor.userID
        row.importedAt = now
        try await row.create(on: tx)
      }
      try await AuditLog.record(
        .create, entity: .importedScores, id: entries.map(\.day.description).sorted().first ?? "", actor: actor, before: NoSnapshot?.none,
        after: ["rows": entries.count], on: tx, at: now)
    }
  }

  /// The imported rows the actor may see, newest first: an overseer's of the people in their
  /// subtree, anyone else's own (ACC-SCORE-SCOPE).
  static func visibleRows(for actor: Actor, on db: any Database, limit: Int = 1000) async throws -> [(ImportedScore, String)] {
    let query = ImportedScore.query(on: db).join(User.self, on: \ImportedScore.$person.$id == \User.$id)
    if CaseService.canOversee(actor) {
      if !actor.isAdmin {
        let units = try await OrgUnit.visible(to: actor, on: db).map { try $0.requireID() }
        query.filter(User.self, \.$unit.$id ~~ units)
      }
    } else {
      query.filter(\.$person.$id == actor.userID)
    }
    let rows = try await query.sort(\.$examOn, .descending).sort(\.$importedAt, .descending).limit(limit).all()
    return try rows.map { ($0, try $0.joined(User.self).displayName) }
  }
}
