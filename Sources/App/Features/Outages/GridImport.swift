import Domain
import Fluent
import Foundation

/// Imports the marketing system's customer file (docs/grid-format.md, rule OUT-GRID): one row
/// per customer with account, name, phone, unit, feeder, transformer area and important-customer
/// class. Feeders and transformer areas are created as they are named. All or nothing: a file
/// with any bad row changes nothing, and every bad row is named by line. A customer already in
/// the file of the grid (same account) is replaced by its new row.
enum GridImport {
  struct Result: Codable, Sendable {
    let customers: Int
    let feeders: Int
    let transformerAreas: Int
  }

  static let columns = ["account", "name", "phone", "unit", "feeder", "transformerArea", "importantClass"]
  static let required = ["account", "name", "unit", "feeder"]
  static let chineseColumns = [
    "户号": "account", "户名": "name", "电话": "phone", "单位": "unit", "馈线": "feeder", "台区": "transformerArea",
    "重要客户等级": "importantClass",
  ]
  /// Rows per INSERT: 8 values a row.
  static let chunk = 500

  struct Row {
    let line: Int
    let account: String
    let name: String
    let phone: String?
    let unitID: UUID
    let feeder: String
    let area: String?
    let importantClass: ImportantClass?
  }

  static func run(_ data: Data, actor: Actor, on db: any Database, now: Date) async throws -> Result {
    guard OutageAccess.canImportGrid(actor) else { throw AppError.forbidden }
    let records = try TabularImport.rows(data)
    guard let header = records.first, records.count > 1 else { throw AppError.invalid("file", "import.error.empty") }
    let names = header.fields.map { raw -> String in
      let name = raw.trimmingCharacters(in: .whitespaces)
      return chineseColumns[name] ?? name
    }
    var problems: [ImportFailure.Line] = []
    for name in required where !names.contains(name) {
      problems.append(.init(line: header.line, field: name, key: "grid.error.missing_column", args: [name]))
    }
    for name in names where !columns.contains(name) {
      problems.append(.init(line: header.line, field: name, key: "grid.error.unknown_column", args: [name]))
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }

    let units = Dictionary(try await OrgUnit.visible(to: actor, on: db).map { ($0.code, try $0.requireID()) }) { a, _ in a }
    var rows: [Row] = []
    var seen: [String: Int] = [:]
    for record in records.dropFirst() {
      var value: [String: String] = [:]
      for (index, name) in names.enumerated() where index < record.fields.count {
        value[name] = record.fields[index].trimmingCharacters(in: .whitespaces)
      }
      let line = record.line
      var errors = FieldErrors()
      let account = Validate.identifier(value["account"], field: "account", max: Limits.code, into: &errors)
      let name = Validate.text(value["name"], field: "name", max: Limits.name, into: &errors)
      let phoneText = value["phone"] ?? ""
      let phone = phoneText.isEmpty ? nil : Validate.phone(phoneText, field: "phone", into: &errors)
      let feeder = Validate.text(value["feeder"], field: "feeder", max: Limits.name, into: &errors)
      let areaText = value["transformerArea"] ?? ""
      let area = areaText.isEmpty ? nil : Validate.text(areaText, field: "transformerArea", max: Limits.name, into: &errors)
      let unitCode = value["unit"] ?? ""
      let unitID = units[unitCode]
      if unitID == nil { errors.add("unit", "grid.error.unit", unitCode) }
      var important: ImportantClass?
      switch ImportantClass.parse(value["importantClass"] ?? "") {
      case .success(let parsed): important = parsed
      case .failure(let unknown): errors.add("importantClass", "grid.error.important_class", unknown.text)
      }
      if !account.isEmpty, let first = seen[account] {
        errors.add("account", "grid.error.duplicate_account", account, String(first))
      }
      if errors.isEmpty, let unitID {
        seen[account] = line
        rows.append(
          Row(line: line, account: account, name: name, phone: phone, unitID: unitID, feeder: feeder, area: area, importantClass: important)
        )
      } else {
        for message in errors.messages {
          problems.append(.init(line: line, field: message.field, key: message.key, args: message.args))
        }
      }
    }
    if !problems.isEmpty { throw ImportFailure(lines: problems).appError }
    let accepted = rows
    return try await db.transaction { tx in
      var feeders = Dictionary(
        try await GridObject.query(on: tx).filter(\.$kind == .feeder).all().map { ($0.code, $0) }
      ) { a, _ in a }
      var areas = Dictionary(
        try await GridObject.query(on: tx).filter(\.$kind == .transformerArea).all().map { ($0.code, $0) }
      ) { a, _ in a }
      var createdFeeders = 0
      var createdAreas = 0
      var customers: [GridCustomer] = []
      for row in accepted {
        let feeder: GridObject
        if let known = feeders[row.feeder] {
          feeder = known
        } else {
          feeder = GridObject(kind: .feeder, code: row.feeder, unitID: row.unitID, feederID: nil)
          try await feeder.create(on: tx)
          feeders[row.feeder] = feeder
          createdFeeders += 1
        }
        var areaID: UUID?
        if let name = row.area {
          if let known = areas[name] {
            areaID = try known.requireID()
          } else {
            let area = GridObject(kind: .transformerArea, code: name, unitID: row.unitID, feederID: try feeder.requireID())
            try await area.create(on: tx)
            areas[name] = area
            areaID = try area.requireID()
            createdAreas += 1
          }
        }
        let customer = GridCustomer()
        customer.account = row.account
        customer.name = row.name
        customer.phone = row.phone
        customer.feederID = try feeder.requireID()
        customer.transformerAreaID = areaID
        customer.importantClass = row.importantClass
        customer.$unit.id = row.unitID
        customers.append(customer)
      }
      var start = 0
      while start < customers.count {
        let part = Array(customers[start..<min(start + chunk, customers.count)])
        try await GridCustomer.query(on: tx).filter(\.$account ~~ part.map(\.account)).delete()
        try await part.create(on: tx)
        start += chunk
      }
      let result = Result(customers: customers.count, feeders: createdFeeders, transformerAreas: createdAreas)
      try await AuditLog.record(
        .create, entity: .gridCustomers, id: "grid", actor: actor, before: NoSnapshot?.none, after: result, on: tx, at: now)
      return result
    }
  }
}
