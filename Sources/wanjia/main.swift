import App
import Foundation
import Logging
import Vapor

// Entry point only: read the environment, set up logging, configure, run.
// `wanjia analyze` runs without the web application (no database, views or event loops).
if await AnalyzeEntry.runIfAnalyze(CommandLine.arguments) { exit(0) }
let env = try Environment.detect()
let config = AppConfig.fromEnvironment()
let level = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
LoggingSystem.bootstrap { label in
  switch config.logFormat {
  case .json: return JSONLogHandler(label: label, level: level)
  case .text: var handler = StreamLogHandler.standardError(label: label); handler.logLevel = level; return handler
  }
}
let app = try await Application.make(env)
do {
  try await configure(app, config)
  try await app.execute()
} catch {
  // Logged as one clear line with status 1, not a crash report.
  app.logger.report(error: error)
  try? await app.asyncShutdown()
  exit(1)
}
// Stop taking requests and let those in flight finish before the databases close.
await stopAcceptingRequests(app.http.server.shared)
try await app.asyncShutdown()

func stopAcceptingRequests(_ server: HTTPServer) async {
  await server.shutdown()
}
