import Domain
import Fluent
import Foundation

/// Where a sampled customer stands in fieldwork.
enum SampleStatus: String, Codable, Sendable, CaseIterable {
  case pending
  case callback
  case completed
  case refused
  case wrongNumber = "wrong_number"
  /// The attempt limit was reached without an interview.
  case exhausted

  /// A final status other than completed frees the stratum's next reserve customer.
  var endsWithoutInterview: Bool { self == .refused || self == .wrongNumber || self == .exhausted }
  var isOpen: Bool { self == .pending || self == .callback }
  static let open: [SampleStatus] = [.pending, .callback]

  init(_ end: FieldworkEnd) {
    switch end {
    case .refused: self = .refused
    case .wrongNumber: self = .wrongNumber
    case .exhausted: self = .exhausted
    }
  }
}

/// A customer drawn into a wave's sample, with a copy of the contact data so that a later roster
/// version does not change who is being called.
final class SurveySample: Model, @unchecked Sendable {
  static let schema = "survey_samples"

  // MARK: id
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @Field(key: "customer_id") var customerID: Int
  @Field(key: "account") var account: String
  @Field(key: "name") var name: String
  @Field(key: "phone") var phone: String
  @EnumField(key: "segment") var segment: CustomerSegment
  @Field(key: "design_weight") var designWeight: Double
  /// nil for the main sample; 1, 2, … for the stratum's reserve in draw order.
  @OptionalField(key: "reserve_rank") var reserveRank: Int?
  /// Main-sample customers are active from the start; a reserve one once it replaces somebody.
  @Field(key: "active") var active: Bool
  @EnumField(key: "status") var status: SampleStatus
  @Field(key: "attempts") var attempts: Int
  @OptionalField(key: "next_call_at") var nextCallAt: Date?
  @OptionalField(key: "claimed_by") var claimedBy: UUID?
  @OptionalField(key: "claimed_until") var claimedUntil: Date?
  @OptionalField(key: "completed_at") var completedAt: Date?
  @Field(key: "draw_order") var drawOrder: Int

  // MARK: relations
  @Parent(key: "wave_id") var wave: SurveyWave
  /// The county company the customer was sampled for.
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}

}

/// The quota of one county × segment cell: how many completed interviews the wave needs there.
final class SurveyQuota: Model, @unchecked Sendable {
  static let schema = "survey_quotas"

  @ID(key: .id) var id: UUID?
  @EnumField(key: "segment") var segment: CustomerSegment
  @Field(key: "population") var population: Int
  @Field(key: "excluded_recent") var excludedRecent: Int
  @Field(key: "excluded_complaint") var excludedComplaint: Int
  @Field(key: "eligible") var eligible: Int
  @Field(key: "quota") var quota: Int
  @Field(key: "reserve") var reserve: Int
  @Field(key: "design_weight") var designWeight: Double
  @Parent(key: "wave_id") var wave: SurveyWave
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}
}

/// One dialling attempt and how it ended.
final class SurveyCall: Model, @unchecked Sendable {
  static let schema = "survey_calls"

  @ID(key: .id) var id: UUID?
  @EnumField(key: "outcome") var outcome: CallOutcome
  @OptionalField(key: "callback_at") var callbackAt: Date?
  @Field(key: "called_at") var calledAt: Date
  @Field(key: "surveyor_id") var surveyorID: UUID
  @Parent(key: "sample_id") var sample: SurveySample

  init() {}
}
