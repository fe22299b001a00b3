import Domain
import Foundation

/// The list of waves with the form that starts a new one.
struct SurveysPage: Encodable {
  struct Wave: Encodable {
    let code: String
    let name: String
    let year: Int
    let isOpen: Bool
    let sampled: Bool
    let href: String
    let scoresHref: String
  }
  let chrome: Chrome
  let waves: [Wave]
  let canManage: Bool
  let isSurveyor: Bool
  let createAction: String
  let rostersHref: String
  let interviewHref: String
  let governmentHref: String
  let kioskHref: String
  let questionnaires: [Choice]
  let allocations: [Choice]
  let values: [String: String]
  let errors: [String: String]
}

/// One wave: plan, milestones, each county's status, quotas with live fill, targets.
struct WavePage: Encodable {
  struct Milestone: Encodable {
    let kind: String
    let kindKey: String
    let due: String
    let completedOn: String
    let statusKey: String
    let editable: Bool
  }
  struct CountyStatus: Encodable {
    let name: String
    let rosterVersion: Int?
    let validRate: String
    let completeness: String
    let quota: Int
    let done: Int
    let fill: String
    let statuses: [String]
  }
  struct Quota: Encodable {
    let unitName: String
    let segmentKey: String
    let population: Int
    let excludedRecent: Int
    let excludedComplaint: Int
    let eligible: Int
    let quota: Int
    let reserve: Int
    let weight: String
    let done: Int
    let full: Bool
  }
  struct QuestionRow: Encodable {
    let code: String
    let text: String
    let scale: String
  }
  struct Target: Encodable {
    let unitName: String
    let assessment: String
    let stretch: String
  }
  let chrome: Chrome
  let code: String
  let name: String
  let year: Int
  let version: Int
  let isOpen: Bool
  let sampled: Bool
  let planText: String
  let seed: String
  let attemptLimit: Int
  let questionnaire: String
  let questions: [QuestionRow]
  let milestones: [Milestone]
  let milestoneKeys: [String]
  let counties: [CountyStatus]
  let quotas: [Quota]
  let targets: [Target]
  let targetUnits: [Choice]
  let canManage: Bool
  let sampleAction: String
  let fieldworkAction: String
  let milestoneAction: String
  let targetAction: String
  let scoresHref: String
  let reportHref: String
  let resultsAction: String
  let resultsTemplateHref: String
  let responsesXLSX: String
  let scoresXLSX: String
  let importLines: [String]
  let notice: String?
  let errors: [String: String]
}
