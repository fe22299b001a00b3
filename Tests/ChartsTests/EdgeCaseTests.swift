import Testing

@testable import Charts

/// A named chart rendering, so parameterized tests report which case failed.
struct RenderCase: Sendable, CustomTestStringConvertible {
  let name: String
  let render: @Sendable () -> String
  var testDescription: String { name }
}

@Suite struct EdgeCaseTests {
  static let noData = "暂无数据"
  static let months = ["1月", "2月", "3月"]

  /// The same awkward inputs through every chart type.
  static func cases(_ label: String, values: [Double?]) -> [RenderCase] {
    let categories = values.indices.map { "类别\($0)" }
    let series = [ChartSeries(name: "s", values: values)]
    return [
      RenderCase(name: "bar \(label)") {
        BarChart(title: "t", categories: categories, series: series, target: 77, noDataText: noData).svg()
      },
      RenderCase(name: "line \(label)") {
        LineChart(title: "t", xLabels: categories, series: series, noDataText: noData).svg()
      },
      RenderCase(name: "radar \(label)") {
        RadarChart(
          title: "t", axes: categories.count >= 3 ? categories : ["甲", "乙", "丙"], series: series,
          noDataText: noData
        ).svg()
      },
      RenderCase(name: "scatter \(label)") {
        let points = values.enumerated().map { ScatterPoint(label: "p\($0)", x: $1 ?? .nan, y: ($1 ?? .nan) * 2) }
        return ScatterChart(title: "t", points: points, xDivider: values.first ?? nil, noDataText: noData).svg()
      },
      RenderCase(name: "gauge \(label)") {
        Gauge(title: "t", value: values.first ?? nil, target: values.last ?? nil, noDataText: noData).svg()
      },
    ]
  }

  static let all: [RenderCase] =
    cases("empty", values: []) + cases("all zero", values: [0, 0, 0])
    + cases("single point", values: [42]) + cases("huge range", values: [-1e300, 1e300, 5])
    + cases("max magnitude", values: [-.greatestFiniteMagnitude, .greatestFiniteMagnitude])
    + cases("tiny values", values: [1e-12, 2e-12, 3e-12])
    + cases("nan and inf", values: [.nan, .infinity, -.infinity, nil])
    + cases("mixed", values: [.nan, 12, nil, -3])

  @Test("Edge cases render well-formed SVG inside the viewBox with no NaN/inf", arguments: all)
  func renders(_ chart: RenderCase) {
    let output = chart.render()
    SVGInspector(output).expectValidChart(title: "t")
    #expect(chart.render() == output, "not deterministic")
  }

  @Test("Empty data shows only the caller's no-data text", arguments: cases("empty", values: []) + cases("nan", values: [.nan]))
  func emptyShowsMessage(_ chart: RenderCase) {
    let svg = SVGInspector(chart.render())
    #expect(svg.count("text", class: "no-data") == 1)
    #expect(svg.allText.contains(Self.noData))
    #expect(svg.count("circle") + svg.count("path") + svg.count("rect") == 0)
  }

  @Test("Absurd canvas sizes are clamped to something drawable")
  func canvasSize() {
    let chart = BarChart(title: "t", categories: ["甲"], series: [ChartSeries(name: "s", values: [1])])
    for (width, height) in [(0, 0), (-10, 50), (100_000, 100_000)] {
      let svg = SVGInspector(chart.svg(width: width, height: height))
      svg.expectValidChart(title: "t")
      #expect(svg.viewBox.width >= 160 && svg.viewBox.width <= 4000)
    }
  }

  @Test("Series longer or shorter than the categories do not crash")
  func mismatchedLengths() {
    let chart = BarChart(
      title: "t", categories: Self.months,
      series: [ChartSeries(name: "a", values: [1]), ChartSeries(name: "b", values: [1, 2, 3, 4, 5])])
    let svg = SVGInspector(chart.svg())
    svg.expectValidChart(title: "t")
    #expect(svg.count("rect", class: "bar") == 4)
  }

  @Test("Many series with long names on a small canvas stay inside the viewBox")
  func crowded() {
    let names = (0..<40).map { "第\($0)供电所客户服务中心" }
    let series = names.map { ChartSeries(name: $0, values: [1, 2, 3, 4]) }
    let axes = (0..<12).map { "供电服务模块名称很长的第\($0)项" }
    let outputs = [
      BarChart(title: "t", categories: Array(axes.prefix(4)), series: series).svg(width: 200, height: 150),
      LineChart(title: "t", xLabels: Array(axes.prefix(4)), series: series).svg(width: 200, height: 150),
      RadarChart(title: "t", axes: axes, series: series).svg(width: 200, height: 150),
    ]
    for output in outputs {
      let svg = SVGInspector(output)
      svg.expectValidChart(title: "t")
      #expect(svg.count("g", class: "legend") == 1)
    }
  }
}
