import Analytics
import Domain
import Fluent
import Foundation
import Vapor

/// Demo satisfaction surveys: a roster per county company (with a few bad rows, so the rates
/// mean something), last year's finished wave and this year's wave in fieldwork, with targets,
/// completed interviews, callbacks and refusals.
enum DemoSurveys {
  static let sampleSize = 200
  static let rosterSize = 1_500
  /// Per county: how well it serves (shifts every answer) and its assessment / stretch targets.
  static let counties: [String: (quality: Double, target: SatisfactionTarget)] = [
    "QH-CD": (0.35, .init(assessment: 78, stretch: 80)), "QH-LC": (0.1, .init(assessment: 76, stretch: 78)),
    "QH-BS": (-0.25, .init(assessment: 75, stretch: 77)), "QH-QX": (0.0, .init(assessment: 77, stretch: 79)),
  ]
  static let moduleShift: [ServiceModule: Double] = [
    .stability: 0.1, .safety: 0.25, .billing: 0.3, .businessHandling: 0.05, .hall: 0.15, .hotline95598: -0.1,
    .communication: -0.2, .problemHandling: -0.35,
  ]
  static let comments: [String] = [
    "夏天用电高峰时经常停电，希望改善。", "电费账单看不太懂，希望解释清楚。", "营业厅排队时间有点长。", "95598 电话有时打不通。",
    "抢修人员到得比较慢。", "计划停电最好提前多通知几天。", "办理过户跑了两次，手续繁琐。", "服务态度很好，感谢！",
  ]

  static func seed(_ app: Application, now: Date) async throws {
    let db = app.db
    let actor = try await Actor.commandLine(on: db)
    let units = try await OrgUnit.query(on: db).filter(\.$kind == .county).sort(\.$code).all()
    var random = DemoRandom(seed: 20_261_123)
    let thisYear = BusinessTime.civilDate(of: now).year
    for (index, county) in units.enumerated() {
      let csv = roster(for: county, random: &random)
      let result = try await RosterImport.run(
        Data(csv.utf8), fileName: "\(county.code)-客户资料清单.csv", countyID: county.id, actor: actor, on: db, now: now)
      // Submitted in June, before the plan's deadline (SV-PLAN-MILESTONES), except the last county.
      let version = try await RosterVersion.find(result.versionID, on: db)
      version?.createdAt = BusinessTime.parseInstant("\(thisYear)-06-\(index == units.count - 1 ? "30" : "2\(index)")T10:00:00+08:00")
      try await version?.save(on: db)
    }
    let last = try await wave(year: thisYear - 1, actor: actor, on: db, now: now)
    try await interview(last, share: 0.93, improvement: 0, actor: actor, on: db, random: &random, now: now, finished: true)
    last.completionsJSON = try WaveService.json([
      "reportPublished": "\(thisYear - 1)-05-14", "governmentSurveyDone": "\(thisYear - 1)-11-12",
      "resultsIssued": "\(thisYear - 1)-11-28",
    ])
    try await last.save(on: db)
    let current = try await wave(year: thisYear, actor: actor, on: db, now: now)
    try await WaveService.setOpen(true, wave: current, expectedVersion: current.version, actor: actor, on: db, now: now)
    try await interview(current, share: 0.7, improvement: 0.15, actor: actor, on: db, random: &random, now: now, finished: false)
    current.completionsJSON = try WaveService.json(["reportPublished": "\(thisYear)-05-15"])
    try await current.save(on: db)
    for wave in [last, current] {
      try await channelRatings(wave, on: db, random: &random, now: now)
    }
  }

  /// Taps on the halls' rating devices and each county's government-agency rating.
  static func channelRatings(_ wave: SurveyWave, on db: any Database, random: inout DemoRandom, now: Date) async throws {
    let scale = try wave.questionnaire.scale
    let kiosk = ChannelQuestionnaires.kiosk(scale: scale)
    let government = ChannelQuestionnaires.government(scale: scale)
    let day = BusinessTime.parseInstant("\(wave.year)-09-15T10:00:00+08:00") ?? now
    let at = min(day, now)
    for hall in try await OrgUnit.query(on: db).filter(\.$kind == .hall).all() {
      for _ in 0..<30 {
        let code = String(min(5, max(1, Int((4.1 + random.normal() * 0.9).rounded()))))
        let answers = try ResponseRecorder.score(ResponseDraft(answers: ["kiosk.hall": code]), questionnaire: kiosk)
        try await ResponseRecorder.record(
          .init(
            waveID: wave.requireID(), unitID: hall.requireID(), sampleID: nil, segment: .unknown, channel: .kiosk, weight: 1,
            answers: answers, answeredAt: at, recordedBy: "kiosk"),
          questionnaire: kiosk, on: db)
      }
    }
    for county in try await OrgUnit.query(on: db).filter(\.$kind == .county).all() {
      let quality = counties[county.code]?.quality ?? 0
      var raw: [String: String] = [:]
      for question in government.questions where question.kind == .fivePoint {
        raw[question.code] = String(min(5, max(1, Int((4.0 + 1.5 * quality + random.normal() * 0.5).rounded()))))
      }
      raw["comment"] = "希望进一步加快农村电网改造，停电信息提前通知到村。"
      let answers = try ResponseRecorder.score(ResponseDraft(answers: raw), questionnaire: government)
      let agency = county.name.replacingOccurrences(of: "供电公司", with: "") + "人民政府办公室"
      try await ResponseRecorder.record(
        .init(
          waveID: wave.requireID(), unitID: county.requireID(), sampleID: nil, segment: .unknown, channel: .government, weight: 1,
          answers: answers, answeredAt: at, recordedBy: "staff", respondent: agency),
        questionnaire: government, on: db)
    }
  }

  static func wave(year: Int, actor: Actor, on db: any Database, now: Date) async throws -> SurveyWave {
    let wave = try await WaveService.create(
      .init(
        code: "CSI\(year)", name: "\(year)年度客户满意度调查", year: String(year), questionnaire: "standard",
        sampleCount: String(sampleSize), allocation: "proportional", seed: String(year)),
      actor: actor, on: db, now: now, seedSource: { UInt64(year) })
    _ = try await SampleService.draw(wave: wave, actor: actor, on: db, now: now)
    for unit in try await OrgUnit.query(on: db).all() {
      if let demo = counties[unit.code] {
        try await WaveService.setTarget(
          unitID: unit.id, assessment: String(demo.target.assessment), stretch: String(demo.target.stretch), wave: wave,
          actor: actor, on: db, now: now)
      } else if unit.kind == .city || unit.kind == .company {
        try await WaveService.setTarget(unitID: unit.id, assessment: "77", stretch: "78", wave: wave, actor: actor, on: db, now: now)
      }
    }
    return wave
  }

  /// Works through the active sample: most customers answer, a few refuse or have a wrong
  /// number (their reserve takes over), some ask for a callback.
  static func interview(
    _ wave: SurveyWave, share: Double, improvement: Double, actor: Actor, on db: any Database, random: inout DemoRandom,
    now: Date, finished: Bool
  ) async throws {
    let questionnaire = try wave.questionnaire
    let units = Dictionary(uniqueKeysWithValues: try await OrgUnit.query(on: db).all().map { (try $0.requireID(), $0.code) })
    guard let first = CivilDate(year: wave.year, month: 8, day: 1) else { throw CommandFailure("wave year \(wave.year) out of range") }
    let start = BusinessTime.startOfDay(first).addingTimeInterval(9 * 3600)
    let span = finished ? 86 * 86_400.0 : max(86_400, now.timeIntervalSince(start) - 86_400)
    let samples = try await SurveySample.query(on: db).filter(\.$wave.$id == wave.requireID()).filter(\.$active == true)
      .sort(\.$drawOrder).all()
    for sample in samples {
      let roll = random.unit()
      let at = start.addingTimeInterval(random.unit() * span)
      if roll < 0.03 {
        try await end(sample, as: random.unit() < 0.5 ? .refused : .wrongNumber, at: at, on: db)
      } else if roll < share {
        let quality = (counties[units[sample.$unit.id] ?? ""]?.quality ?? 0) + improvement
        let answers = try answersFor(questionnaire, quality: quality, random: &random)
        sample.status = .completed
        sample.completedAt = at
        sample.attempts = random.unit() < 0.2 ? 1 : 0
        try await sample.save(on: db)
        try await ResponseRecorder.record(
          .init(
            waveID: wave.requireID(), unitID: sample.$unit.id, sampleID: sample.id, segment: .customer(sample.segment), channel: .phone,
            weight: sample.designWeight, answers: answers, answeredAt: at, recordedBy: "surveyor"),
          questionnaire: questionnaire, on: db)
      } else if !finished && roll < share + 0.05 {
        sample.status = .callback
        sample.nextCallAt = now.addingTimeInterval(3600 * (1 + 20 * random.unit()))
        try await sample.save(on: db)
      } else if !finished && roll < share + 0.1 {
        sample.attempts = 1
        sample.nextCallAt = now.addingTimeInterval(-600)
        try await sample.save(on: db)
      } else if finished {
        try await end(sample, as: .exhausted, at: at, on: db)
      }
    }
  }

  static func end(_ sample: SurveySample, as status: SampleStatus, at: Date, on db: any Database) async throws {
    sample.status = status
    if status == .exhausted { sample.attempts = 3 }
    try await sample.save(on: db)
    try await FieldworkService.activateReserve(for: sample, on: db)
  }

  /// One respondent drawn from the CSI model's causal structure (image → expectation → perceived
  /// quality → value → satisfaction → complaint, loyalty), so that an analysis of the demo
  /// data finds distinct constructs; module items follow perceived quality.
  static func answersFor(_ questionnaire: Questionnaire, quality: Double, random: inout DemoRandom) throws -> [ScoredAnswer] {
    let mood = random.normal() * 0.5
    let image = 0.6 * quality + 0.5 * mood + random.normal() * 0.5
    let expectation = 0.4 * image + random.normal() * 0.6
    let pq = 0.8 * quality + 0.3 * expectation + 0.4 * mood + random.normal() * 0.5
    let value = 0.6 * pq + random.normal() * 0.5
    let satisfaction = 0.25 * image + 0.5 * pq + 0.25 * value + random.normal() * 0.4
    let complaint = -0.7 * satisfaction + random.normal() * 0.5
    let loyalty = 0.6 * satisfaction - 0.2 * complaint + random.normal() * 0.5
    let latent: [CSIConstruct: Double] = [
      .image: image, .expectation: expectation, .perceivedQuality: pq, .perceivedValue: value, .satisfaction: satisfaction,
      .complaint: complaint, .loyalty: loyalty,
    ]
    var raw: [String: String] = [:]
    var skipped: Set<ServiceModule> = []
    for question in questionnaire.questions {
      switch question.kind {
      case .fivePoint:
        guard let module = question.module else { continue }
        if module == .hall && random.unit() < 0.25 {
          skipped.insert(module)
          continue
        }
        let level = 3.55 + 1.1 * (pq + (moduleShift[module] ?? 0) + random.normal() * 0.45)
        raw[question.code] = String(min(5, max(1, Int(level.rounded()))))
      case .tenPoint:
        guard let construct = question.construct else { continue }
        // Complaint items run the other way: 1 = no complaint.
        let base = construct == .complaint ? 3.5 : 7.0
        let level = base + 2.0 * ((latent[construct] ?? 0) + random.normal() * 0.35)
        raw[question.code] = String(min(10, max(1, Int(level.rounded()))))
      case .text:
        if random.unit() < 0.3 { raw[question.code] = comments[Int(random.unit() * Double(comments.count))] }
      }
    }
    return try ResponseRecorder.score(ResponseDraft(answers: raw, skippedModules: skipped), questionnaire: questionnaire)
  }

  static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")
  static let givenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"]

  /// A county's roster in the unified format; about 2 % of rows are refused (bad phone, no
  /// name) and about 8 % lack optional fields, as real lists do.
  static func roster(for county: OrgUnit, random: inout DemoRandom) -> String {
    var lines = ["户号,户名,联系电话,用电地址,单位编码,客户类别,电压等级,区域类别"]
    let stations = (1...3).map { "\(county.code)-S\($0)" }
    for n in 1...rosterSize {
      let roll = random.unit()
      let segment = roll < 0.8 ? "居民" : roll < 0.91 ? "商业" : roll < 0.97 ? "工业" : "其他"
      let voltage = segment == "居民" ? "220V" : segment == "工业" ? "10kV" : "380V"
      let name = random.unit() < 0.01 ? "" : String(surnames[n % surnames.count]) + givenNames[(n * 7) % givenNames.count]
      let phone = random.unit() < 0.01 ? "1380013" : "1\([3, 5, 7, 8, 9][n % 5])\(String(format: "%09d", (n * 7919) % 1_000_000_000))"
      let unit = random.unit() < 0.25 ? county.code : stations[n % 3]
      let area = n % 4 == 0 ? "农村" : "城区"
      let incomplete = random.unit() < 0.08
      let address = incomplete ? "" : "\(county.name.replacingOccurrences(of: "供电公司", with: ""))\(n % 37 + 1)街\(n % 211 + 1)号"
      lines.append(
        "\(county.code.suffix(2))\(String(format: "%08d", n)),\(name),\(phone),\(address),\(unit),\(segment),\(voltage),\(area)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// A small seeded generator so the demo is the same on every machine.
struct DemoRandom {
  private var generator: SplitMix64

  init(seed: UInt64) { generator = SplitMix64(seed: seed) }

  /// Uniform in [0, 1).
  mutating func unit() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }

  /// Standard normal (Box–Muller).
  mutating func normal() -> Double {
    let u = max(unit(), 1e-12)
    return (-2 * log(u)).squareRoot() * cos(2 * .pi * unit())
  }
}
