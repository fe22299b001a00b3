import Domain
import Fluent
import Foundation
import Vapor

/// Imports interruption history (rule REL-IMPORT, docs/outage-format.md): a CSV or XLSX with the
/// header `id,unitCode,type,cause,start,end,customersAffected`. All or nothing: a file with any bad
/// line changes nothing and every bad line is named; a line whose id is stored with the same
/// content is left as it is, so the same file imported again adds nothing.
enum InterruptionImport {
  struct Outcome: Content, Sendable, Equatable {
    /// Lines stored now.
    let imported: Int
    /// Lines whose id was already stored (or given before in the file) with the same content.
    let unchanged: Int
  }

  static let columns = ["id", "unitCode", "type", "cause", "start", "end", "customersAffected"]
  static let maxCustomers = 10_000_000
  static let maxIDLength = 100
  static let maxCauseLength = 500

  struct Entry: Equatable {
    let externalID: String
    let unitID: UUID
    let type: OutageType
    let cause: String
    let start: Date
    let end: Date
    let customers: Int

    /// The same interruption: times within a millisecond (databases keep them to microseconds).
    func sameContent(as other: Entry) -> Bool {
      unitID == other.unitID && type == other.type && cause == other.cause && customers == other.customers
        && abs(start.timeIntervalSince(other.start)) < 0.001 && abs(end.timeIntervalSince(other.end)) < 0.001
    }
  }

  static func requireImporter(_ actor: Actor) throws { try actor.require(.admin) }

  static func run(_ data: Data, actor: Actor, on db: any Database, now: Date) async throws -> Outcome {
    try requireImporter(actor)
    let records = try TabularImport.rows(data)
    guard let header = records.first, records.count > 1 else { throw AppError.invalid("file", "import.error.empty") }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    var problems: [ImportFailure.Line] = []
    for name in columns where !names.contains(name) {
      problems.append(.init(line: header.line, field: name, key: "results.error.missing_column", args: [name]))
    }
    for name in names where !columns.contains(name) {
      problems.append(.init(line: header.line, field: name, key: "results.error.unknown_column", args: [name]))
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }

    let units = Dictionary(
      try await OrgUnit.visible(to: actor, on: db).map { ($0.code, try $0.requireID()) }, uniquingKeysWith: { a, _ in a })
    var entries: [Entry] = []
    var lines: [Int] = []
    var firstIndex: [String: Int] = [:]
    var unchanged = 0
    for record in records.dropFirst() {
      var row: [String: String] = [:]
      for (index, name) in names.enumerated() where index < record.fields.count {
        row[name] = record.fields[index].trimmingCharacters(in: .whitespaces)
      }
      let line = record.line
      switch entry(row, units: units) {
      case .failure(let problem):
        problems.append(.init(line: line, field: problem.field, key: problem.key, args: problem.args))
      case .success(let entry):
        if let index = firstIndex[entry.externalID] {
          if entry.sameContent(as: entries[index]) {
            unchanged += 1
          } else {
            problems.append(
              .init(line: line, field: "id", key: "reliability.import.error.duplicate", args: [entry.externalID, String(lines[index])]))
          }
          continue
        }
        firstIndex[entry.externalID] = entries.count
        entries.append(entry)
        lines.append(line)
      }
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }

    // Ids already stored: the same content is left alone, other content is refused.
    var stored: [String: Entry] = [:]
    let ids = entries.map(\.externalID)
    var start = 0
    while start < ids.count {
      let slice = Array(ids[start..<min(ids.count, start + 500)])
      start += 500
      for row in try await InterruptionRecord.query(on: db).filter(\.$externalID ~~ slice).all() {
        stored[row.externalID] = Entry(
          externalID: row.externalID, unitID: row.$unit.id, type: row.type, cause: row.cause, start: row.startAt, end: row.endAt,
          customers: row.customers)
      }
    }
    var fresh: [Entry] = []
    for (index, entry) in entries.enumerated() {
      guard let existing = stored[entry.externalID] else {
        fresh.append(entry)
        continue
      }
      if existing.sameContent(as: entry) {
        unchanged += 1
      } else {
        problems.append(.init(line: lines[index], field: "id", key: "reliability.import.error.stored", args: [entry.externalID]))
      }
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }

    let accepted = fresh
    let kept = unchanged
    try await db.transaction { tx in
      var index = 0
      while index < accepted.count {
        let batch = accepted[index..<min(accepted.count, index + 500)].map {
          InterruptionRecord(
            externalID: $0.externalID, unitID: $0.unitID, type: $0.type, cause: $0.cause, startAt: $0.start, endAt: $0.end,
            customers: $0.customers, createdAt: now)
        }
        index += 500
        try await batch.create(on: tx)
      }
      try await AuditLog.record(
        .create, entity: .interruptionHistory, id: "import", actor: actor, before: NoSnapshot?.none,
        after: ["interruptions": accepted.count, "unchanged": kept], on: tx, at: now)
    }
    return Outcome(imported: accepted.count, unchanged: kept)
  }

  struct Problem: Error {
    let field: String
    let key: String
    let args: [String]
  }

  /// One line checked (REL-IMPORT): the first problem of the line.
  static func entry(_ row: [String: String], units: [String: UUID]) -> Result<Entry, Problem> {
    let id = row["id"] ?? ""
    guard !id.isEmpty, id.count <= maxIDLength else {
      return .failure(Problem(field: "id", key: "reliability.import.error.id", args: [String(maxIDLength)]))
    }
    let code = row["unitCode"] ?? ""
    guard let unitID = units[code] else { return .failure(Problem(field: "unitCode", key: "reliability.import.error.unit", args: [code])) }
    let typeText = row["type"] ?? ""
    guard let type = OutageType(rawValue: typeText) else {
      return .failure(Problem(field: "type", key: "reliability.import.error.type", args: [typeText]))
    }
    let cause = row["cause"] ?? ""
    guard cause.count <= maxCauseLength else {
      return .failure(Problem(field: "cause", key: "validation.too_long", args: [String(maxCauseLength)]))
    }
    guard let start = instant(row["start"] ?? "") else {
      return .failure(Problem(field: "start", key: "reliability.import.error.instant", args: [row["start"] ?? ""]))
    }
    guard let end = instant(row["end"] ?? "") else {
      return .failure(Problem(field: "end", key: "reliability.import.error.instant", args: [row["end"] ?? ""]))
    }
    guard end >= start else {
      return .failure(
        Problem(field: "end", key: "reliability.import.error.end_before_start", args: [row["end"] ?? "", row["start"] ?? ""]))
    }
    let countText = row["customersAffected"] ?? ""
    guard let customers = Int(countText), (0...maxCustomers).contains(customers) else {
      return .failure(
        Problem(field: "customersAffected", key: "reliability.import.error.customers", args: [countText, String(maxCustomers)]))
    }
    return .success(Entry(externalID: id, unitID: unitID, type: type, cause: cause, start: start, end: end, customers: customers))
  }

  /// ISO 8601 date and time with an offset (`Z` or ±hh:mm); a bare date or a time without an
  /// offset is refused, since the file's systems may not run on Beijing time.
  static func instant(_ text: String) -> Date? {
    if let fast = fixedInstant(text) { return fast }
    guard let t = text.firstIndex(of: "T") else { return nil }
    let time = text[text.index(after: t)...]
    guard time.hasSuffix("Z") || time.contains("+") || time.contains("-") else { return nil }
    return BusinessTime.parseInstant(text)
  }

  /// `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`, read straight from the bytes (a history
  /// file has two per line; the general parser builds a formatter each time). Anything else is
  /// left to `BusinessTime.parseInstant`.
  static func fixedInstant(_ text: String) -> Date? {
    var text = text
    return text.withUTF8 { b -> Date? in
      guard b.count == 20 || b.count == 25, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A else { return nil }
      func number(_ at: Int, _ width: Int) -> Int? {
        var value = 0
        for i in at..<(at + width) {
          let c = b[i]
          guard c >= 0x30, c <= 0x39 else { return nil }
          value = value * 10 + Int(c - 0x30)
        }
        return value
      }
      guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2), hour < 24,
        let minute = number(14, 2), minute < 60, let second = number(17, 2), second < 60,
        let date = CivilDate(year: year, month: month, day: day)
      else { return nil }
      var offset = 0
      if b.count == 20 {
        guard b[19] == 0x5A else { return nil }
      } else {
        guard b[19] == 0x2B || b[19] == 0x2D, b[22] == 0x3A, let oh = number(20, 2), oh < 24, let om = number(23, 2), om < 60 else {
          return nil
        }
        offset = (oh * 3600 + om * 60) * (b[19] == 0x2D ? -1 : 1)
      }
      let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offset
      return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
  }
}
