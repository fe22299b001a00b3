/// Steps of the yearly satisfaction survey plan (SV-PLAN-MILESTONES), in calendar order.
public enum MilestoneKind: String, Codable, Sendable, CaseIterable {
  case reportPublished  // last year's report, by mid-May
  case rostersSubmitted  // customer rosters, by end of June
  case fieldworkDone  // phone interviews, by end of October
  case governmentSurveyDone  // 政府机构满意度, by mid-November
  case resultsIssued  // results and rectification tasks, by end of November
}

/// One dated step of a year's survey plan. Named `SurveyMilestone` because `Milestone` already
/// names the work-order clock events in this module. The due date is editable per year.
public struct SurveyMilestone: Codable, Sendable, Equatable {
  public let kind: MilestoneKind
  public var due: CivilDate

  public init(kind: MilestoneKind, due: CivilDate) {
    self.kind = kind
    self.due = due
  }
}

public enum SurveyPlan {
  /// SV-PLAN-MILESTONES: 15 May, 30 June, 31 October, 15 November, 30 November. Empty for
  /// years `CivilDate` cannot represent.
  public static func defaultMilestones(year: Int) -> [SurveyMilestone] {
    let dates: [(MilestoneKind, Int, Int)] = [
      (.reportPublished, 5, 15),
      (.rostersSubmitted, 6, 30),
      (.fieldworkDone, 10, 31),
      (.governmentSurveyDone, 11, 15),
      (.resultsIssued, 11, 30),
    ]
    return dates.compactMap { kind, month, day in
      CivilDate(year: year, month: month, day: day).map { SurveyMilestone(kind: kind, due: $0) }
    }
  }
}

public enum MilestoneStatus: String, Codable, Sendable {
  case done
  case doneLate
  case pending
  case overdue
}

extension SurveyMilestone {
  /// Done on or before the due day is on time; an open milestone is overdue from the day after.
  public func status(completedOn: CivilDate?, today: CivilDate) -> MilestoneStatus {
    if let completedOn { return completedOn <= due ? .done : .doneLate }
    return today > due ? .overdue : .pending
  }
}
