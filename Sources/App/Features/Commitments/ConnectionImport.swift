import Domain
import Fluent
import Foundation
import Vapor

/// The daily import of connection applications from the marketing system (rule COM-IMPORT,
/// docs/connection-format.md): a CSV or XLSX whose lines are applications by the system's id. A
/// new id is accepted as through the form, an id already imported has its stage times brought up to
/// date; every check is the form's. All or nothing: any bad line rolls the file back and every bad
/// line is named.
enum ConnectionImport {
  struct Outcome: Content, Sendable, Equatable {
    let created: Int
    let updated: Int
    let unchanged: Int
  }

  static let required = ["id", "account", "name", "kind", "connectionClass", "voltage", "capacityKw", "unitCode", "acceptedAt"]
  /// `siteSurveyStart`, `siteSurveyFinish`, … `energisingFinish`: each stage's two times, optional.
  static let stageColumns: [(stage: CommitmentStage, start: String, finish: String)] = CommitmentStage.connection.dropFirst().map {
    ($0, "\($0.rawValue)Start", "\($0.rawValue)Finish")
  }
  static var columns: [String] { required + ["phone"] + stageColumns.flatMap { [$0.start, $0.finish] } }
  static let maxIDLength = 60

  static func run(_ data: Data, actor: Actor, localizer: Localizer, on db: any Database, now: Date) async throws -> Outcome {
    guard ConnectionApplications.canKeep(actor) else { throw AppError.forbidden }
    let records = try TabularImport.rows(data)
    guard let header = records.first, records.count > 1 else { throw AppError.invalid("file", "import.error.empty") }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    var problems: [ImportFailure.Line] = []
    for name in required where !names.contains(name) {
      problems.append(.init(line: header.line, field: name, key: "results.error.missing_column", args: [name]))
    }
    for name in names where !columns.contains(name) {
      problems.append(.init(line: header.line, field: name, key: "results.error.unknown_column", args: [name]))
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }
    let units = Dictionary(
      try await OrgUnit.visible(to: actor, on: db).map { ($0.code, try $0.requireID()) }, uniquingKeysWith: { first, _ in first })
    return try await db.transaction { tx in
      var problems: [ImportFailure.Line] = []
      var seen: [String: Int] = [:]
      var outcome = (created: 0, updated: 0, unchanged: 0)
      for record in records.dropFirst() {
        var row: [String: String] = [:]
        for (index, name) in names.enumerated() where index < record.fields.count {
          row[name] = record.fields[index].trimmingCharacters(in: .whitespaces)
        }
        if row.values.allSatisfy(\.isEmpty) { continue }
        let line = record.line
        let id = row["id"] ?? ""
        guard !id.isEmpty, id.count <= maxIDLength else {
          problems.append(.init(line: line, field: "id", key: "commitments.import.error.id", args: [String(maxIDLength)]))
          continue
        }
        if let first = seen[id] {
          problems.append(.init(line: line, field: "id", key: "commitments.import.error.repeated", args: [id, String(first)]))
          continue
        }
        seen[id] = line
        do {
          switch try await apply(row, id: id, units: units, actor: actor, localizer: localizer, on: tx, now: now) {
          case .created: outcome.created += 1
          case .updated: outcome.updated += 1
          case .unchanged: outcome.unchanged += 1
          }
        } catch let failure as ValidationFailure {
          for message in failure.errors.messages {
            problems.append(.init(line: line, field: column(message.field, row: row), key: message.key, args: message.args))
          }
        } catch let failure as LineFailure {
          problems.append(.init(line: line, field: failure.field, key: failure.key, args: failure.args))
        } catch let error as AppError where error.status == .unprocessableEntity {
          problems.append(.init(line: line, field: column(error.field ?? "id", row: row), key: error.messageKey, args: error.args))
        }
      }
      if !problems.isEmpty { throw ImportFailure(lines: problems).appError }
      return Outcome(created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged)
    }
  }

  enum Applied { case created, updated, unchanged }

  /// A stage's refusal, with the file's column it concerns.
  struct LineFailure: Error {
    let field: String
    let key: String
    let args: [String]
  }

  /// The file's column for a field the form names.
  static func column(_ field: String, row: [String: String]) -> String {
    switch field {
    case "customerAccount": "account"
    case "customerName": "name"
    case "customerPhone": "phone"
    case "unitId": "unitCode"
    default: field
    }
  }

  static func apply(
    _ row: [String: String], id: String, units: [String: UUID], actor: Actor, localizer: Localizer, on db: any Database, now: Date
  ) async throws -> Applied {
    var application = try await ConnectionApplication.query(on: db).filter(\.$externalID == id).with(\.$unit).first()
    var result = Applied.unchanged
    if let found = application {
      guard actor.canSee(found.unit.unitPath) else { throw AppError.invalid("id", "commitments.import.error.other_unit", id) }
    } else {
      let code = row["unitCode"] ?? ""
      guard let unit = units[code] else { throw AppError.invalid("unitCode", "commitments.import.error.unit", code) }
      guard !(row["acceptedAt"] ?? "").isEmpty else { throw AppError.invalid("acceptedAt", "validation.required") }
      let input = ConnectionApplications.Input(
        kind: row["kind"], customerAccount: row["account"], customerName: row["name"], customerPhone: row["phone"],
        connectionClass: row["connectionClass"], voltage: row["voltage"], capacityKw: row["capacityKw"], unitID: unit.uuidString,
        acceptedAt: row["acceptedAt"], externalID: id)
      application = try await ConnectionApplications.create(input, actor: actor, localizer: localizer, on: db, now: now)
      result = .created
    }
    guard let application else { return result }
    let appID = try application.requireID()
    for (stage, startColumn, finishColumn) in stageColumns {
      let start = row[startColumn] ?? ""
      let finish = row[finishColumn] ?? ""
      if start.isEmpty && finish.isEmpty { continue }
      let stored = try await ConnectionStageRecord.query(on: db).filter(\.$applicationID == appID).filter(\.$stage == stage).first()
      let same = { (text: String, date: Date?) in text.isEmpty || BusinessTime.parseInstant(text).map { Optional($0) == date } == true }
      if let stored, same(start, stored.startedAt), same(finish, stored.finishedAt) { continue }
      guard let current = try await ConnectionApplication.find(appID, on: db) else { continue }
      do {
        try await ConnectionApplications.recordStage(
          current, stage: stage.rawValue, startedAt: start.isEmpty ? nil : start, finishedAt: finish.isEmpty ? nil : finish,
          version: current.version, actor: actor, localizer: localizer, on: db, now: now)
      } catch let failure as ValidationFailure {
        guard let first = failure.errors.messages.first else { throw failure }
        throw LineFailure(field: first.field == "finishedAt" ? finishColumn : startColumn, key: first.key, args: first.args)
      } catch let error as AppError where error.status == .unprocessableEntity {
        throw LineFailure(field: error.field == "finishedAt" ? finishColumn : startColumn, key: error.messageKey, args: error.args)
      }
      if result == .unchanged { result = .updated }
    }
    return result
  }
}
