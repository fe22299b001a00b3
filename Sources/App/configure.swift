import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import Vapor

/// Sets up the database, migrations, middleware, views, commands and routes. The executable and
/// the tests call this same function.
public func configure(_ app: Application, _ config: AppConfig) async throws {
  app.config = config
  try configureDatabase(app, config)
  try app.requireSQL()
  app.migrations.add(Migrations.all(now: { app.clock.now() }))

  app.passwords.use(.bcrypt(cost: config.bcryptCost))
  app.sessions.use(.fluent)
  app.sessions.configuration = .init(cookieName: "wanjia_session") { id in
    HTTPCookies.Value(
      string: id.string, expires: app.clock.now().addingTimeInterval(60 * 60 * 12), maxAge: nil, domain: nil,
      path: "/", isSecure: config.secureCookie, isHTTPOnly: true, sameSite: .lax)
  }

  app.views.use(.leaf)
  app.leaf.tags["t"] = LocalizeTag()
  app.leaf.tags["tf"] = LocalizeFormatTag()
  let locales = app.directory.resourcesDirectory + "Locales"
  guard FileManager.default.fileExists(atPath: locales) else {
    throw CommandFailure("\(locales) does not exist: start wanjia in the folder that holds Resources/ (the repository root)")
  }
  app.localizer = try Localizer.load(from: locales)
  app.passwordPolicy = try Credentials.loadPolicy(resourcesDirectory: app.directory.resourcesDirectory)
  _ = app.dummyPasswordHash

  app.routes.defaultMaxBodySize = "10mb"
  NulRefusingDecoder.install()
  app.middleware = Middlewares()
  app.middleware.use(SecurityHeadersMiddleware())
  app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
  app.middleware.use(AppErrorMiddleware())
  app.middleware.use(URILengthMiddleware())
  app.middleware.use(MethodNotAllowedMiddleware())
  app.middleware.use(NulByteGuard())
  app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
  app.middleware.use(app.sessions.middleware)
  app.middleware.use(SessionsReached())

  WanjiaMetrics.bootstrapOnce()
  registerCommands(app)
  app.calendarObservers.add { db, from, now in try await WorkOrderDeadlines.refresh(from: from, on: db, now: now) }
  CaseIntake.register(app.complaintObservers)
  // REL-SOURCES: the outage register first, so that an outage both registered and imported
  // counts as registered; then the imported history.
  app.interruptionSources.add(OutageInterruptionSource())
  app.interruptionSources.add(InterruptionHistorySource())
  OutageRepairCalls.register(app.repairObservers)
  // What features add to every page's frame, read when a page is built.
  app.pageFrame.add(InboxBadge())
  app.pageFrame.add(CalendarGapBanner())
  try routes(app)
}

private func configureDatabase(_ app: Application, _ config: AppConfig) throws {
  switch config.database {
  case .sqliteMemory:
    app.databases.use(.sqlite(.memory), as: .sqlite)
  case .sqliteFile(let path):
    let folder = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    app.databases.use(.sqlite(.file(path)), as: .sqlite)
    app.lifecycle.use(SQLiteWriteAheadLog())
  case .postgres(let url):
    // One connection per event loop (the default) left concurrent requests queueing for it
    // while each waited on its commit; several let PostgreSQL group their commits.
    try app.databases.use(.postgres(url: url, maxConnectionsPerEventLoop: config.databaseConnections), as: .psql)
  }
}

private func registerCommands(_ app: Application) {
  if let serve = app.asyncCommands.commands["serve"] {
    app.asyncCommands.use(MigratingServeCommand(serve: serve, seedDemo: false), as: "serve", isDefault: true)
    app.asyncCommands.use(MigratingServeCommand(serve: serve, seedDemo: true), as: "demo")
  }
  app.asyncCommands.use(MigrateCommandWanjia(), as: "migrate")
  app.asyncCommands.use(UserCommands(), as: "user")
  app.asyncCommands.use(BackupCommand(), as: "backup")
  app.asyncCommands.use(RestoreCommand(), as: "restore")
  app.registerJobs([SLASweepJob(), OutboxDeliveryJob(), CalendarReminderJob(), InspectionReminderJob()])
  app.asyncCommands.use(AnalyzeCommands(), as: "analyze")
  app.asyncCommands.use(RosterCommands(), as: "roster")
  app.asyncCommands.use(SurveyCommands(), as: "survey")
  app.asyncCommands.use(ReliabilityCommands(), as: "reliability")
  app.asyncCommands.use(RoutesTableCommand(), as: "routes")
}
