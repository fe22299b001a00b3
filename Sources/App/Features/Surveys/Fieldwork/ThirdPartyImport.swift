import Domain
import Fluent
import Foundation

/// Imports the third-party survey company's results for a wave (docs/results-format.md): one row
/// per interview with unit code, segment, optional weight, and one column per question code.
/// All or nothing: a file with any bad row changes nothing, and every bad row is listed with the
/// question or field it concerns.
enum ThirdPartyImport {
  struct Result: Sendable {
    let responses: Int
  }

  static let fixedColumns = ["unit_code", "segment", "weight", "account"]
  static let chineseColumns = ["单位编码": "unit_code", "客户类别": "segment", "权重": "weight", "户号": "account"]

  static func run(_ data: Data, wave: SurveyWave, actor: Actor, on db: any Database, now: Date) async throws -> Result {
    try WaveService.requireManager(actor)
    let questionnaire = try wave.questionnaire
    let records = try TabularImport.rows(data)
    guard let header = records.first, records.count > 1 else { throw AppError.invalid("file", "import.error.empty") }
    let columns = header.fields.map { raw -> String in
      let name = raw.trimmingCharacters(in: .whitespaces)
      return chineseColumns[name] ?? name
    }
    let known = Set(fixedColumns).union(questionnaire.questions.map(\.code))
    var problems: [ImportFailure.Line] = []
    for name in ["unit_code", "segment"] where !columns.contains(name) {
      problems.append(.init(line: header.line, field: name, key: "results.error.missing_column", args: [name]))
    }
    for name in columns where !known.contains(name) {
      problems.append(.init(line: header.line, field: name, key: "results.error.unknown_column", args: [name]))
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }

    let units = Dictionary(uniqueKeysWithValues: try await OrgUnit.visible(to: actor, on: db).map { ($0.code, $0) })
    let quotas = try await SurveyQuota.query(on: db).filter(\.$wave.$id == wave.requireID()).all()
    let weights = Dictionary(quotas.map { ("\($0.$unit.id)/\($0.segment.rawValue)", $0.designWeight) }, uniquingKeysWith: { a, _ in a })
    var entries: [ResponseRecorder.Entry] = []
    for record in records.dropFirst() {
      var row: [String: String] = [:]
      for (index, name) in columns.enumerated() where index < record.fields.count {
        row[name] = record.fields[index].trimmingCharacters(in: .whitespaces)
      }
      let line = record.line
      guard let unit = units[row["unit_code"] ?? ""] else {
        problems.append(.init(line: line, field: "unit_code", key: "results.error.unit", args: [row["unit_code"] ?? ""]))
        continue
      }
      guard let segment = CustomerSegment.parse(row["segment"] ?? "") else {
        problems.append(.init(line: line, field: "segment", key: "results.error.segment", args: [row["segment"] ?? ""]))
        continue
      }
      var weight = weights["\(try unit.requireID())/\(segment.rawValue)"] ?? 1
      if let text = row["weight"], !text.isEmpty {
        guard let value = Double(text), value.isFinite, value > 0 else {
          problems.append(.init(line: line, field: "weight", key: "results.error.weight", args: [text]))
          continue
        }
        weight = value
      }
      var answers = row
      for name in fixedColumns { answers[name] = nil }
      // A module whose items are all blank was not used by the customer.
      let skipped = Set(
        ServiceModule.allCases.filter { module in
          questionnaire.questions(in: module).allSatisfy { (answers[$0.code] ?? "").isEmpty }
        })
      switch questionnaire.score(ResponseDraft(answers: answers.filter { !$0.value.isEmpty }, skippedModules: skipped)) {
      case .success(let scored):
        entries.append(
          .init(
            waveID: try wave.requireID(), unitID: try unit.requireID(), sampleID: nil, segment: .customer(segment), channel: .thirdParty,
            weight: weight,
            answers: scored, answeredAt: now, recordedBy: actor.username))
      case .failure(let problem):
        problems.append(
          .init(line: line, field: problem.questionCode, key: "survey.answer.\(problem.reason.rawValue)", args: [problem.questionCode]))
      }
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }
    let accepted = entries
    try await db.transaction { tx in
      for entry in accepted { try await ResponseRecorder.record(entry, questionnaire: questionnaire, on: tx) }
      try await AuditLog.record(
        .create, entity: .surveyResults, id: wave.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: ["responses": accepted.count], on: tx, at: now)
    }
    return Result(responses: entries.count)
  }
}
