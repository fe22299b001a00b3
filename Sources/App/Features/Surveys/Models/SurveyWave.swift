import Domain
import Fluent
import Foundation

/// One survey round (usually a year): its questionnaire, sampling plan and plan milestones, each
/// kept as a snapshot so later changes to the defaults do not rewrite a finished wave.
final class SurveyWave: Model, @unchecked Sendable {
  static let schema = "survey_waves"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  // MARK: fields
  @Field(key: "version") var version: Int
  @Field(key: "code") var code: String
  @Field(key: "name") var name: String
  @Field(key: "year") var year: Int
  /// Fieldwork is open: interviewers get customers from this wave's samples.
  @Field(key: "is_open") var isOpen: Bool
  @Field(key: "attempt_limit") var attemptLimit: Int
  @Field(key: "questionnaire") var questionnaireJSON: String
  @Field(key: "plan") var planJSON: String
  @Field(key: "milestones") var milestonesJSON: String
  /// Wave-wide milestone completions, `{"kind": "YYYY-MM-DD"}`.
  @Field(key: "completions") var completionsJSON: String
  @OptionalField(key: "sampled_at") var sampledAt: Date?

  init() {}
}

extension SurveyWave {
  var questionnaire: Questionnaire {
    get throws { try JSONCoding.decode(Questionnaire.self, questionnaireJSON) }
  }
  var plan: SamplingPlan {
    get throws { try JSONCoding.decode(SamplingPlan.self, planJSON) }
  }
  var milestones: [SurveyMilestone] {
    get throws { try JSONCoding.decode([SurveyMilestone].self, milestonesJSON) }
  }
  var completions: [String: String] {
    (try? JSONCoding.decode([String: String].self, completionsJSON)) ?? [:]
  }
}

/// A unit's assessment and stretch targets for a wave (考核满分值指标 / 力争目标, SV-TARGETS).
final class SurveyTarget: Model, @unchecked Sendable {
  static let schema = "survey_targets"

  @ID(key: .id) var id: UUID?
  @Field(key: "assessment") var assessment: Double
  @Field(key: "stretch") var stretch: Double
  @Parent(key: "wave_id") var wave: SurveyWave
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}

  init(waveID: UUID, unitID: UUID, target: SatisfactionTarget) {
    self.$wave.id = waveID
    self.$unit.id = unitID
    self.assessment = target.assessment
    self.stretch = target.stretch
  }

  var target: SatisfactionTarget { SatisfactionTarget(assessment: assessment, stretch: stretch) }
}
