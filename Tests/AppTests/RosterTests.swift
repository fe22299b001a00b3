import Domain
import Fluent
import Foundation
import Spreadsheet
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Customer rosters (客户资料清单)")
struct RosterTests {
  struct ImportBody: Decodable {
    struct Roster: Decodable {
      let version: Int
      let isCurrent: Bool
      let totalRows: Int
      let validRows: Int
      let completeRows: Int
      let validListRate: Double
      let completenessRate: Double
    }
    struct Rejected: Decodable, Equatable {
      let line: Int
      let field: String?
      let reason: String
    }
    let roster: Roster
    let rejected: [Rejected]
  }

  @Test("Rule SV-ROSTER-VALIDITY: every roster row is checked; refused rows are reported by line and reason")
  func validation() async throws {
    try await withApp { app in
      // Setup: the survey desk and a CSV with a bad phone, a repeated account, an unknown unit and a missing name
      let desk = try await SurveyDesk.make(app)
      let csv = """
        户号,户名,联系电话,用电地址,单位编码,客户类别,电压等级,区域类别
        0001,张伟,13800138001,城关镇1号,A-S1,居民,220V,城区
        0002,李娜,12345,城关镇2号,A,居民,220V,城区
        0001,王强,13800138003,城关镇3号,A,居民,220V,城区
        0004,刘芳,13800138004,城关镇4号,ZZ,居民,220V,城区
        0005,,13800138005,城关镇5号,A,居民,220V,城区
        0006,陈静,0571-87654321,,A,商业,,
        """
      // Act: import it
      let res = try await desk.importRoster(csv)
      // Check: six rows, two valid, one complete, the refused ones by line and field; the valid ones stored
      #expect(res.status == .created, "\(res.body.string)")
      let body = try JSONDecoder().decode(ImportBody.self, from: Data(res.body.string.utf8))
      #expect(body.roster.totalRows == 6)
      #expect(body.roster.validRows == 2)
      #expect(body.roster.completeRows == 1)  // line 7 lacks address, voltage and area
      #expect(abs(body.roster.validListRate - 2.0 / 6) < 1e-12)
      #expect(abs(body.roster.completenessRate - 1.0 / 6) < 1e-12)
      #expect(
        body.rejected == [
          .init(line: 3, field: "phone", reason: "badPhone"), .init(line: 4, field: "account", reason: "duplicateAccount"),
          .init(line: 5, field: "unit_code", reason: "unknownUnit"), .init(line: 6, field: "name", reason: "missing"),
        ])
      let stored = try await RosterCustomer.query(on: app.db).sort(\.$account).all()
      #expect(stored.map(\.account) == ["0001", "0006"])
      #expect(stored[0].$unit.id == desk.org.stationA.id)
    }
  }

  @Test("Rule SV-ROSTER-VERSION: re-importing a county's roster makes a new version and only that one is current")
  func versions() async throws {
    try await withApp { app in
      // Setup: the survey desk with a roster of 3
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 3)])).status == .created)
      // Act: import a roster of 5
      let second = try await desk.importRoster(SurveyDesk.roster([(.residential, 5)]))
      // Check: version 2 is current, the first is not, both audited
      let body = try JSONDecoder().decode(ImportBody.self, from: Data(second.body.string.utf8))
      #expect(body.roster.version == 2 && body.roster.isCurrent)
      let versions = try await RosterVersion.query(on: app.db).sort(\.$version).all()
      #expect(versions.map(\.isCurrent) == [false, true])
      let audit = try await AuditRecord.query(on: app.db).filter(\.$entity == .roster).count()
      #expect(audit == 2)
    }
  }

  @Test("A roster without one valid row, or without a required column, changes nothing")
  func nothingHalfSaved() async throws {
    try await withApp { app in
      // Setup: the survey desk
      let desk = try await SurveyDesk.make(app)
      // Act: import rows that are all bad, a file without the phone column, and bytes not UTF-8
      let bad = "account,name,phone,unit_code,segment\n1,张,123,A,居民\n2,李,13800138000,ZZ,居民\n"
      let res = try await desk.importRoster(bad)
      // Check: each is a 422 naming lines or the file; nothing is saved
      #expect(res.status == .unprocessableEntity)
      #expect(res.apiError?.lines?.map(\.line) == [2, 3])
      let header = try await desk.importRoster("account,name,unit_code,segment\n1,张,A,居民\n")
      #expect(header.status == .unprocessableEntity)
      #expect(header.apiError?.field == "file")
      #expect(header.apiError?.message.contains("phone") == true)
      let notUTF8 = try await desk.upload(
        Paths.apiRosters.link() + "?unitId=\(desk.org.countyA.savedID)", Data([0x61, 0x0A, 0xC4, 0xE3, 0x0A]), token: desk.office)
      #expect(notUTF8.status == .unprocessableEntity)
      #expect(try await RosterVersion.query(on: app.db).count() == 0)
      #expect(try await RosterCustomer.query(on: app.db).count() == 0)
    }
  }

  @Test("A bad byte after thousands of rows already written rolls the whole import back")
  func failureAfterWrites() async throws {
    try await withApp { app in
      // Setup: a CSV with more rows than a write batch and a bad byte at the end
      let desk = try await SurveyDesk.make(app)
      var csv = "account,name,phone,unit_code,segment\n"
      for n in 0..<(RosterImport.writeBatch + 100) { csv += "\(n),张\(n),13800138000,A,居民\n" }
      let data = Data(csv.utf8) + Data([0x39, 0x2C, 0xC4, 0xE3, 0x0A])
      let badLine = RosterImport.writeBatch + 102
      // Act: import it in batches of 500
      // Check: it fails naming the bad line, and nothing is kept
      await #expect {
        _ = try await RosterImport.run(
          data, fileName: "r.csv", countyID: desk.org.countyA.id, actor: try await Actor.commandLine(on: app.db),
          on: app.db, now: app.clock.now(), batchSize: 500)
      } throws: { error in
        (error as? AppError)?.messageKey == "import.error.not_utf8" && (error as? AppError)?.args == ["\(badLine)"]
      }
      #expect(try await RosterVersion.query(on: app.db).count() == 0)
      #expect(try await RosterCustomer.query(on: app.db).count() == 0)
    }
  }

  @Test("An XLSX roster imports like the CSV, long phone numbers intact")
  func xlsx() async throws {
    try await withApp { app in
      // Setup: an XLSX roster with a numeric phone and a bad one
      let desk = try await SurveyDesk.make(app)
      let workbook = SpreadsheetWorkbook(sheets: [
        SpreadsheetSheet(
          name: "客户资料清单",
          rows: [
            ["户号", "户名", "联系电话", "单位编码", "客户类别"].map(SpreadsheetCell.text),
            [.text("X1"), .text("赵敏"), .integer(13_800_138_000), .text("A"), .text("工业")],
            [.text("X2"), .text("钱进"), .text("bad"), .text("A"), .text("居民")],
          ])
      ])
      // Act: upload it
      let res = try await desk.upload(
        Paths.apiRosters.link() + "?unitId=\(desk.org.countyA.savedID)&fileName=r.xlsx", try workbook.xlsxData(), token: desk.office)
      // Check: one valid row with the long phone intact, the bad phone refused
      #expect(res.status == .created, "\(res.body.string)")
      let body = try JSONDecoder().decode(ImportBody.self, from: Data(res.body.string.utf8))
      #expect(body.roster.validRows == 1)
      #expect(body.rejected == [.init(line: 3, field: "phone", reason: "badPhone")])
      let customer = try #require(try await RosterCustomer.query(on: app.db).first())
      #expect(customer.phone == "13800138000")
      #expect(customer.segment == .industrial)
    }
  }

  @Test("Only the satisfaction office, analysts and admins import rosters, and only for their own subtree")
  func authorisation() async throws {
    try await withApp { app in
      // Setup: the survey desk and handlerA's token
      let desk = try await SurveyDesk.make(app)
      let handler = try await app.token("handlerA")
      // Act: import as handlerA, then for a station instead of a county
      // Check: forbidden, then a 422
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 1)]), token: handler).status == .forbidden)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 1)]), unit: desk.org.stationA).status == .unprocessableEntity)
    }
  }
}
