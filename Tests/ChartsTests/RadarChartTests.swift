import Testing

@testable import Charts

@Suite struct RadarChartTests {
  static let modules = ["业扩报装", "抢修服务", "电费电价", "供电可靠性", "营业厅服务", "95598热线", "停电信息", "用电检查"]

  @Test("3, 8 and 12 axes: spokes, rings, one polygon and marker per value", arguments: [3, 8, 12])
  func structure(axisCount: Int) {
    let axes = (0..<axisCount).map { Self.modules[$0 % 8] + "\($0)" }
    let chart = RadarChart(
      title: "模块得分", axes: axes,
      series: [
        ChartSeries(name: "2025", values: axes.indices.map { 60 + Double($0 * 3) }),
        ChartSeries(name: "2026", values: axes.indices.map { 100 - Double($0 * 2) }),
      ], gridLevels: 5)
    let svg = SVGInspector(chart.svg(width: 480, height: 400))
    svg.expectValidChart(title: "模块得分")
    #expect(svg.count("line", class: "spoke") == axisCount)
    #expect(svg.count("polygon", class: "grid-ring") == 5)
    #expect(svg.count("polygon", class: "area") == 2)
    #expect(svg.count("circle", class: "point") == axisCount * 2)
    #expect(svg.count("text", class: "axis-label") == axisCount)
  }

  @Test("Values outside the range are pinned to the grid; missing values get no marker")
  func outOfRange() {
    let chart = RadarChart(
      title: "r", axes: Array(Self.modules.prefix(4)),
      series: [ChartSeries(name: "s", values: [150, -20, nil, .infinity], links: ["/x?a=1&b=2"])])
    let svg = SVGInspector(chart.svg())
    svg.expectValidChart(title: "r")
    #expect(svg.count("circle", class: "point") == 2)
    #expect(svg.count("a") == 1)
  }

  @Test("Fewer than three axes shows the caller's no-data text")
  func tooFewAxes() {
    let chart = RadarChart(
      title: "r", axes: ["甲", "乙"], series: [ChartSeries(name: "s", values: [1, 2])], noDataText: "暂无数据")
    let svg = SVGInspector(chart.svg())
    svg.expectValidChart(title: "r")
    #expect(svg.count("text", class: "no-data") == 1)
    #expect(svg.allText.contains("暂无数据"))
  }

  @Test("An invalid range falls back to one derived from the data")
  func invalidRange() {
    let chart = RadarChart(
      title: "r", axes: ["甲", "乙", "丙"], series: [ChartSeries(name: "s", values: [1, 2, 3])],
      minimum: 5, maximum: 5)
    SVGInspector(chart.svg()).expectValidChart(title: "r")
  }
}
