import Domain
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A county roster, a wave and the people of the satisfaction office, for survey tests.
struct SurveyDesk {
  let app: Application
  let org: Org
  let clock: FixedClock
  /// API tokens; a test that moves the clock past their 90 days signs in again (ORG-API-TOKEN).
  var office: String
  var surveyor: String

  /// 2026-07-01 09:00 Beijing time: rosters are in, fieldwork can start.
  static let start = instant("2026-07-01T09:00:00+08:00")

  static func make(_ app: Application) async throws -> SurveyDesk {
    let org = try await Org.make(app)
    try await org.user(app, "office", [.staff], org.city)
    try await org.user(app, "surveyor1", [.surveyor], org.city)
    let clock = FixedClock(start)
    app.clock = clock
    return SurveyDesk(
      app: app, org: org, clock: clock, office: try await app.token("office"), surveyor: try await app.token("surveyor1"))
  }

  /// A valid roster: `counts` customers per segment, accounts A0001… in order, all in county A.
  static func roster(_ counts: [(CustomerSegment, Int)], unit: String = "A") -> String {
    var lines = ["account,name,phone,address,unit_code,segment,voltage_class,area_class"]
    var n = 0
    for (segment, count) in counts {
      for _ in 0..<count {
        n += 1
        lines.append(
          "A\(String(format: "%04d", n)),客户\(n),139\(String(format: "%08d", n)),城关镇\(n)号,\(unit),\(segment.rawValue),220V,urban")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func importRoster(_ body: String, unit: OrgUnit? = nil, token: String? = nil) async throws -> TestingHTTPResponse {
    try await upload(
      Paths.apiRosters.link() + "?unitId=\((unit ?? org.countyA).savedID)&fileName=roster.csv", Data(body.utf8), token: token ?? office)
  }

  func upload(_ path: String, _ data: Data, token: String) async throws -> TestingHTTPResponse {
    try await app.postCSV(path, data, token: token)
  }

  /// Creates a wave and draws its sample; returns the wave id.
  func sampledWave(code: String = "W2026", seed: Int = 42, count: Int, year: Int = 2026) async throws -> String {
    let created = try await app.api(
      .POST, Paths.apiSurveyWaves.link(), token: office,
      json: #"{"code":"\#(code)","name":"\#(year)年度满意度调查","year":\#(year),"sampleCount":\#(count),"seed":"\#(seed)"}"#)
    #expect(created.status == .created, "\(created.body.string)")
    let id = try JSONDecoder().decode(IDBody.self, from: Data(created.body.string.utf8)).id
    let sampled = try await app.api(.POST, Paths.apiSurveyWaveSample.link(id), token: office)
    #expect(sampled.status == .created, "\(sampled.body.string)")
    return id
  }

  func open(_ waveID: String) async throws {
    let wave = try #require(try await SurveyWave.find(UUID(uuidString: waveID), on: app.db))
    wave.isOpen = true
    try await wave.save(on: app.db)
  }

  func samples(_ waveID: String, status: String? = nil) async throws -> [SampleBody] {
    let query = status.map { "?status=\($0)" } ?? ""
    let res = try await app.api(.GET, "/api/v1/survey-waves/\(waveID)/samples\(query)", token: office)
    #expect(res.status == .ok, "\(res.body.string)")
    return try JSONDecoder().decode([SampleBody].self, from: Data(res.body.string.utf8))
  }

  func next() async throws -> SampleBody? {
    let res = try await app.api(.POST, Paths.apiFieldworkNext.link(), token: surveyor)
    if res.status == .noContent { return nil }
    #expect(res.status == .ok, "\(res.body.string)")
    return try JSONDecoder().decode(SampleBody.self, from: Data(res.body.string.utf8))
  }

  func call(_ sample: SampleBody, _ json: String) async throws -> TestingHTTPResponse {
    try await app.api(.POST, Paths.apiSampleCalls.link(sample.id), token: surveyor, json: json)
  }

  /// Every required answer of the standard questionnaire: five-point items with `code`,
  /// ten-point items with 8.
  static func answers(fivePoint code: Int) -> String {
    let pairs = Questionnaire.standard.questions.compactMap { q -> String? in
      switch q.kind {
      case .fivePoint: return #""\#(q.code)":"\#(code)""#
      case .tenPoint: return #""\#(q.code)":"8""#
      case .text: return nil
      }
    }
    return "{" + pairs.joined(separator: ",") + "}"
  }
}

struct IDBody: Decodable { let id: String }

struct SampleBody: Decodable {
  let id: String
  let name: String
  let phone: String
  let segment: String
  let designWeight: Double
  let reserveRank: Int?
  let active: Bool
  let status: String
  let attempts: Int
}

extension SurveyDesk {
  struct ScoresBody: Decodable {
    struct Score: Decodable {
      let n: Int
      let mean: Double
      let meanCI: [Double]
      let satisfactionRate: Double
      let rateCI: [Double]
      let smallSample: Bool
    }
    struct Target: Decodable {
      let assessment: Double
      let stretch: Double
      let outcome: String
    }
    struct Unit: Decodable {
      let code: String
      let overall: Score?
      let modules: [String: Score]
      let segments: [String: Score]
      let channels: [String: Score]
      let target: Target?
    }
    let units: [Unit]
  }

  /// A third-party results file for county A with `rows` interviews answering every item `code`.
  static func results(rows: Int, code: Int, extra: String = "") -> String {
    let questions = Questionnaire.standard.questions.filter { $0.kind != .text }
    var lines = ["单位编码,客户类别,权重," + questions.map(\.code).joined(separator: ",") + ",comment"]
    for n in 0..<rows {
      let answers = questions.map { $0.kind == .fivePoint ? String(code) : "7" }
      lines.append("A,居民,2," + answers.joined(separator: ",") + (n == 0 ? ",停电太多，95598 打不通" : ","))
    }
    return lines.joined(separator: "\n") + extra + "\n"
  }
}

extension SurveyDesk {
  /// A wave of two sampled from a roster of ten residential customers.
  func smallWave() async throws -> String {
    #expect(try await importRoster(SurveyDesk.roster([(.residential, 10)])).status == .created)
    return try await sampledWave(count: 2)
  }
}
