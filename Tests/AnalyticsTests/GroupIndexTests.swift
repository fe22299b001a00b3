import Foundation
import Testing

@testable import Analytics

@Suite struct GroupIndexTests {
  static var scale: IndicatorScale { get throws { try IndicatorScale(minimum: 0, maximum: 10) } }

  @Test("Rule AN-CSI-GROUPS: with one-indicator blocks the group index is the group's mean on 0–100 (hand-computed: u 20, v 55)")
  func handComputed() throws {
    // X and Y are single indicators, so w̃ = 1 and the index is just the rescaled mean.
    let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    let y: [Double] = [2, 1, 4, 3, 6, 5, 8, 9]
    let data = try Dataset(columnNames: ["x1", "y1"], completeColumns: [x, y])
    let model = PLSModel(
      constructs: [ConstructSpec(name: "X", indicators: ["x1"]), ConstructSpec(name: "Y", indicators: ["y1"])],
      paths: [StructuralPath(from: "X", to: "Y")])
    let fit = try PLSEstimator.estimate(model: model, data: data)
    let labels: [String?] = ["u", "u", "u", "v", "v", "v", "v", nil]
    let groups = try CSIIndex.groups(fit, scale: try Self.scale, labels: labels)
    #expect(groups.map(\.label) == ["u", "v"])
    #expect(groups.map(\.count) == [3, 4])
    expectClose(groups[0].index[0], 20, 1e-12, "X in u = mean(1,2,3)·10")
    expectClose(groups[1].index[0], 55, 1e-12, "X in v = mean(4,5,6,7)·10")
    expectClose(groups[0].index[1], 70.0 / 3, 1e-12, "Y in u = mean(2,1,4)·10")
    expectClose(groups[1].index[1], 55, 1e-12, "Y in v = mean(3,6,5,8)·10")
  }

  @Test("Rule AN-CSI-GROUPS: each group's index equals the index of that group's rows alone (its respondents' mean, the model's weights)")
  func groupRowsAlone() throws {
    let data = try Fixtures.dataset("satisfaction.csv")
    let fit = try PLSEstimator.estimate(model: ECSIModels.satisfaction, data: data)
    let text = try Fixtures.text("satisfaction.csv").split(whereSeparator: \.isNewline).dropFirst()
    let gender: [String?] = try text.map { String(try #require($0.split(separator: ",").last)) }
    let groups = try CSIIndex.groups(fit, scale: try Self.scale, labels: gender)
    let indices = try CSIIndex.compute(fit, scale: try Self.scale)
    #expect(groups.map(\.label) == ["female", "male"])
    #expect(groups.map(\.count).reduce(0, +) == data.rowCount)
    for group in groups {
      let rows = gender.indices.filter { gender[$0] == group.label }
      #expect(rows.count == group.count)
      for (l, ci) in indices.enumerated() {
        // The index formula applied to the group's rows alone: Σ w̃ · mean over those rows.
        var alone = 0.0
        for (k, name) in ci.indicators.enumerated() {
          let column = try data.column(named: name)
          let sum = try rows.reduce(0.0) { total, row in total + (try #require(column[row])) }
          alone += ci.normalizedWeights[k] * sum / Double(rows.count)
        }
        expectClose(group.index[l], alone * 10, 1e-10, "\(group.label) \(ci.construct)")
        let respondents = rows.reduce(0.0) { $0 + ci.respondentScores[$1] } / Double(rows.count)
        expectClose(group.index[l], respondents, 1e-10, "\(group.label) \(ci.construct) respondents")
      }
    }
    let old = try CSIIndex.byGroup(fit, scale: try Self.scale, groups: gender.compactMap { $0 })
    for group in groups {
      for (l, name) in fit.constructNames.enumerated() { expectClose(group.index[l], try #require(old[group.label]?[name]), 1e-10, name) }
    }
  }

  @Test("Rule AN-CSI-GROUPS: case weights weight the group means; a label count that differs from the rows is rejected")
  func weightsAndSizes() throws {
    let x: [Double] = [1, 2, 3, 4, 5, 6]
    let y: [Double] = [2, 1, 4, 3, 6, 5]
    let data = try Dataset(columnNames: ["x1", "y1"], completeColumns: [x, y])
    let model = PLSModel(
      constructs: [ConstructSpec(name: "X", indicators: ["x1"]), ConstructSpec(name: "Y", indicators: ["y1"])],
      paths: [StructuralPath(from: "X", to: "Y")])
    let fit = try PLSEstimator.estimate(model: model, data: data, settings: PLSSettings(caseWeights: [1, 3, 1, 1, 1, 2]))
    let groups = try CSIIndex.groups(fit, scale: try Self.scale, labels: ["a", "a", "a", "b", "b", "b"])
    expectClose(groups[0].index[0], (1 + 6 + 3) / 5.0 * 10, 1e-12, "weighted mean of a")
    expectClose(groups[1].index[0], (4 + 5 + 12) / 4.0 * 10, 1e-12, "weighted mean of b")
    #expect(throws: AnalyticsError.self) { try CSIIndex.groups(fit, scale: try Self.scale, labels: ["a"]) }
  }
}
