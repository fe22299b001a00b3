import Fluent

/// Every migration, in the order it runs. One migration per file, each with `revert`.
enum Migrations {
  static var all: [any Migration] {
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
      AddWorkOrderQueueColumns(),
      AddWorkOrderEventDetails(),
      CreateWorkOrderNotes(),
      CreateSavedQueueFilters(),
      CreateLoginSources(),
      AddUserSessionVersion(),
      AddApiTokenExpiry(),
      AddAnalysisRunScope(),
    ]
  }
}
