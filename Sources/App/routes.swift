import Vapor

/// Every route, grouped by feature and by how it is authenticated.
func routes(_ app: Application) throws {
  OperationsController.register(app)

  // Pages: CSRF on every form; most need a signed-in user.
  let pages = app.grouped(CSRFMiddleware())
  SessionController.registerPublic(pages)
  let signedIn = pages.grouped(SessionAuthMiddleware())
  SessionController.registerSignedIn(signedIn)
  HomeController.register(signedIn)
  InboxController.registerPages(signedIn)
  UnitPagesController.register(signedIn)
  DepartmentPagesController.register(signedIn)
  UserPagesController.register(signedIn)
  TokenPagesController.register(signedIn)
  PasswordPagesController.register(signedIn)
  CalendarPagesController.register(signedIn)
  AuditController.registerPages(signedIn)
  WorkOrderPagesController.register(signedIn)
  BulletinController.register(signedIn)
  ContactLookupController.register(signedIn)
  AttachmentController.registerPages(signedIn)
  WavePagesController.register(signedIn)
  RosterPagesController.register(signedIn)
  InterviewPagesController.register(signedIn)
  ScoresPagesController.register(signedIn)
  ChannelPagesController.register(signedIn)
  ReportPagesController.register(signedIn)
  SurveyExportController.register(signedIn)
  AnalysisPagesController.register(signedIn)
  RulesPagesController.register(signedIn)

  // API: bearer tokens, JSON errors.
  PeopleAPIController.registerPublic(app)
  let api = app.grouped(BearerAuthMiddleware())
  PeopleAPIController.register(api)
  UnitsAPIController.register(api)
  DepartmentsAPIController.register(api)
  CalendarAPIController.register(api)
  AuditController.registerAPI(api)
  AnalysisAPIController.register(api)
  WorkOrdersAPIController.register(api)
  SurveysAPIController.register(api)
  InboxController.registerAPI(api)
  AttachmentController.registerAPI(api)
  AccountabilityAPIController.register(api)
}
