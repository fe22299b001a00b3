import Domain
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Data for the analysis-run tests: the ECSI sample file of the Analytics tests, a wave with
/// generated CSI answers of a known structure, and multipart uploads from a signed-in page.
enum AnalysisFixtures {
  static let analyticsFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("AnalyticsTests/Fixtures")
  static var mobi: Data { get throws { try Data(contentsOf: analyticsFixtures.appendingPathComponent("mobi.csv")) } }

  /// Posts a multipart form with the page's session and CSRF token; `file` is (name, bytes).
  static func upload(
    _ client: PageClient, _ path: String, fields: [(String, String)], file: (String, Data)?
  ) async throws -> TestingHTTPResponse {
    let boundary = "wanjia-test-boundary"
    var body = Data()
    func part(_ header: String, _ content: Data) {
      body.append(Data("--\(boundary)\r\n\(header)\r\n\r\n".utf8))
      body.append(content)
      body.append(Data("\r\n".utf8))
    }
    for (name, value) in fields + [("csrfToken", client.csrfToken ?? "")] {
      part("Content-Disposition: form-data; name=\"\(name)\"", Data(value.utf8))
    }
    if let (name, data) = file {
      part("Content-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv", data)
    }
    body.append(Data("--\(boundary)--\r\n".utf8))
    var result: TestingHTTPResponse?
    try await client.app.testing().test(
      .POST, path,
      beforeRequest: { req in
        req.headers.replaceOrAdd(name: .accept, value: "text/html")
        if let cookie = client.cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
        req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        req.body = ByteBuffer(data: body)
      }, afterResponse: { res async throws in result = res })
    return try #require(result)
  }

  /// A deterministic standard normal (Box–Muller on a 64-bit LCG).
  struct Normal {
    var state: UInt64
    mutating func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    mutating func next() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
  }

  /// Latent scores following the ACSI paths, then two 1–10 items per construct.
  static func csiAnswers(_ random: inout Normal) -> [String: String] {
    let image = random.next()
    let expectation = 0.6 * image + 0.8 * random.next()
    let quality = 0.6 * expectation + 0.8 * random.next()
    let value = 0.5 * quality + 0.3 * expectation + 0.7 * random.next()
    let satisfaction = 0.3 * image + 0.4 * quality + 0.3 * value + 0.5 * random.next()
    let complaint = -0.5 * satisfaction + 0.85 * random.next()
    let loyalty = 0.5 * satisfaction + 0.3 * image + 0.6 * random.next()
    let latent: [CSIConstruct: Double] = [
      .image: image, .expectation: expectation, .perceivedQuality: quality, .perceivedValue: value,
      .satisfaction: satisfaction, .complaint: complaint, .loyalty: loyalty,
    ]
    var raw: [String: String] = [:]
    for question in Questionnaire.standard.questions {
      switch question.kind {
      case .fivePoint: raw[question.code] = "4"
      case .tenPoint:
        let level = question.construct.flatMap { latent[$0] }.map { 6 + 1.6 * ($0 + 0.45 * random.next()) } ?? 7
        raw[question.code] = String(min(10, max(1, Int(level.rounded()))))
      case .text: break
      }
    }
    return raw
  }

  /// `phone` generated phone responses (weights 1 and 2 alternating) plus `kiosk` hall
  /// responses, which the CSI model must leave out.
  static func recordResponses(
    _ app: Application, waveID: String, unit: OrgUnit, phone: Int, kiosk: Int = 0, seed: UInt64 = 7,
    segment: CustomerSegment = .residential
  ) async throws {
    let wave = try #require(try await SurveyWave.find(UUID(uuidString: waveID), on: app.db))
    let questionnaire = try wave.questionnaire
    var random = Normal(state: seed)
    for k in 0..<(phone + kiosk) {
      let answers = try ResponseRecorder.score(
        ResponseDraft(answers: csiAnswers(&random), skippedModules: []), questionnaire: questionnaire)
      try await ResponseRecorder.record(
        .init(
          waveID: wave.savedID, unitID: unit.savedID, sampleID: nil, segment: .customer(segment), channel: k < phone ? .phone : .kiosk,
          weight: k % 2 == 0 ? 1 : 2, answers: answers, answeredAt: SurveyDesk.start, recordedBy: "test"),
        questionnaire: questionnaire, on: app.db)
    }
  }
}

extension AnalysisRun {
  struct WrongKind: Error {}

  /// A saved CSI run's settings and outputs, read back typed.
  func csi() throws -> (settings: CSIRunSettings, outputs: CSIOutputs) {
    guard case .csi(let settings, let outputs) = try content else { throw WrongKind() }
    return (settings, outputs)
  }

  /// A saved AHP run's settings and outputs, read back typed.
  func ahp() throws -> (settings: AHPRunSettings, outputs: AHPOutputs) {
    guard case .ahp(let settings, let outputs) = try content else { throw WrongKind() }
    return (settings, outputs)
  }
}

extension AnalysisFixtures {
  static func runID(_ res: some HTTPAnswer) throws -> UUID {
    let location = try #require(res.headers.first(name: .location))
    return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
  }

  static func analystPage(_ app: Application, _ org: Org) async throws -> PageClient {
    try await org.user(app, "analyst1", [.analyst], org.city)
    let client = PageClient(app)
    try await client.login("analyst1")
    try await client.get(Paths.analysis.link())
    return client
  }

  static func saved(_ app: Application, _ res: some HTTPAnswer) async throws -> (outputs: CSIOutputs, settings: CSIRunSettings) {
    let run = try #require(try await AnalysisRun.find(try AnalysisFixtures.runID(res), on: app.db))
    let (settings, outputs) = try run.csi()
    return (outputs, settings)
  }
}

extension AnalysisFixtures {
  /// 60 residential responses in county A, 40 commercial in county B (weights 1, 2, 1, 2…).
  static func twoUnitWave(_ app: Application) async throws -> (SurveyDesk, String) {
    let desk = try await SurveyDesk.make(app)
    #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 30)])).status == .created)
    let waveID = try await desk.sampledWave(code: "CSI2026", count: 10)
    try await AnalysisFixtures.recordResponses(app, waveID: waveID, unit: desk.org.countyA, phone: 60, seed: 11)
    try await AnalysisFixtures.recordResponses(
      app, waveID: waveID, unit: desk.org.countyB, phone: 40, seed: 12, segment: .commercial)
    return (desk, waveID)
  }

  /// `body` with the two-unit wave and an analyst signed in on the pages.
  static func withTwoUnitWave(_ body: (Application, SurveyDesk, String, PageClient) async throws -> Void) async throws {
    try await withApp { app in
      let (desk, waveID) = try await twoUnitWave(app)
      try await body(app, desk, waveID, try await AnalysisFixtures.analystPage(app, desk.org))
    }
  }
}
