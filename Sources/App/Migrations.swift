import Fluent
import Foundation

/// Every migration, in the order it runs. One migration per file, each with `revert`.
/// `now`: the application's clock, for migrations that fill in a time.
enum Migrations {
  static func all(now: @escaping @Sendable () -> Date) -> [any Migration] {
    [
      SessionRecord.migration,
      CreateUnits(),
      CreateDepartments(),
      SeedDefaultDepartments(),
      CreateUsers(),
      CreateApiTokens(),
      CreateAuditRecords(),
      ProtectAuditRecords(),
      CreateCalendar(),
      SeedStateCouncilSchedules(),
      CreateWorkOrders(),
      CreateSLAAlerts(),
      CreateOutboxMessages(),
      CreateNotifications(),
      AddComplaintInvestigation(),
      CreateWorkOrderAttachments(),
      CreateRosters(),
      CreateSurveyWaves(),
      CreateSurveySamples(),
      CreateSurveyResponses(),
      CreateAnalysisRuns(),
      DropRosterCustomerCounty(),
      AddWorkOrderPeriodIndex(),
      AddWorkOrderQueueColumns(now: now),
      AddWorkOrderEventDetails(),
      CreateWorkOrderNotes(),
      CreateSavedQueueFilters(),
      CreateLoginSources(),
      AddUserSessionVersion(),
      AddApiTokenExpiry(now: now),
      AddAnalysisRunScope(),
      CreatePenaltyRuleVersions(),
      SeedPenaltyRules(now: now),
      CreateAccountabilityCases(),
      CreateDeductionLedger(),
      CreateInspections(),
      SeedInspectionChecklist(),
      CreateFindingPhotos(),
      CreateScorecards(),
      SeedScorecardRules(now: now),
      AddUnitSupplyArea(),
      CreateInterruptionRecords(),
      AddOutboxDelivery(),
      CreateOutages(),
      CreateOutageRepairOrders(),
      CreateReliabilitySettingVersions(now: now),
      CreateNoticeLimitVersions(now: now),
      CreateCommitmentRuleVersions(now: now),
    ]
  }
}
