import ConsoleKit
import NIOConcurrencyHelpers
import Vapor

/// A named, idempotent piece of background work (SLA sweep, notification delivery…). The server
/// runs each on a schedule; a person runs one with `wanjia <name>`. Running it twice, or on two
/// servers at once, must do the work once — jobs claim their rows in the database.
protocol BackgroundJob: Sendable {
  /// The CLI command and log name, e.g. "sla-sweep".
  var name: String { get }
  /// What `wanjia --help` says about it.
  var help: String { get }
  /// How often the server runs it.
  var interval: Duration { get }
  /// Does one pass and says what it did, for the log and the CLI.
  func run(on app: Application, now: Date) async throws -> String
}

/// Runs the registered jobs on their intervals while the server serves.
final class JobScheduler: LifecycleHandler {
  private let jobs: [any BackgroundJob]
  private let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])

  init(jobs: [any BackgroundJob]) { self.jobs = jobs }

  /// Called by `serve`/`demo` only, so tests and one-off commands run no background work.
  func start(_ app: Application) {
    let started = jobs.map { job in
      Task {
        while !Task.isCancelled {
          try? await Task.sleep(for: job.interval)
          if Task.isCancelled { break }
          do {
            let summary = try await job.run(on: app, now: app.clock.now())
            app.logger.info("job finished", metadata: ["job": .string(job.name), "summary": .string(summary)])
          } catch {
            app.logger.error("job failed", metadata: ["job": .string(job.name), "error": .string("\(error)")])
          }
        }
      }
    }
    tasks.withLockedValue { $0 += started }
  }

  func shutdown(_ application: Application) {
    tasks.withLockedValue { tasks in
      tasks.forEach { $0.cancel() }
      tasks = []
    }
  }
}

/// `wanjia <job>`: one pass of a background job, printed.
struct JobCommand: AsyncCommand {
  struct Signature: CommandSignature {}
  let job: any BackgroundJob

  var help: String { job.help }

  func run(using context: CommandContext, signature: Signature) async throws {
    let app = context.application
    try await app.autoMigrate()
    let summary = try await job.run(on: app, now: app.clock.now())
    context.console.info("\(job.name): \(summary)")
  }
}

/// Keeps one pass of each job at a time within a process (a second concurrent pass would only
/// wait on the first's locks); across servers, jobs claim rows in the database.
struct RunningJobs: Sendable {
  private let names = NIOLockedValueBox<Set<String>>([])

  /// Runs `body` unless a pass of the same job is already running here; then returns nil.
  func exclusive(_ name: String, _ body: () async throws -> String) async throws -> String? {
    let acquired = names.withLockedValue { $0.insert(name).inserted }
    guard acquired else { return nil }
    defer { names.withLockedValue { _ = $0.remove(name) } }
    return try await body()
  }
}

struct RunningJobsKey: StorageKey {
  typealias Value = RunningJobs
}

struct JobSchedulerKey: StorageKey {
  typealias Value = JobScheduler
}

extension Application {
  /// The scheduler holding every background job; `configure` registers them.
  var jobScheduler: JobScheduler? {
    get { storage[JobSchedulerKey.self] }
    set { storage[JobSchedulerKey.self] = newValue }
  }

  var runningJobs: RunningJobs {
    if let existing = storage[RunningJobsKey.self] { return existing }
    let created = RunningJobs()
    storage[RunningJobsKey.self] = created
    return created
  }

  func registerJobs(_ jobs: [any BackgroundJob]) {
    _ = runningJobs
    let scheduler = JobScheduler(jobs: jobs)
    jobScheduler = scheduler
    lifecycle.use(scheduler)
    for job in jobs { asyncCommands.use(JobCommand(job: job), as: job.name) }
  }
}
