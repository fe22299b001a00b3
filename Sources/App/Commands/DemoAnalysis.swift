import Domain
import Fluent
import Foundation
import Vapor

/// Demo analysis runs, saved by the demo analyst: the CSI model on this year's wave and an AHP
/// weighting of the eight service modules.
enum DemoAnalysis {
  /// Rough priorities the judgments are derived from (stability and safety first).
  static let modulePriorities: [(ServiceModule, Double)] = [
    (.stability, 0.22), (.safety, 0.18), (.billing, 0.10), (.businessHandling, 0.10), (.hall, 0.06),
    (.hotline95598, 0.12), (.communication, 0.08), (.problemHandling, 0.14),
  ]

  static func seed(_ app: Application, now: Date) async throws {
    let db = app.db
    let actor = try await analyst(on: db)
    let scope = try await AnalysisScope.of(actor, on: db)
    let waves = try await WaveService.list(on: db)
    if let current = waves.max(by: { $0.year < $1.year }) {
      // Grouped by unit with an interval, so the demo run shows every part of the page.
      let request = CSIRuns.WaveRequest(waveId: current.id?.uuidString, groupBy: "unit", bootstrap: "200")
      let csi = try await CSIRuns.fromWave(request, scope: scope, app: app, on: db)
      _ = try await AnalysisRunService.save(csi, title: "\(current.name) CSI 模型", scope: scope, actor: actor, on: db, now: now)
    }
    let names = modulePriorities.map { app.localizer.text("module.\($0.0.rawValue)", locale: Localizer.defaultLocale) }
    let ahp = try AHPRuns.result(criteria: names, matrix: judgments(modulePriorities.map(\.1)))
    _ = try await AnalysisRunService.save(ahp, title: "八大服务模块权重（AHP）", scope: scope, actor: actor, on: db, now: now)
  }

  /// Saaty judgments nearest to the ratios of the priorities: about consistent, as a careful
  /// expert panel would give. Upper triangle rounded, lower triangle its exact reciprocal.
  static func judgments(_ weights: [Double]) -> [[Double]] {
    let n = weights.count
    var rows = Array(repeating: Array(repeating: 1.0, count: n), count: n)
    for i in 0..<n {
      for j in (i + 1)..<max(n, i + 1) {
        let ratio = weights[i] / weights[j]
        let judgment = ratio >= 1 ? min(9, ratio.rounded()) : 1 / min(9, (1 / ratio).rounded())
        rows[i][j] = judgment
        rows[j][i] = 1 / judgment
      }
    }
    return rows
  }

  static func analyst(on db: any Database) async throws -> Actor {
    if let user = try await User.query(on: db).filter(\.$username == Role.analyst.rawValue).with(\.$unit).first() {
      return try user.actor
    }
    return try await Actor.commandLine(on: db)
  }
}
