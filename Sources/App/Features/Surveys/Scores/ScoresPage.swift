import Charts
import Domain
import Foundation

/// A wave's results for one unit: overall score against targets, the eight modules (radar),
/// subordinate units (bars with targets), year trend, segments, channels, answer distributions.
struct ScoresPage: Encodable {
  struct Figure: Encodable {
    let labelKey: String
    let mean: String
    let meanCI: String
    let rate: String
    let rateCI: String
    let n: Int
    let small: Bool
  }
  struct UnitRow: Encodable {
    let name: String
    let href: String
    let figure: Figure
    let assessment: String
    let stretch: String
    let outcomeKey: String
    let change: String
  }
  struct Distribution: Encodable {
    let code: String
    let text: String
    let figure: Figure
    let shares: [String]
  }
  let chrome: Chrome
  let waveName: String
  let waveCode: String
  let unitName: String
  let units: [Choice]
  let hasData: Bool
  let overall: Figure?
  let assessment: String
  let stretch: String
  let outcomeKey: String
  let change: String
  let modules: [Figure]
  let segments: [Figure]
  let channels: [Figure]
  let children: [UnitRow]
  let scaleLabels: [String]
  let items: [Distribution]
  let radarChart: ChartView
  let unitChart: ChartView
  let trendChart: ChartView
  let waveHref: String
}

extension ScoresPage.Figure {
  init(labelKey: String, _ accumulator: ScoreAccumulator?) {
    let s = accumulator?.summary()
    self.init(
      labelKey: labelKey, mean: s.map { DisplayFormat.score($0.mean) } ?? "–",
      meanCI: s.map { "\(DisplayFormat.score($0.meanCI.low))–\(DisplayFormat.score($0.meanCI.high))" } ?? "",
      rate: s.map { DisplayFormat.percent($0.satisfactionRate) } ?? "–",
      rateCI: s.map { "\(DisplayFormat.percent($0.rateCI.low))–\(DisplayFormat.percent($0.rateCI.high))" } ?? "",
      n: s?.n ?? 0, small: s?.smallSample ?? false)
  }
}
