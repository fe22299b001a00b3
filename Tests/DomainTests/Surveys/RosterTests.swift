import Foundation
import Testing

@testable import Domain

@Suite("Customer roster validation (客户资料清单)")
struct RosterTests {
  static let units: Set<String> = ["33401", "33402"]

  static let goodRow: [RosterField: String] = [
    .account: "3340100123", .name: "张三", .phone: "13812345678", .address: "城关镇建设路12号",
    .unitCode: "33401", .segment: "居民", .voltageClass: "220V", .areaClass: "城区",
  ]

  static func problems(_ row: [RosterField: String]) -> [RosterProblem] {
    var validator = RosterValidator(knownUnitCodes: units)
    if case .failure(let problems) = validator.validate(line: 2, values: row) { return Array(problems) }
    return []
  }

  @Test(
    "Rule SV-ROSTER-FORMAT: headers are recognised in English or Chinese, trimmed, any case, BOM stripped",
    arguments: [
      ("account", RosterField.account as RosterField?), ("户号", .account), ("\u{FEFF}户号", .account),
      ("  户名 ", .name), ("PHONE", .phone), ("联系电话", .phone), ("用电地址", .address), ("Unit_Code", .unitCode),
      ("单位编码", .unitCode), ("客户类别", .segment), ("voltage_class", .voltageClass), ("电压等级", .voltageClass),
      ("area_class", .areaClass), ("区域类别", .areaClass), ("备注", nil), ("unit code", nil),
    ])
  func headers(cell: String, field: RosterField?) {
    #expect(RosterField.fromHeader(cell) == field)
  }

  @Test("Rule SV-ROSTER-FORMAT: columns map by header; unknown and repeated columns are ignored")
  func columns() throws {
    let header = ["\u{FEFF}户号", "户名", "备注", "phone", "unit_code", "客户类别", "户名"]
    let columns = try RosterValidator.columns(fromHeader: header).get()
    #expect(columns == [.account, .name, nil, .phone, .unitCode, .segment, nil])
  }

  @Test("Rule SV-ROSTER-FORMAT: a missing required column is reported on line 1, first in field order")
  func missingColumn() {
    // Setup: no name and no phone column.
    let result = RosterValidator.columns(fromHeader: ["户号", "单位编码", "客户类别", "用电地址"])
    #expect(result == .failure(RosterProblem(line: 1, field: .name, reason: .missingColumn)))
    // Optional columns may be absent.
    #expect((try? RosterValidator.columns(fromHeader: ["户号", "户名", "联系电话", "单位编码", "客户类别"]).get()) != nil)
  }

  @Test("Rule SV-ROSTER-VALIDITY: a row with all eight fields is valid and complete")
  func completeRow() throws {
    var validator = RosterValidator(knownUnitCodes: Self.units)
    var row = Self.goodRow
    row[.phone] = " 138 1234 5678 "
    let record = try validator.validate(line: 2, values: row).get()
    #expect(
      record
        == RosterRecord(
          account: "3340100123", name: "张三", phone: "13812345678", address: "城关镇建设路12号", unitCode: "33401",
          segment: .residential, voltageClass: .v220, areaClass: .urban))
    #expect(record.isComplete)
  }

  @Test("Rule SV-ROSTER-VALIDITY: blank optional fields are allowed but the row is not complete")
  func incompleteRow() throws {
    for field in [RosterField.address, .voltageClass, .areaClass] {
      var validator = RosterValidator(knownUnitCodes: Self.units)
      var row = Self.goodRow
      row[field] = field == .address ? "  " : nil
      let record = try validator.validate(line: 2, values: row).get()
      #expect(!record.isComplete, "\(field)")
    }
  }

  @Test(
    "Rule SV-ROSTER-VALIDITY: accepted cell values",
    arguments: [
      (RosterField.account, "A-123-b"), (.account, String(repeating: "9", count: 32)),
      (.name, String(repeating: "名", count: 50)),
      (.phone, "13912345678"), (.phone, "199 1234 5678"), (.phone, "010-12345678"), (.phone, "0755-1234567"),
      (.phone, "01012345678"), (.phone, "0571 8888 6666"), (.phone, "021-1234567"),
      (.address, String(repeating: "路", count: 200)),
      (.unitCode, "33402"),
      (.segment, "commercial"), (.segment, "Industrial"), (.segment, "商业"), (.segment, "工业"), (.segment, "其他"),
      (.voltageClass, "10KV"), (.voltageClass, "380v"), (.voltageClass, "0.38kV"), (.voltageClass, "0.22kV"),
      (.voltageClass, "110 kV"), (.areaClass, "Rural"), (.areaClass, "农村"), (.areaClass, "特殊边远"),
      (.areaClass, "remote"),
    ])
  func accepted(field: RosterField, value: String) {
    var row = Self.goodRow
    row[field] = value
    #expect(Self.problems(row).isEmpty)
  }

  @Test(
    "Rule SV-ROSTER-VALIDITY: refused cell values, one problem naming the field",
    arguments: [
      (RosterField.account, "", RosterProblem.Reason.missing), (.account, String(repeating: "9", count: 33), .tooLong),
      (.account, "12 34", .badAccount), (.account, "户号1", .badAccount), (.account, "12_34", .badAccount),
      (.name, " ", .missing), (.name, String(repeating: "名", count: 51), .tooLong),
      (.phone, "", .missing), (.phone, "12812345678", .badPhone), (.phone, "1381234567", .badPhone),
      (.phone, "138123456789", .badPhone), (.phone, "+8613812345678", .badPhone), (.phone, "10-12345678", .badPhone),
      (.phone, "01-12345678", .badPhone), (.phone, "010-123456", .badPhone), (.phone, "010-123456789", .badPhone),
      (.phone, "0755-12-345678", .badPhone), (.phone, "010123456", .badPhone), (.phone, "电话", .badPhone),
      (.address, String(repeating: "路", count: 201), .tooLong),
      (.unitCode, "", .missing), (.unitCode, "99999", .unknownUnit),
      (.segment, "", .missing), (.segment, "farm", .badSegment), (.segment, "农业", .badSegment),
      (.voltageClass, "0.4kV", .badVoltageClass), (.voltageClass, "500kV", .badVoltageClass),
      (.areaClass, "山区", .badAreaClass), (.areaClass, "city", .badAreaClass),
    ])
  func refused(field: RosterField, value: String, reason: RosterProblem.Reason) {
    var row = Self.goodRow
    row[field] = value
    #expect(Self.problems(row) == [RosterProblem(line: 2, field: field, reason: reason)])
  }

  @Test("Rule SV-ROSTER-VALIDITY: every problem of a row is reported, in field order; absent keys are blank")
  func allProblems() {
    let row: [RosterField: String] = [.phone: "123", .unitCode: "X", .voltageClass: "1kV"]
    let reasons = Self.problems(row).map { "\($0.field?.rawValue ?? "-"):\($0.reason.rawValue)" }
    #expect(
      reasons == [
        "account:missing", "name:missing", "phone:badPhone", "unit_code:unknownUnit", "segment:missing",
        "voltage_class:badVoltageClass",
      ])
  }

  @Test("Rule SV-ROSTER-VALIDITY: an account already seen in this import, valid or not, is a duplicate")
  func duplicates() {
    // Setup
    var validator = RosterValidator(knownUnitCodes: Self.units)
    var invalid = Self.goodRow
    invalid[.account] = "B-1"
    invalid[.phone] = "bad"
    var repeatB = Self.goodRow
    repeatB[.account] = "B-1"
    // Act
    let first = validator.validate(line: 2, values: Self.goodRow)
    let second = validator.validate(line: 3, values: Self.goodRow)
    let third = validator.validate(line: 4, values: invalid)
    let fourth = validator.validate(line: 5, values: repeatB)
    // Check
    #expect((try? first.get()) != nil)
    #expect(second == .failure([RosterProblem(line: 3, field: .account, reason: .duplicateAccount)]))
    #expect(third == .failure([RosterProblem(line: 4, field: .phone, reason: .badPhone)]))
    #expect(fourth == .failure([RosterProblem(line: 5, field: .account, reason: .duplicateAccount)]))
  }

  @Test("Rule SV-ROSTER-QUALITY: 名单有效率 = valid / total and 客户信息完整率 = complete / total")
  func quality() {
    // 8 of 10 valid, 7 complete → 80 % and 70 %.
    let quality = RosterQuality(total: 10, valid: 8, complete: 7)
    #expect(quality.validListRate == 0.8)
    #expect(quality.completenessRate == 0.7)
    #expect(RosterQuality(total: 0, valid: 0, complete: 0).validListRate == 0)
    #expect(RosterQuality(total: 0, valid: 0, complete: 0).completenessRate == 0)
  }

  @Test("Rule SV-ROSTER-QUALITY: quality tallies validation results (3 rows: 2 valid, 1 complete)")
  func qualityFromResults() {
    var validator = RosterValidator(knownUnitCodes: Self.units)
    var incomplete = Self.goodRow
    incomplete[.account] = "2"
    incomplete[.areaClass] = ""
    let results = [
      validator.validate(line: 2, values: Self.goodRow),
      validator.validate(line: 3, values: incomplete),
      validator.validate(line: 4, values: Self.goodRow),  // duplicate
    ]
    #expect(RosterQuality(results: results) == RosterQuality(total: 3, valid: 2, complete: 1))
  }

  @Test(
    "Cells are trimmed exactly as Foundation's whitespacesAndNewlines would (Unicode spaces, line breaks, U+200B)",
    arguments: [
      "", " ", "张三", "  张三 ", "\t13812345678\r\n", "\u{3000}居民\u{3000}", "\u{A0}城区", "\u{200B}220V\u{200B}",
      "a b", "\u{2028}x\u{85}", "e\u{301} ", " \u{301}",
    ])
  func trimming(text: String) {
    #expect(RosterParse.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  @Test("The spelled-out space scalars are exactly Unicode White_Space plus U+200B")
  func spaceScalars() {
    let disagreeing = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
      RosterParse.isSpace($0) != ($0.properties.isWhitespace || $0.value == 0x200B)
    }
    #expect(disagreeing.isEmpty)
  }

  @Test("A row given as cells in field order validates like the same row given by field")
  func cellsInFieldOrder() {
    #expect(RosterField.allCases.enumerated().allSatisfy { $0.offset == $0.element.ordinal })
    var byField = RosterValidator(knownUnitCodes: Self.units)
    var byOrder = RosterValidator(knownUnitCodes: Self.units)
    var row = Self.goodRow
    row[.voltageClass] = nil
    #expect(
      byField.validate(line: 2, values: row)
        == byOrder.validate(line: 2, cells: RosterField.allCases.map { row[$0] }))
  }
}
