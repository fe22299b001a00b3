import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Inspections (明查暗访) through the pages, as an inspector, a handler and others use them.
@Suite("Inspections")
struct InspectionTests {
  /// The test organisation with an inspector at the city, a second station in county A and a handler in county B.
  struct Setup {
    let org: Org
    let stationA2: OrgUnit
    let stationB: OrgUnit
    let items: [ChecklistItemRow]
    let today: CivilDate

    static func make(_ app: Application) async throws -> Setup {
      let org = try await Org.make(app)
      let a2 = OrgUnit(code: "A-S2", name: "河口供电所", kind: .station, parent: org.countyA)
      try await a2.create(on: app.db)
      let b = OrgUnit(code: "B-S1", name: "白石镇供电所", kind: .station, parent: org.countyB)
      try await b.create(on: app.db)
      try await org.user(app, "inspector", [.inspector], org.city)
      try await org.user(app, "handlerB", [.handler], org.countyB)
      try await org.user(app, "leader", [.leader], org.city)
      let items = try await ChecklistItemRow.query(on: app.db).sort(\.$position).all()
      return Setup(org: org, stationA2: a2, stationB: b, items: items, today: BusinessTime.civilDate(of: app.clock.now()))
    }

    /// A visit's form: every item met except the ones given (item index → what was found).
    func form(
      _ unit: OrgUnit, failing: [Int: String] = [:], visitedOn: String? = nil, extra: [(String, String)] = []
    ) throws
      -> [(String, String)]
    {
      var fields: [(String, String)] = [
        ("unitId", try unit.requireID().uuidString), ("visitedOn", visitedOn ?? today.description), ("method", "unannounced"),
        ("summary", String(repeating: "检查小结，", count: 400)),
      ]
      for (index, item) in items.enumerated() {
        let id = try item.requireID()
        fields.append(("check_\(id)", failing[index] == nil ? "pass" : "fail"))
        if let text = failing[index] { fields.append(("finding_\(id)", text)) }
      }
      return fields + extra
    }
  }

  func signedIn(_ app: Application, _ username: String) async throws -> PageClient {
    let client = PageClient(app)
    try await client.login(username)
    return client
  }

  @Test(
    "Rule INSP-CHECKLIST, INSP-DEADLINE: an inspection with two failed items at full length is recorded with its findings, due 7 days later, and audited"
  )
  func record() async throws {
    try await withApp { app in
      // Setup: the inspection setup and the inspector on the form
      let setup = try await Setup.make(app)
      let inspector = try await signedIn(app, "inspector")
      #expect(try await inspector.get(Paths.inspectionNew.link() + "?unitId=\(try setup.org.stationA.requireID())").status == .ok)
      // Act: record a visit failing two items, one with a 1,000-character finding
      let longFinding = String(repeating: "营业厅内有私人物品，", count: 100)
      let form = try setup.form(setup.org.stationA, failing: [0: longFinding, 2: "电话铃响 6 声后接听"])
      let saved = try await inspector.post(Paths.inspectionNew.link(), form)
      // Check: saved with every check and two open findings due in 7 days, audited and shown
      #expect(saved.status == .seeOther, "\(saved.body.string.prefix(2000))")
      let inspection = try #require(try await Inspection.query(on: app.db).first())
      #expect(saved.headers.first(name: .location) == Paths.inspection.link(try inspection.requireID()))
      #expect(inspection.summary.count == 2000 && inspection.method == .unannounced)
      #expect(try await InspectionCheck.query(on: app.db).count() == setup.items.count)
      let findings = try await InspectionFinding.query(on: app.db).all()
      #expect(findings.count == 2)
      #expect(findings.allSatisfy { $0.state == .open && $0.deadline == setup.today.adding(days: 7).description })
      #expect(findings.contains { $0.description == longFinding })
      #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == .inspection).count() == 1)
      let page = try await inspector.get(Paths.inspection.link(try inspection.requireID()))
      #expect(page.body.string.contains("电话铃响 6 声后接听") && page.body.string.contains("不合格"))
    }
  }

  @Test(
    "Bad input: a missing result, a failed item without a finding, a late deadline, a future visit and a stranger as responsible are named on their fields; nothing is saved"
  )
  func badInput() async throws {
    try await withApp { app in
      // Setup: the inspection setup and the inspector on the form
      let setup = try await Setup.make(app)
      let inspector = try await signedIn(app, "inspector")
      try await inspector.get(Paths.inspectionNew.link() + "?unitId=\(try setup.org.stationA.requireID())")
      let first = try setup.items[0].requireID()
      let second = try setup.items[1].requireID()
      // Act: post a visit dated tomorrow with a missing result, an empty finding, a late deadline and a stranger
      var form = try setup.form(setup.org.stationA, failing: [1: ""], visitedOn: setup.today.adding(days: 1).description)
      form.removeAll { $0.0 == "check_\(first)" }
      form += [("deadline_\(second)", "2099-01-01"), ("responsible_\(second)", UUID().uuidString)]
      form += [("finding_\(first)", "")]
      let refused = try await inspector.post(Paths.inspectionNew.link(), form)
      // Check: each field named, nothing saved
      #expect(refused.status == .unprocessableEntity)
      let body = refused.body.string
      #expect(body.contains("id=\"error-check_\(first)\"") && body.contains("请选择合格或不合格"))
      #expect(body.contains("id=\"error-finding_\(second)\""))
      #expect(body.contains("id=\"error-visitedOn\"") && body.contains("检查日期不能晚于今天"))
      #expect(body.contains("id=\"error-responsible_\(second)\""))
      #expect(try await Inspection.query(on: app.db).count() == 0)
      #expect(try await InspectionFinding.query(on: app.db).count() == 0)

      // Act: post a deadline 91 days after the visit
      var late = try setup.form(setup.org.stationA, failing: [1: "问题"])
      late += [("deadline_\(second)", setup.today.adding(days: 91).description)]
      let tooLate = try await inspector.post(Paths.inspectionNew.link(), late)
      // Check: refused as more than 90 days
      #expect(tooLate.status == .unprocessableEntity && tooLate.body.string.contains("整改期限最多为检查日期后 90 天"))
      #expect(try await Inspection.query(on: app.db).count() == 0)
    }
  }

  @Test("Rule INSP-ROLES: agents see no inspections, handlers cannot record, a county's handler sees only the county")
  func roles() async throws {
    try await withApp { app in
      // Setup: the inspection setup
      let setup = try await Setup.make(app)
      // Act: open inspections as an agent and as handlerA
      let agent = try await signedIn(app, "agentB")
      // Check: the agent is forbidden; handlerA may not record and sees only county A
      #expect(try await agent.get(Paths.inspections.link()).status == .forbidden)
      let handler = try await signedIn(app, "handlerA")
      #expect(try await handler.get(Paths.inspectionNew.link()).status == .forbidden)
      let plan = try await handler.get(Paths.inspections.link())
      #expect(plan.status == .ok && plan.body.string.contains("城关供电所") && !plan.body.string.contains("白石镇供电所"))
      // Act: record a visit to countyB's station and open it as handlerA
      let inspector = try await signedIn(app, "inspector")
      try await inspector.get(Paths.inspectionNew.link())
      // Check: recorded; handlerA may not open it
      #expect(try await inspector.post(Paths.inspectionNew.link(), try setup.form(setup.stationB, failing: [0: "问题"])).status == .seeOther)
      let other = try #require(try await Inspection.query(on: app.db).first())
      #expect(try await handler.get(Paths.inspection.link(try other.requireID())).status == .forbidden)
    }
  }

  @Test(
    "Rule INSP-FINDING: the unit rectifies, the inspector sends it back or closes it; another county, a stale version or a wrong move is refused"
  )
  func findingLoop() async throws {
    try await withApp { app in
      // Setup: a visit to stationA with one finding
      let setup = try await Setup.make(app)
      let inspector = try await signedIn(app, "inspector")
      try await inspector.get(Paths.inspectionNew.link())
      _ = try await inspector.post(Paths.inspectionNew.link(), try setup.form(setup.org.stationA, failing: [3: "未佩戴工号牌"]))
      let finding = try #require(try await InspectionFinding.query(on: app.db).first())
      let id = try finding.requireID()
      let inspection = Paths.inspection.link(finding.$inspection.id)
      let action = Paths.inspectionFindingAction.link(id)

      // Act: rectify it as handlerB
      let handlerB = try await signedIn(app, "handlerB")
      try await handlerB.get(Paths.inspections.link())
      // Check: forbidden
      #expect(try await handlerB.post(action, [("action", "rectify"), ("version", "1"), ("text", "已整改")]).status == .forbidden)

      // Act: as handlerA: close, rectify with no text, rectify with 2,000 characters
      let handler = try await signedIn(app, "handlerA")
      let page = try await handler.get(inspection)
      // Check: only rectify offered; close forbidden, empty text refused, then rectified
      #expect(page.body.string.contains("data-action=\"rectify\"") && !page.body.string.contains("data-action=\"close\""))
      #expect(try await handler.post(action, [("action", "close"), ("version", "1")]).status == .forbidden)
      let empty = try await handler.post(action, [("action", "rectify"), ("version", "1"), ("text", "")])
      #expect(empty.status == .unprocessableEntity && empty.body.string.contains("role=\"alert\""))
      let evidence = String(repeating: "已为全体营业员补发工号牌，", count: 150).prefix(2000)
      let rectified = try await handler.post(action, [("action", "rectify"), ("version", "1"), ("text", String(evidence))])
      #expect(rectified.status == .seeOther, "\(rectified.body.string.prefix(1500))")
      #expect(try await InspectionFinding.find(id, on: app.db)?.state == .rectified)

      // Act: as inspector close with a stale version, reopen; rectify again, close, close again
      try await inspector.get(inspection)
      let stale = try await inspector.post(action, [("action", "close"), ("version", "1")])
      // Check: the stale one and the second close are conflicts; the rest done and audited
      #expect(stale.status == .conflict && stale.body.string.contains("该问题已被他人处理"))
      #expect(try await inspector.post(action, [("action", "reopen"), ("version", "2"), ("text", "照片显示仍有一人未佩戴")]).status == .seeOther)
      #expect(try await InspectionFinding.find(id, on: app.db)?.state == .open)
      try await handler.get(inspection)
      #expect(try await handler.post(action, [("action", "rectify"), ("version", "3"), ("text", "已补发")]).status == .seeOther)
      try await inspector.get(inspection)
      #expect(try await inspector.post(action, [("action", "close"), ("version", "4")]).status == .seeOther)
      let closed = try #require(try await InspectionFinding.find(id, on: app.db))
      #expect(closed.state == .closed && closed.closedByName == "inspector 姓名" && closed.version == 5)
      let again = try await inspector.post(action, [("action", "close"), ("version", "5")])
      #expect(again.status == .conflict)
      #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == .inspectionFinding).count() == 4)
    }
  }

  @Test("Rule INSP-MONTHLY: the plan's figures link to exactly what they count — uninspected stations, open and overdue findings")
  func planFigures() async throws {
    try await withApp { app in
      // Setup: a visit this month to stationA with two findings
      let setup = try await Setup.make(app)
      let inspector = try await signedIn(app, "inspector")
      try await inspector.get(Paths.inspectionNew.link())
      let tenDaysAgo = setup.today.adding(days: -10)
      let inMonth = tenDaysAgo.month == setup.today.month ? tenDaysAgo.description : setup.today.description
      _ = try await inspector.post(
        Paths.inspectionNew.link(), try setup.form(setup.org.stationA, failing: [0: "问题一", 1: "问题二"], visitedOn: inMonth))
      // Act: open the plan and follow each figure's link
      let plan = try await inspector.get(Paths.inspections.link())
      let body = plan.body.string
      func figure(_ id: String) throws -> (Int, String) {
        let pattern = try Regex("id=\"figure-\(id)\" href=\"([^\"]+)\">(\\d+)<")
        let match = try #require(body.firstMatch(of: pattern))
        let href = String(try #require(match.output[1].substring)).replacingOccurrences(of: "&amp;", with: "&")
        return (Int(try #require(match.output[2].substring)) ?? -1, href)
      }
      // Check: uninspected 2, open 2, overdue as dated; each link lists that many
      let (uninspected, uninspectedHref) = try figure("uninspected")
      #expect(uninspected == 2)
      let listed = try await inspector.get(uninspectedHref).body.string
      #expect(listed.contains("河口供电所") && listed.contains("白石镇供电所") && !listed.contains(">城关供电所"))
      let (open, openHref) = try figure("open")
      #expect(open == 2)
      #expect(try await inspector.get(openHref).body.string.components(separatedBy: "<tr><td>").count - 1 == 2)
      let (overdue, overdueHref) = try figure("overdue")
      let expectedOverdue = inMonth == tenDaysAgo.description ? 2 : 0
      #expect(overdue == expectedOverdue)
      #expect(try await inspector.get(overdueHref).body.string.components(separatedBy: "<tr><td>").count - 1 == expectedOverdue)
    }
  }

  @Test("Rule INSP-REMINDER: the unit's people hear of an open finding once, from two days before its deadline; not earlier, not twice")
  func reminder() async throws {
    try await withApp { app in
      // Setup: a visit with findings due in 2 and 3 days
      let setup = try await Setup.make(app)
      let inspector = try await signedIn(app, "inspector")
      try await inspector.get(Paths.inspectionNew.link())
      let near = try setup.items[0].requireID()
      let far = try setup.items[1].requireID()
      let form = try setup.form(
        setup.org.stationA, failing: [0: "近期到期", 1: "远期到期"],
        extra: [
          ("deadline_\(near)", setup.today.adding(days: 2).description), ("deadline_\(far)", setup.today.adding(days: 3).description),
        ])
      #expect(try await inspector.post(Paths.inspectionNew.link(), form).status == .seeOther)
      // Act: run the reminder job
      let job = InspectionReminderJob()
      _ = try await job.remind(app.db, rules: .standard, now: app.clock.now())
      // Check: one notice to handlerA, for the near finding
      let notices = try await InboxNotification.query(on: app.db).filter(\.$kind == .inspection).all()
      let handlerA = try #require(try await User.query(on: app.db).filter(\.$username == "handlerA").first())
      #expect(notices.count == 1 && notices.first?.$user.id == handlerA.id)
      #expect(
        notices.first?.argsJSON.contains("近期") == false && notices.first?.argsJSON.contains(setup.today.adding(days: 2).description) == true
      )
      // Act: run it again today, then tomorrow
      _ = try await job.remind(app.db, rules: .standard, now: app.clock.now())
      // Check: no second notice today; the far finding's notice tomorrow
      #expect(try await InboxNotification.query(on: app.db).filter(\.$kind == .inspection).count() == 1)
      let tomorrow = app.clock.now().addingTimeInterval(86_400)
      _ = try await job.remind(app.db, rules: .standard, now: tomorrow)
      #expect(try await InboxNotification.query(on: app.db).filter(\.$kind == .inspection).count() == 2)
    }
  }

  @Test(
    "Rule INSP-PHOTOS: a 3 MB photo of a finding is kept byte for byte and shown to those who may see it; another type, another county or a closed finding is refused"
  )
  func photos() async throws {
    try await withApp { app in
      // Setup: a visit to stationA with a finding, and a 3 MB JPEG
      let setup = try await Setup.make(app)
      let inspector = try await signedIn(app, "inspector")
      try await inspector.get(Paths.inspectionNew.link())
      _ = try await inspector.post(Paths.inspectionNew.link(), try setup.form(setup.org.stationA, failing: [0: "柜台有私人物品"]))
      let finding = try #require(try await InspectionFinding.query(on: app.db).first())
      let id = try finding.requireID()
      let visit = Paths.inspection.link(finding.$inspection.id)
      var photo = Data([0xFF, 0xD8, 0xFF, 0xE0])
      photo.append(Data((0..<(3 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }))

      // Act: upload the photo as the inspector
      try await inspector.get(visit)
      let added = try await AnalysisFixtures.upload(inspector, Paths.inspectionFindingPhotos.link(id), fields: [], file: ("柜台.jpg", photo))
      // Check: kept byte for byte and shown on the visit
      #expect(added.status == .seeOther, "\(added.body.string.prefix(1500))")
      let stored = try #require(try await FindingPhoto.query(on: app.db).first())
      #expect(stored.size == photo.count && stored.contentType == "image/jpeg")
      let page = try await inspector.get(visit)
      #expect(page.body.string.contains(Paths.inspectionPhoto.link(try stored.requireID())))
      let image = try await inspector.get(Paths.inspectionPhoto.link(try stored.requireID()))
      #expect(image.status == .ok && Data(buffer: image.body) == photo)

      // Act: upload a PDF, then the photo as handlerB
      try await inspector.get(visit)
      let pdf = try await AnalysisFixtures.upload(
        inspector, Paths.inspectionFindingPhotos.link(id), fields: [], file: ("整改报告.pdf", Data("%PDF-1.4 report".utf8)))
      // Check: the PDF refused, handlerB forbidden
      #expect(pdf.status == .unprocessableEntity && pdf.body.string.contains("只能上传 JPG 或 PNG 照片"))
      let handlerB = try await signedIn(app, "handlerB")
      #expect(try await handlerB.get(Paths.inspectionPhoto.link(try stored.requireID())).status == .forbidden)
      #expect(
        try await AnalysisFixtures.upload(handlerB, Paths.inspectionFindingPhotos.link(id), fields: [], file: ("a.jpg", photo)).status
          == .forbidden)

      // Act: add a photo as handlerA, rectify, close, then upload again
      let handler = try await signedIn(app, "handlerA")
      try await handler.get(visit)
      // Check: handlerA's photo kept; after closing a photo is refused
      #expect(
        try await AnalysisFixtures.upload(handler, Paths.inspectionFindingPhotos.link(id), fields: [], file: ("整改后.jpg", photo)).status
          == .seeOther)
      try await handler.get(visit)
      _ = try await handler.post(Paths.inspectionFindingAction.link(id), [("action", "rectify"), ("version", "1"), ("text", "已清理")])
      try await inspector.get(visit)
      _ = try await inspector.post(Paths.inspectionFindingAction.link(id), [("action", "close"), ("version", "2")])
      try await inspector.get(visit)
      let late = try await AnalysisFixtures.upload(inspector, Paths.inspectionFindingPhotos.link(id), fields: [], file: ("b.jpg", photo))
      #expect(late.status == .conflict)
      #expect(try await FindingPhoto.query(on: app.db).count() == 2)
    }
  }

  @Test("Rule INSP-ROLES: the start page counts each person's inspection work, and each count lists exactly what it counts")
  func homeCounts() async throws {
    try await withApp { app in
      // Setup: a visit with two findings, one rectified by handlerA, and a reader of home counts
      let setup = try await Setup.make(app)
      let inspector = try await signedIn(app, "inspector")
      try await inspector.get(Paths.inspectionNew.link())
      _ = try await inspector.post(Paths.inspectionNew.link(), try setup.form(setup.org.stationA, failing: [0: "问题一", 1: "问题二"]))
      let first = try #require(try await InspectionFinding.query(on: app.db).sort(\.$createdAt).first())
      let handler = try await signedIn(app, "handlerA")
      try await handler.get(Paths.inspection.link(first.$inspection.id))
      let rectified = try await handler.post(
        Paths.inspectionFindingAction.link(try first.requireID()), [("action", "rectify"), ("version", "1"), ("text", "已整改")])
      #expect(rectified.status == .seeOther)

      func counts(_ client: PageClient) async throws -> [String: (Int, String)] {
        let home = try await client.get("/").body.string
        var found: [String: (Int, String)] = [:]
        for match in home.matches(of: try Regex(#"href="(/inspections[^"]*)">[^<0-9]*(\d+)[^<]*</a>"#)) {
          let href = String(try #require(match.output[1].substring)).replacingOccurrences(of: "&amp;", with: "&")
          found[href] = (Int(try #require(match.output[2].substring)) ?? -1, href)
        }
        return found
      }
      // Act: read the inspector's and handlerA's home counts
      let forInspector = try await counts(inspector)
      // Check: each count is right and its link lists what it counts
      #expect(forInspector[Paths.inspections.link() + "?show=uninspected"]?.0 == 2, "\(forInspector)")
      #expect(forInspector[Paths.inspectionFindings.link() + "?state=rectified"]?.0 == 1)
      #expect(forInspector[Paths.inspectionFindings.link() + "?state=open"]?.0 == 1)
      let toCheck = try await inspector.get(Paths.inspectionFindings.link() + "?state=rectified").body.string
      #expect(toCheck.components(separatedBy: "<tr><td>").count - 1 == 1 && toCheck.contains("问题一"))
      let forHandler = try await counts(handler)
      #expect(
        forHandler[Paths.inspectionFindings.link() + "?state=open"]?.0 == 1
          && forHandler[Paths.inspections.link() + "?show=uninspected"] == nil)
    }
  }
}
