import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Survey sampling and phone fieldwork")
struct SurveyFieldworkTests {
  struct WaveBody: Decodable {
    struct Quota: Decodable {
      let segment: String
      let population: Int
      let excludedOpenComplaint: Int
      let excludedRecentlySurveyed: Int
      let eligible: Int
      let quota: Int
      let reserve: Int
      let designWeight: Double
    }
    let quotas: [Quota]?
  }

  @Test(
    "Rule SV-SAMPLE-STRATA, SV-SAMPLE-RESERVE, SV-SAMPLE-WEIGHT, SV-SAMPLE-SEED: stratified by segment, proportional quotas, reserve, design weights, same seed → same sample"
  )
  func sampling() async throws {
    try await withApp { app in
      // Setup: a roster of 200 in four segments and an open complaint for customer A0001
      let desk = try await SurveyDesk.make(app)
      let csv = SurveyDesk.roster([(.residential, 150), (.commercial, 30), (.industrial, 15), (.other, 5)])
      #expect(try await desk.importRoster(csv).status == .created)
      // An open complaint keeps customer A0001 out of the sample.
      let loopAgent = try await desk.org.user(app, "agent", [.agent], desk.org.city)
      _ = loopAgent
      let complaint = #"""
        {"type":"complaint","channel":"phone95598","area":"urban","unitId":"\#(desk.org.countyA.savedID)",
         "customer":{"account":"A0001","name":"客户1","phone":"13900000001","address":"城关镇1号"},
         "content":"电费异常","complaint":{"category":"conduct","item":"conduct.attitude","attitude":"calm","severity":"general"}}
        """#
      let order = try await app.api(.POST, Paths.apiWorkOrders.link(), token: try await app.token("agent"), json: complaint)
      #expect(order.status == .created, "\(order.body.string)")

      // Act: draw a sample of 40 with seed 42
      let first = try await desk.sampledWave(code: "W1", seed: 42, count: 40)
      let wave = try JSONDecoder().decode(
        WaveBody.self, from: Data(try await app.api(.GET, Paths.apiSurveyWave.link(first), token: desk.office).body.string.utf8))
      let quotas = try #require(wave.quotas)
      // Check: proportional quotas with reserves and design weights; A0001 left out; phones masked
      // 40 over eligible 149/30/15/5 (199): 29.95 → 30, 6.03 → 6, 3.02 → 3, 1.005 → 1.
      #expect(quotas.map(\.segment) == ["residential", "commercial", "industrial", "other"])
      #expect(quotas.map(\.quota) == [30, 6, 3, 1])
      #expect(quotas.map(\.reserve) == [6, 2, 1, 1])
      #expect(quotas[0].population == 150 && quotas[0].excludedOpenComplaint == 1 && quotas[0].eligible == 149)
      #expect(abs(quotas[0].designWeight - 149.0 / 30) < 1e-12)
      let samples = try await desk.samples(first)
      #expect(samples.count == 40 + 10)
      #expect(samples.filter(\.active).count == 40)
      #expect(!samples.contains { $0.name == "客户1" })
      #expect(samples.allSatisfy { $0.phone.contains("*") })  // phones are masked in lists

      // Act: draw again with seed 42, then with seed 7
      let second = try await desk.sampledWave(code: "W2", seed: 42, count: 40)
      // Check: the same sample, then a different one
      #expect(try await desk.samples(second).map(\.name) == samples.map(\.name))
      let third = try await desk.sampledWave(code: "W3", seed: 7, count: 40)
      #expect(try await desk.samples(third).map(\.name) != samples.map(\.name))
    }
  }

  @Test(
    "Rule SV-FIELDWORK-ATTEMPTS, SV-FIELDWORK-OUTCOMES: attempt limit 3, callbacks come back at their time, a reserve replaces a lost customer"
  )
  func attemptsAndCallbacks() async throws {
    try await withApp { app in
      // Setup: a sampled wave of 2
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 20)])).status == .created)
      let wave = try await desk.sampledWave(count: 2)
      // Act: ask for a customer before opening, then open and call the first two
      #expect(try await desk.next() == nil)  // fieldwork not open yet
      try await desk.open(wave)

      let first = try #require(try await desk.next())
      // Check: masked and kept by the interviewer; nobody due after a no-answer and a callback
      #expect(first.phone.contains("*"))
      #expect(try await desk.next()?.id == first.id)  // the interviewer keeps their customer
      #expect(try await desk.call(first, #"{"outcome":"no_answer"}"#).status == .ok)
      let second = try #require(try await desk.next())
      #expect(second.id != first.id)
      let callbackAt = "2026-07-01T10:00:00+08:00"
      #expect(try await desk.call(second, #"{"outcome":"callback","callbackAt":"\#(callbackAt)"}"#).status == .ok)
      #expect(try await desk.next() == nil)  // nobody due: a retry in 2 h, a callback in 1 h

      // Act: an hour on, take the callback and record a refusal
      desk.clock.advance(by: 3600)
      let due = try #require(try await desk.next())
      // Check: the callback comes due; the refusal frees the first reserve
      #expect(due.id == second.id && due.status == "callback")
      desk.clock.advance(by: 3600)
      _ = try await desk.call(due, #"{"outcome":"refused"}"#)
      // Refusal frees the stratum's first reserve customer.
      let samples = try await desk.samples(wave)
      #expect(samples.filter(\.active).count == 3)
      #expect(samples.first { $0.reserveRank == 1 }?.active == true)

      // Act: call the reserve, then retry the first customer until exhausted
      // Fresh customers before retries: the reserve comes first; it asks to be called tomorrow.
      let reserve = try #require(try await desk.next())
      // Check: the reserve first, then retries after their wait, exhausted after 3 attempts
      #expect(reserve.reserveRank == 1)
      _ = try await desk.call(reserve, #"{"outcome":"callback","callbackAt":"2026-07-02T09:00:00+08:00"}"#)
      let retried = try #require(try await desk.next())
      #expect(retried.id == first.id && retried.attempts == 1)
      _ = try await desk.call(retried, #"{"outcome":"busy"}"#)
      desk.clock.advance(by: 7200)
      let third = try #require(try await desk.next())
      #expect(third.id == first.id && third.attempts == 2)
      _ = try await desk.call(third, #"{"outcome":"no_answer"}"#)
      let after = try await desk.samples(wave, status: "exhausted")
      #expect(after.map(\.id) == [first.id])
      #expect(after.first?.attempts == 3)
      let calls = try await SurveyCall.query(on: app.db).count()
      #expect(calls == 6)
    }
  }

  @Test("An answer out of range or missing is refused with the question named; a full quota stops new interviews")
  func answersAndQuota() async throws {
    try await withApp { app in
      // Setup: a wave of 1 with fieldwork open and a customer to call
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 10)])).status == .created)
      let wave = try await desk.sampledWave(count: 1)
      try await desk.open(wave)
      let sample = try #require(try await desk.next())

      // Act: complete with a missing answer, then with an out-of-range one
      let missing = try await desk.call(sample, #"{"outcome":"completed","answers":{"m.stability.1":"5"}}"#)
      // Check: each is a 422 naming the question, nothing saved
      #expect(missing.status == .unprocessableEntity)
      #expect(missing.apiError?.field == "m.stability.2")
      var answers = SurveyDesk.answers(fivePoint: 4)
      let outOfRange = try await desk.call(
        sample, #"{"outcome":"completed","answers":\#(answers.replacingOccurrences(of: #""m.hall.1":"4""#, with: #""m.hall.1":"9""#))}"#)
      #expect(outOfRange.status == .unprocessableEntity)
      #expect(outOfRange.apiError?.field == "m.hall.1")
      #expect(try await SurveyResponse.query(on: app.db).count() == 0)

      // Skipping a module: its questions need no answer.
      // Act: complete with the hall module skipped
      answers = answers.replacingOccurrences(of: #""m.hall.1":"4","m.hall.2":"4","m.hall.3":"4","#, with: "")
      let done = try await desk.call(sample, #"{"outcome":"completed","answers":\#(answers),"skippedModules":["hall"]}"#)
      // Check: saved without hall answers
      #expect(done.status == .ok, "\(done.body.string)")
      #expect(try await SurveyAnswer.query(on: app.db).filter(\.$module == .hall).count() == 0)
      #expect(try await SurveyAnswer.query(on: app.db).filter(\.$module != nil).count() == 21)

      // The cell's quota (1) is now full: the reserve, even if active, gets no new interview.
      // Act: activate the reserve and complete it
      let reserve = try #require(try await SurveySample.query(on: app.db).filter(\.$reserveRank == 1).first())
      reserve.active = true
      try await reserve.save(on: app.db)
      // Check: no next customer; the reserve's interview is a 409 for the full quota
      #expect(try await desk.next() == nil)
      let body = try await desk.call(
        SampleBody(
          id: reserve.savedID.uuidString, name: reserve.name, phone: "", segment: reserve.segment.rawValue, designWeight: 1, reserveRank: 1,
          active: true, status: "pending", attempts: 0), #"{"outcome":"completed","answers":\#(SurveyDesk.answers(fivePoint: 5))}"#)
      #expect(body.status == .conflict)
      #expect(body.apiError?.message.contains("配额已满") == true)
    }
  }

  @Test("Rule SV-SAMPLE-EXCLUSIONS: customers interviewed in the last 12 months are left out; both exclusions can be switched off")
  func exclusions() async throws {
    try await withApp { app in
      // Setup: a wave W1 with one completed interview
      var desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 10)])).status == .created)
      let first = try await desk.sampledWave(code: "W1", count: 2)
      try await desk.open(first)
      let sample = try #require(try await desk.next())
      let done = try await desk.call(sample, #"{"outcome":"completed","answers":\#(SurveyDesk.answers(fivePoint: 4))}"#)
      #expect(done.status == .ok)

      func quota(_ wave: String) async throws -> WaveBody.Quota {
        let body = try JSONDecoder().decode(
          WaveBody.self, from: Data(try await app.api(.GET, Paths.apiSurveyWave.link(wave), token: desk.office).body.string.utf8))
        return try #require(body.quotas?.first)
      }
      // Act: 200 days on, draw W2, then W3 without exclusions, then try W4 with 99 months
      desk.clock.advance(by: 86_400 * 200)
      // The office's token has expired by now (90 days, ORG-API-TOKEN).
      // Check: the old token expired; W2 leaves the interviewed customer out, W3 does not, 99 months refused
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: desk.office).status == .unauthorized)
      desk.office = try await app.token("office")
      let second = try await desk.sampledWave(code: "W2", count: 2)
      #expect(try await quota(second).excludedRecentlySurveyed == 1)
      #expect(try await quota(second).eligible == 9)
      let created = try await app.api(
        .POST, Paths.apiSurveyWaves.link(), token: desk.office,
        json: #"{"code":"W3","name":"不排除","year":2027,"sampleCount":2,"excludeMonths":0,"excludeOpenComplaints":false}"#)
      #expect(created.status == .created, "\(created.body.string)")
      let third = try JSONDecoder().decode(IDBody.self, from: Data(created.body.string.utf8)).id
      #expect(try await app.api(.POST, Paths.apiSurveyWaveSample.link(third), token: desk.office).status == .created)
      #expect(try await quota(third).excludedRecentlySurveyed == 0)
      let bad = try await app.api(
        .POST, Paths.apiSurveyWaves.link(), token: desk.office, json: #"{"code":"W4","name":"x","year":2027,"excludeMonths":99}"#)
      #expect(bad.status == .unprocessableEntity && bad.apiError?.field == "excludeMonths")
    }
  }
}
