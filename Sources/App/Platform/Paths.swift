import Vapor

/// A route's path template, the one place its string lives: it registers the route and builds
/// links to it.
struct RoutePath: Sendable {
  let template: String

  init(_ template: String) { self.template = template }

  var components: [PathComponent] { template.pathComponents }

  /// The concrete path with each `:parameter` replaced, in order, by the given values.
  func link(_ values: any CustomStringConvertible...) -> String {
    var remaining = values.makeIterator()
    let parts = template.split(separator: "/").map { part -> String in
      if part.hasPrefix(":"), let value = remaining.next() {
        return value.description.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
      }
      return String(part)
    }
    return "/" + parts.joined(separator: "/")
  }
}

/// Every page and API path of the product.
enum Paths {
  // Pages
  static let home = RoutePath("")
  static let login = RoutePath("login")
  static let logout = RoutePath("logout")
  static let language = RoutePath("preferences/language")
  static let units = RoutePath("units")
  static let unit = RoutePath("units/:unitID")
  static let unitNew = RoutePath("admin/units/new")
  static let unitEdit = RoutePath("admin/units/:unitID/edit")
  static let unitDelete = RoutePath("admin/units/:unitID/delete")
  static let departments = RoutePath("admin/departments")
  static let departmentNew = RoutePath("admin/departments/new")
  static let departmentEdit = RoutePath("admin/departments/:departmentID/edit")
  static let departmentDelete = RoutePath("admin/departments/:departmentID/delete")
  static let users = RoutePath("admin/users")
  static let userNew = RoutePath("admin/users/new")
  static let userEdit = RoutePath("admin/users/:userID/edit")
  static let calendar = RoutePath("admin/calendar")
  static let calendarYear = RoutePath("admin/calendar/years")
  static let calendarDay = RoutePath("admin/calendar/days")
  static let calendarDayDelete = RoutePath("admin/calendar/days/:date/delete")
  static let calendarImport = RoutePath("admin/calendar/import")
  static let audit = RoutePath("admin/audit")
  static let workOrders = RoutePath("work-orders")
  static let kpi = RoutePath("kpi/work-orders")
  static let workOrdersCSV = RoutePath("exports/work-orders.csv")
  static let workOrdersXLSX = RoutePath("exports/work-orders.xlsx")
  static let bulletin = RoutePath("kpi/bulletin")
  static let bulletinXLSX = RoutePath("exports/bulletin.xlsx")
  static let workOrderNew = RoutePath("work-orders/new")
  static let workOrderContacts = RoutePath("work-orders/contacts")
  static let workOrdersBulkDispatch = RoutePath("work-orders/bulk-dispatch")
  static let workOrderFilters = RoutePath("work-orders/filters")
  static let workOrderFilterDelete = RoutePath("work-orders/filters/:filterID/delete")
  static let workOrder = RoutePath("work-orders/:orderID")
  static let workOrderAction = RoutePath("work-orders/:orderID/actions")
  static let workOrderNotes = RoutePath("work-orders/:orderID/notes")
  static let workOrderAttachments = RoutePath("work-orders/:orderID/attachments")
  static let workOrderAttachment = RoutePath("work-orders/:orderID/attachments/:attachmentID")
  static let tokens = RoutePath("account/tokens")
  static let accountPassword = RoutePath("account/password")
  static let inbox = RoutePath("inbox")
  static let inboxRead = RoutePath("inbox/:notificationID/read")
  static let inboxReadAll = RoutePath("inbox/read-all")
  static let surveys = RoutePath("surveys")
  static let surveyWave = RoutePath("surveys/waves/:waveID")
  static let surveyWaveSample = RoutePath("surveys/waves/:waveID/sample")
  static let surveyWaveFieldwork = RoutePath("surveys/waves/:waveID/fieldwork")
  static let surveyWaveMilestone = RoutePath("surveys/waves/:waveID/milestones")
  static let surveyWaveTarget = RoutePath("surveys/waves/:waveID/targets")
  static let surveyWaveScores = RoutePath("surveys/waves/:waveID/scores")
  static let rosters = RoutePath("surveys/rosters")
  static let rosterImport = RoutePath("surveys/rosters/import")
  static let rosterPending = RoutePath("surveys/rosters/pending/:uploadID")
  static let rosterPendingCancel = RoutePath("surveys/rosters/pending/:uploadID/cancel")
  static let rosterTemplate = RoutePath("surveys/rosters/template.csv")
  static let surveyWaveResultsTemplate = RoutePath("surveys/waves/:waveID/results-template.csv")
  static let interview = RoutePath("surveys/interview")
  static let interviewNext = RoutePath("surveys/interview/next")
  static let interviewCall = RoutePath("surveys/interview/:sampleID/calls")
  static let interviewDial = RoutePath("surveys/interview/:sampleID/dial")
  static let kiosk = RoutePath("surveys/kiosk")
  static let governmentRating = RoutePath("surveys/government")
  static let surveyWaveResults = RoutePath("surveys/waves/:waveID/results")
  static let surveyWaveReport = RoutePath("surveys/waves/:waveID/report")
  static let surveyWaveResponsesXLSX = RoutePath("exports/surveys/:waveID/responses.xlsx")
  static let surveyWaveScoresXLSX = RoutePath("exports/surveys/:waveID/scores.xlsx")
  static let tokenRevoke = RoutePath("account/tokens/:tokenID/revoke")
  static let analysis = RoutePath("analysis")
  static let analysisUpload = RoutePath("analysis/csi/upload")
  static let analysisWave = RoutePath("analysis/csi/wave")
  static let analysisRun = RoutePath("analysis/runs/:runID")
  static let analysisAHP = RoutePath("analysis/ahp")

  // Operations
  static let healthz = RoutePath("healthz")
  static let readyz = RoutePath("readyz")
  static let metrics = RoutePath("metrics")
  static let openAPI = RoutePath("api/openapi.yaml")

  // API
  static let apiTokens = RoutePath("api/v1/tokens")
  static let apiToken = RoutePath("api/v1/tokens/:tokenID")
  static let apiMe = RoutePath("api/v1/me")
  static let apiUnits = RoutePath("api/v1/units")
  static let apiUnit = RoutePath("api/v1/units/:unitID")
  static let apiDepartments = RoutePath("api/v1/departments")
  static let apiDepartment = RoutePath("api/v1/departments/:departmentID")
  static let apiUsers = RoutePath("api/v1/users")
  static let apiUser = RoutePath("api/v1/users/:userID")
  static let apiCalendarYears = RoutePath("api/v1/calendar/years")
  static let apiCalendarDays = RoutePath("api/v1/calendar/days")
  static let apiCalendarDay = RoutePath("api/v1/calendar/days/:date")
  static let apiCalendarImport = RoutePath("api/v1/calendar/import")
  static let apiCalendarDeadline = RoutePath("api/v1/calendar/deadline")
  static let apiAudit = RoutePath("api/v1/audit")
  static let apiTaxonomy = RoutePath("api/v1/taxonomy")
  static let apiWorkOrders = RoutePath("api/v1/work-orders")
  static let apiWorkOrdersExport = RoutePath("api/v1/work-orders/export")
  static let apiWorkOrdersImport = RoutePath("api/v1/work-orders/import")
  static let apiWorkOrder = RoutePath("api/v1/work-orders/:orderID")
  static let apiWorkOrderActions = RoutePath("api/v1/work-orders/:orderID/actions")
  static let apiWorkOrderAttachments = RoutePath("api/v1/work-orders/:orderID/attachments")
  static let apiWorkOrderAttachment = RoutePath("api/v1/work-orders/:orderID/attachments/:attachmentID")
  static let apiNotifications = RoutePath("api/v1/notifications")
  static let apiNotificationRead = RoutePath("api/v1/notifications/:notificationID/read")
  static let apiRosters = RoutePath("api/v1/rosters")
  static let apiSurveyWaves = RoutePath("api/v1/survey-waves")
  static let apiSurveyWave = RoutePath("api/v1/survey-waves/:waveID")
  static let apiSurveyWaveSample = RoutePath("api/v1/survey-waves/:waveID/sample")
  static let apiSurveyWaveSamples = RoutePath("api/v1/survey-waves/:waveID/samples")
  static let apiSurveyWaveTargets = RoutePath("api/v1/survey-waves/:waveID/targets")
  static let apiSurveyWaveScores = RoutePath("api/v1/survey-waves/:waveID/scores")
  static let apiSurveyWaveResponses = RoutePath("api/v1/survey-waves/:waveID/responses")
  static let apiFieldworkNext = RoutePath("api/v1/fieldwork/next")
  static let apiSampleCalls = RoutePath("api/v1/survey-samples/:sampleID/calls")
  static let apiAnalysisRuns = RoutePath("api/v1/analysis-runs")
  static let apiAnalysisRun = RoutePath("api/v1/analysis-runs/:runID")
}
