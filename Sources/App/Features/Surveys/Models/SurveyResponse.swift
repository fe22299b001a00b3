import Domain
import Fluent
import Foundation

/// Where a response came from; every channel is scored the same way and marked with its source.
enum ResponseChannel: String, Codable, Sendable, CaseIterable {
  case phone  // our own interviewers (CATI)
  case thirdParty = "third_party"  // imported results of the third-party survey company
  case kiosk  // the rating device in a service hall (five faces, one tap)
  case government  // the yearly government-agency satisfaction rating (政府机构满意度)
  case returnVisit = "return_visit"  // 95598 return visits of closed work orders

  /// The sampled survey (phone or third party) is what unit, module and segment scores and
  /// targets rest on: only it has design weights that make it representative. The other
  /// channels are reported beside it, per channel.
  var isSampleSurvey: Bool { self == .phone || self == .thirdParty }
}

/// A response's customer segment; channels that do not know the customer (kiosk, government)
/// record `unknown`.
enum ResponseSegment: RawRepresentable, Codable, Sendable, Hashable {
  case customer(CustomerSegment)
  case unknown

  init?(rawValue: String) {
    if rawValue == "unknown" {
      self = .unknown
    } else if let segment = CustomerSegment(rawValue: rawValue) {
      self = .customer(segment)
    } else {
      return nil
    }
  }

  var rawValue: String {
    switch self {
    case .customer(let segment): segment.rawValue
    case .unknown: "unknown"
    }
  }

  var customerSegment: CustomerSegment? {
    if case .customer(let segment) = self { segment } else { nil }
  }
}

/// One completed questionnaire.
final class SurveyResponse: Model, @unchecked Sendable {
  static let schema = "survey_responses"

  // MARK: id
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @EnumField(key: "segment") var segment: ResponseSegment
  @EnumField(key: "channel") var channel: ResponseChannel
  @Field(key: "weight") var weight: Double
  @OptionalField(key: "comment") var comment: String?
  /// Who answered when it is not a sampled customer, e.g. the government agency.
  @OptionalField(key: "respondent") var respondent: String?
  @Field(key: "answered_at") var answeredAt: Date
  @Field(key: "recorded_by") var recordedBy: String

  // MARK: relations
  @Parent(key: "wave_id") var wave: SurveyWave
  @Parent(key: "unit_id") var unit: OrgUnit
  @OptionalParent(key: "sample_id") var sample: SurveySample?

  init() {}
}

/// One scored answer, with the grouping columns copied in so that scores are one GROUP BY.
final class SurveyAnswer: Model, @unchecked Sendable {
  static let schema = "survey_answers"

  @ID(custom: .id, generatedBy: .database) var id: Int?
  @Field(key: "question_code") var questionCode: String
  @OptionalEnumField(key: "module") var module: ServiceModule?
  @OptionalEnumField(key: "construct") var construct: CSIConstruct?
  @Field(key: "raw") var raw: String
  @OptionalField(key: "value") var value: Double?
  @OptionalField(key: "top_box") var topBox: Bool?
  @Field(key: "weight") var weight: Double
  @EnumField(key: "segment") var segment: ResponseSegment
  @EnumField(key: "channel") var channel: ResponseChannel
  @Parent(key: "response_id") var response: SurveyResponse
  @Parent(key: "wave_id") var wave: SurveyWave
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}
}
