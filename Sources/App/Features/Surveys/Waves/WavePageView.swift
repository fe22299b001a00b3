import Domain
import Foundation

extension WavePage {
  /// What the wave page shows, as read for one viewer.
  struct Facts {
    let wave: SurveyWave
    let today: CivilDate
    let canManage: Bool
    let counties: [WaveStatus.County]
    let quotas: [WaveStatus.QuotaCell]
    let targets: [SurveyTarget]
    let targetUnits: [OrgUnit]
  }

  /// The view model: the wave's plan, questions and milestones, each county's progress, the
  /// quota cells and targets, in the reader's language.
  static func make(
    _ data: Facts, chrome: Chrome, localizer: Localizer, locale: String, notice: String?, errors: FieldErrors,
    lines: [ImportFailure.Line]
  ) throws -> WavePage {
    let wave = data.wave
    let id = try wave.requireID()
    func text(_ key: String, _ args: [String] = []) -> String { localizer.text(key, locale: locale, args: args) }
    let plan = try wave.plan
    let size =
      switch plan.size {
      case .count(let n): text("survey.plan.count", [String(n)])
      case .fraction(let f): text("survey.plan.percent", [DisplayFormat.percent(f)])
      }
    return WavePage(
      chrome: chrome, code: wave.code, name: wave.name, year: wave.year, version: wave.version, isOpen: wave.isOpen,
      sampled: wave.sampledAt != nil, planText: size + " · " + text("survey.allocation.\(plan.allocation.rawValue)"),
      seed: String(plan.seed), attemptLimit: wave.attemptLimit, questionnaire: try wave.questionnaire.code,
      questions: try questions(wave, english: locale == "en"), milestones: try milestones(wave, today: data.today),
      milestoneKeys: try wave.milestones.map { "survey.milestone.\($0.kind.rawValue)" }, counties: counties(data.counties),
      quotas: quotas(data.quotas),
      targets: data.targets.map {
        .init(unitName: $0.unit.name, assessment: DisplayFormat.score($0.assessment), stretch: DisplayFormat.score($0.stretch))
      },
      targetUnits: try data.targetUnits.map { Choice(value: try $0.requireID().uuidString, label: $0.name, selected: false) },
      canManage: data.canManage, sampleAction: Paths.surveyWaveSample.link(id), fieldworkAction: Paths.surveyWaveFieldwork.link(id),
      milestoneAction: Paths.surveyWaveMilestone.link(id), targetAction: Paths.surveyWaveTarget.link(id),
      scoresHref: Paths.surveyWaveScores.link(id), reportHref: Paths.surveyWaveReport.link(id),
      resultsAction: Paths.surveyWaveResults.link(id), resultsTemplateHref: Paths.surveyWaveResultsTemplate.link(id),
      responsesXLSX: Paths.surveyWaveResponsesXLSX.link(id), scoresXLSX: Paths.surveyWaveScoresXLSX.link(id),
      importLines: lines.map { line in
        text("import.line", [String(line.line), text(line.key, line.args.map { text($0) })])
      },
      notice: notice, errors: errors.localized(localizer, locale))
  }

  static func questions(_ wave: SurveyWave, english: Bool) throws -> [QuestionRow] {
    try wave.questionnaire.questions.map { q in
      .init(
        code: q.code, text: english ? q.textEn : q.textZh, scale: q.kind == .fivePoint ? "1–5" : q.kind == .tenPoint ? "1–10" : "…")
    }
  }

  /// The plan's milestones; those completed per county (rosters, fieldwork) are shown per unit.
  static func milestones(_ wave: SurveyWave, today: CivilDate) throws -> [Milestone] {
    let completions = wave.completions
    let derived: Set<MilestoneKind> = [.rostersSubmitted, .fieldworkDone]
    return try wave.milestones.map { m in
      let done = completions[m.kind.rawValue].flatMap { CivilDate(iso: $0) }
      return Milestone(
        kind: m.kind.rawValue, kindKey: "survey.milestone.\(m.kind.rawValue)", due: m.due.description,
        completedOn: done?.description ?? "",
        statusKey: derived.contains(m.kind)
          ? "survey.milestone.per_unit" : "survey.status.\(m.status(completedOn: done, today: today).rawValue)",
        editable: !derived.contains(m.kind))
    }
  }

  static func counties(_ counties: [WaveStatus.County]) -> [CountyStatus] {
    counties.map { c in
      let quality = c.roster.map(WavePagesController.quality)
      return .init(
        name: c.unit.name, rosterVersion: c.roster?.version,
        validRate: quality.map { DisplayFormat.percent($0.validListRate) } ?? "–",
        completeness: quality.map { DisplayFormat.percent($0.completenessRate) } ?? "–",
        quota: c.quota, done: c.done, fill: c.quota > 0 ? DisplayFormat.percent(Double(c.done) / Double(c.quota)) : "–",
        statuses: c.milestones.map { "survey.status.\($0.1.rawValue)" })
    }
  }

  static func quotas(_ cells: [WaveStatus.QuotaCell]) -> [Quota] {
    cells.map { cell in
      .init(
        unitName: cell.unit.name, segmentKey: "survey.segment.\(cell.quota.segment.rawValue)", population: cell.quota.population,
        excludedRecent: cell.quota.excludedRecent, excludedComplaint: cell.quota.excludedComplaint,
        eligible: cell.quota.eligible, quota: cell.quota.quota, reserve: cell.quota.reserve,
        weight: String(format: "%.2f", cell.quota.designWeight), done: cell.done, full: cell.done >= cell.quota.quota)
    }
  }
}
