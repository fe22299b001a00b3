import ConsoleKit
import Domain
import Fluent
import Foundation
import Vapor

/// `wanjia roster import FILE --unit CODE`: a county's roster from CSV or XLSX, with a progress bar.
struct RosterCommands: AsyncCommandGroup {
  var help: String { "Customer rosters (客户资料清单) for satisfaction surveys." }
  var commands: [String: any AnyAsyncCommand] { ["import": RosterImportCommand()] }
}

struct RosterImportCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Argument(name: "file", help: "CSV (UTF-8) or XLSX file in the unified roster format (docs/roster-format.md)") var file: String
    @Option(name: "unit", help: "Code of the county company whose roster this is") var unit: String?
  }

  var help: String { "Imports a county company's roster as a new version: roster import FILE --unit CODE" }

  func run(using context: CommandContext, signature: Signature) async throws {
    let app = context.application
    try await app.autoMigrate()
    guard let code = signature.unit, let county = try await OrgUnit.query(on: app.db).filter(\.$code == code).first() else {
      throw CommandFailure("--unit must name an existing county company code")
    }
    guard let data = FileManager.default.contents(atPath: signature.file) else {
      throw CommandFailure("cannot read \(signature.file)")
    }
    let bar = StderrProgressBar(label: "roster")
    do {
      let result = try await RosterImport.run(
        data, fileName: (signature.file as NSString).lastPathComponent, countyID: county.id,
        actor: try await Actor.commandLine(on: app.db), on: app.db, now: app.clock.now(), progress: { bar.update($0, $1) })
      let q = result.quality
      context.console.info(
        "\(result.county) roster version \(result.version): \(q.valid) of \(q.total) rows imported; "
          + "valid-list rate \(DisplayFormat.percent(q.validListRate)), completeness \(DisplayFormat.percent(q.completenessRate))")
      for problem in result.problems.prefix(200) {
        context.console.warning("line \(problem.line): \(describe(problem, app.localizer))")
      }
      if result.problems.count > 200 { context.console.warning("… \(result.problems.count - 200) more rejected lines") }
    } catch let error as AppError {
      let localizer = app.localizer
      var text = localizer.text(error.messageKey, locale: "en", args: error.args.map { localizer.text($0, locale: "en") })
      for line in error.lines.prefix(50) {
        text +=
          "\nline \(line.line): "
          + localizer.text(line.key, locale: "en", args: line.args.map { localizer.text($0, locale: "en") })
      }
      throw CommandFailure(text)
    }
  }

  func describe(_ problem: RosterProblem, _ localizer: Localizer) -> String {
    let line = RosterImport.importLine(problem)
    return localizer.text(line.key, locale: "en", args: line.args.map { localizer.text($0, locale: "en") })
  }
}

/// `wanjia survey scores --wave CODE --json`: the wave's scores as the API returns them.
struct SurveyCommands: AsyncCommandGroup {
  var help: String { "Satisfaction survey results." }
  var commands: [String: any AnyAsyncCommand] { ["scores": SurveyScoresCommand(), "score-file": ScoreFileCommand()] }
}

struct SurveyScoresCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Option(name: "wave", help: "Wave code") var wave: String?
    @Flag(name: "json", help: "Print JSON (the same document as GET /api/v1/survey-waves/{id}/scores)") var json: Bool
  }

  var help: String { "Prints a wave's 满意度/满意率 per unit, module, item, segment and channel: survey scores --wave W --json" }

  func run(using context: CommandContext, signature: Signature) async throws {
    let app = context.application
    try await app.autoMigrate()
    guard let code = signature.wave, let wave = try await SurveyWave.query(on: app.db).filter(\.$code == code).first() else {
      throw CommandFailure("--wave must name an existing wave code")
    }
    let scores = try await ScoreService.scores(wave: wave, actor: try await Actor.commandLine(on: app.db), on: app.db)
    let dto = try WaveScoresDTO(scores)
    if signature.json {
      let encoder = JSONCoding.encoder(pretty: true)
      context.console.output(String(decoding: try encoder.encode(dto), as: UTF8.self).consoleText())
      return
    }
    for unit in dto.units {
      let overall = unit.overall.map { String(format: "%.2f", $0.mean) + "  \(DisplayFormat.percent($0.satisfactionRate))  n=\($0.n)" }
      context.console.output("\(unit.code)  \(unit.name)  \(overall ?? "-")  \(unit.target?.outcome ?? "")".consoleText())
    }
  }
}
