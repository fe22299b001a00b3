import Foundation

/// One accepted roster row. Optional fields are nil when blank.
public struct RosterRecord: Sendable, Equatable {
  public let account: String
  public let name: String
  /// Spaces removed.
  public let phone: String
  public let address: String?
  public let unitCode: String
  public let segment: CustomerSegment
  public let voltageClass: VoltageClass?
  public let areaClass: AreaClass?
  /// All eight fields present: counts towards 客户信息完整率 (SV-ROSTER-QUALITY).
  public let isComplete: Bool

  public init(
    account: String, name: String, phone: String, address: String?, unitCode: String, segment: CustomerSegment,
    voltageClass: VoltageClass?, areaClass: AreaClass?
  ) {
    self.account = account
    self.name = name
    self.phone = phone
    self.address = address
    self.unitCode = unitCode
    self.segment = segment
    self.voltageClass = voltageClass
    self.areaClass = areaClass
    self.isComplete = address != nil && voltageClass != nil && areaClass != nil
  }
}

/// A rejected cell or header, by file line (the header is line 1).
public struct RosterProblem: Sendable, Equatable, Error {
  public let line: Int
  public let field: RosterField?
  public let reason: Reason

  public enum Reason: String, Sendable {
    case missing
    case badPhone
    case duplicateAccount
    case unknownUnit
    case badSegment
    case badVoltageClass
    case badAreaClass
    case tooLong
    case missingColumn
    /// Added beyond the brief: account with characters other than letters, digits and "-".
    case badAccount
  }

  public init(line: Int, field: RosterField?, reason: Reason) {
    self.line = line
    self.field = field
    self.reason = reason
  }
}

/// All problems of one roster row, in field order. A collection (so it iterates, counts and maps
/// like `[RosterProblem]`) because `Result` needs an `Error` and an array cannot be one.
public struct RosterRowProblems: Error, Sendable, Equatable, RandomAccessCollection, ExpressibleByArrayLiteral {
  public let problems: [RosterProblem]

  public init(_ problems: [RosterProblem]) { self.problems = problems }
  public init(arrayLiteral elements: RosterProblem...) { self.problems = elements }

  public var startIndex: Int { problems.startIndex }
  public var endIndex: Int { problems.endIndex }
  public subscript(position: Int) -> RosterProblem { problems[position] }
}

/// Checks roster rows before a sample is drawn from them (SV-ROSTER-VALIDITY: the roster is
/// submitted in a unified format and checked first). Stateful: it remembers accounts seen in this
/// import.
public struct RosterValidator: Sendable {
  public static let maxAccountLength = 32
  public static let maxNameLength = 50
  public static let maxAddressLength = 200

  public let knownUnitCodes: Set<String>
  private var seenAccounts: Set<String> = []

  /// `expectedRows` sizes the set of accounts seen once, instead of growing it a million rows long.
  public init(knownUnitCodes: Set<String>, expectedRows: Int = 0) {
    seenAccounts.reserveCapacity(max(0, expectedRows))
    self.knownUnitCodes = knownUnitCodes
  }

  /// Maps header cells to fields (unknown columns and repeats of a field map to nil, so the first
  /// occurrence wins). A missing required column is reported on line 1.
  public static func columns(fromHeader header: [String]) -> Result<[RosterField?], RosterProblem> {
    var seen: Set<RosterField> = []
    let columns = header.map { cell -> RosterField? in
      guard let field = RosterField.fromHeader(cell), seen.insert(field).inserted else { return nil }
      return field
    }
    if let missing = RosterField.allCases.first(where: { $0.isRequired && !seen.contains($0) }) {
      return .failure(RosterProblem(line: 1, field: missing, reason: .missingColumn))
    }
    return .success(columns)
  }

  /// Validates one row; absent keys count as blank. Returns every problem of the row in field
  /// order, at most one per field. The account is remembered even when the row is rejected, so
  /// a later row with the same account is a duplicate.
  public mutating func validate(line: Int, values: [RosterField: String]) -> Result<RosterRecord, RosterRowProblems> {
    validate(line: line, cells: RosterField.allCases.map { values[$0] })
  }

  /// The same with the cells in `RosterField.allCases` order (nil = absent): an import of a
  /// million rows is spared a dictionary per row.
  public mutating func validate(line: Int, cells: [String?]) -> Result<RosterRecord, RosterRowProblems> {
    func cell(_ field: RosterField) -> String { RosterParse.trimmed(cells[field.ordinal] ?? "") }
    var problems: [RosterProblem] = []
    func fail(_ field: RosterField, _ reason: RosterProblem.Reason) {
      problems.append(RosterProblem(line: line, field: field, reason: reason))
    }

    let account = cell(.account)
    // One hash instead of a lookup and an insert: the duplicate check only needs to know
    // whether the account was there before.
    let firstSighting = account.isEmpty || seenAccounts.insert(account).inserted
    if let reason = Self.accountProblem(account, firstSighting: firstSighting) { fail(.account, reason) }

    let name = cell(.name)
    if name.isEmpty {
      fail(.name, .missing)
    } else if RosterParse.longer(name, than: Self.maxNameLength) {
      fail(.name, .tooLong)
    }

    let phoneText = cell(.phone)
    let phone = RosterParse.phone(phoneText)
    if phoneText.isEmpty { fail(.phone, .missing) } else if phone == nil { fail(.phone, .badPhone) }

    let address = cell(.address)
    if RosterParse.longer(address, than: Self.maxAddressLength) { fail(.address, .tooLong) }

    let unitCode = cell(.unitCode)
    if unitCode.isEmpty {
      fail(.unitCode, .missing)
    } else if !knownUnitCodes.contains(unitCode) {
      fail(.unitCode, .unknownUnit)
    }

    let segmentText = cell(.segment)
    let segment = RosterParse.segment(segmentText)
    if segmentText.isEmpty { fail(.segment, .missing) } else if segment == nil { fail(.segment, .badSegment) }

    let voltageText = cell(.voltageClass)
    let voltage = RosterParse.voltageClass(voltageText)
    if !voltageText.isEmpty, voltage == nil { fail(.voltageClass, .badVoltageClass) }

    let areaText = cell(.areaClass)
    let area = RosterParse.areaClass(areaText)
    if !areaText.isEmpty, area == nil { fail(.areaClass, .badAreaClass) }

    guard problems.isEmpty, let phone, let segment else { return .failure(RosterRowProblems(problems)) }
    return .success(
      RosterRecord(
        account: account, name: name, phone: phone, address: address.isEmpty ? nil : address, unitCode: unitCode,
        segment: segment, voltageClass: voltage, areaClass: area))
  }

  private static func accountProblem(_ account: String, firstSighting: Bool) -> RosterProblem.Reason? {
    if account.isEmpty { return .missing }
    if RosterParse.longer(account, than: maxAccountLength) { return .tooLong }
    if !RosterParse.isAccount(account) { return .badAccount }
    if !firstSighting { return .duplicateAccount }
    return nil
  }
}

/// Roster quality figures reported per import (SV-ROSTER-QUALITY: 名单有效率 and 客户信息完整率).
public struct RosterQuality: Sendable, Equatable, Codable {
  public let total: Int
  public let valid: Int
  public let complete: Int

  public init(total: Int, valid: Int, complete: Int) {
    self.total = total
    self.valid = valid
    self.complete = complete
  }

  /// Tallies validation results, one per data row.
  public init(results: [Result<RosterRecord, RosterRowProblems>]) {
    let records: [RosterRecord] = results.compactMap { try? $0.get() }
    self.init(total: results.count, valid: records.count, complete: records.filter(\.isComplete).count)
  }

  /// 名单有效率: valid rows / all rows; 0 for an empty roster.
  public var validListRate: Double { total == 0 ? 0 : Double(valid) / Double(total) }

  /// 客户信息完整率: complete rows / all rows; 0 for an empty roster.
  public var completenessRate: Double { total == 0 ? 0 : Double(complete) / Double(total) }
}
