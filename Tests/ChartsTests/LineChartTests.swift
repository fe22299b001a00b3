import Testing

@testable import Charts

@Suite struct LineChartTests {
  static let months = (1...6).map { "\($0)月" }

  @Test("One marker per present value, one legend entry per series")
  func structure() {
    let chart = LineChart(
      title: "月度满意度", xLabels: Self.months,
      series: [
        ChartSeries(name: "城区", values: [78, 79.5, 80, 81, 82, 83]),
        ChartSeries(name: "农村", values: [70, 71, 72, 73, 74, 75]),
      ], target: 77)
    let svg = SVGInspector(chart.svg(width: 640, height: 360))
    svg.expectValidChart(title: "月度满意度")
    #expect(svg.count("circle", class: "point") == 12)
    #expect(svg.count("path", class: "line") == 2)
    #expect(svg.count("rect", class: nil) >= 2)  // legend swatches
    #expect(svg.allText.contains("城区") && svg.allText.contains("农村"))
    #expect(svg.count("text", class: "category") == 6)
  }

  @Test("Missing values break the line into separate paths")
  func gaps() {
    let chart = LineChart(
      title: "断点", xLabels: Self.months,
      series: [ChartSeries(name: "满意度", values: [78, 79, nil, 80, .nan, 82])])
    let svg = SVGInspector(chart.svg())
    svg.expectValidChart(title: "断点")
    #expect(svg.count("circle", class: "point") == 4)
    // [78, 79] is a path; [80] and [82] are lone markers.
    #expect(svg.count("path", class: "line") == 1)
  }

  @Test("Many x labels are thinned instead of overlapping")
  func thinning() {
    let labels = (1...36).map { "2026年\($0)月" }
    let chart = LineChart(
      title: "三年", xLabels: labels,
      series: [ChartSeries(name: "s", values: labels.indices.map { Double($0) })])
    let svg = SVGInspector(chart.svg(width: 400, height: 300))
    svg.expectValidChart(title: "三年")
    #expect(svg.count("text", class: "category") < 36)
    #expect(svg.count("circle", class: "point") == 36)
  }

  @Test("Links wrap markers")
  func links() {
    let chart = LineChart(
      title: "l", xLabels: ["1月", "2月"],
      series: [ChartSeries(name: "s", values: [1, 2], links: ["/o?m=1&a=\"b\"", nil])])
    let output = chart.svg()
    let svg = SVGInspector(output)
    svg.expectValidChart(title: "l")
    #expect(svg.count("a") == 1)
    #expect(svg.elements("a").first?.attributes["href"] == "/o?m=1&a=\"b\"")
    #expect(chart.svg() == output)
  }
}
