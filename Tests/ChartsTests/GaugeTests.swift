import Testing

@testable import Charts

@Suite struct GaugeTests {
  static let bands = [
    GaugeBand(from: 0, to: 60, tone: .bad), GaugeBand(from: 60, to: 77, tone: .warning),
    GaugeBand(from: 77, to: 100, tone: .good),
  ]

  @Test("Track, value arc, bands, target marker and value text", arguments: [0.0, 12.5, 81.3, 100, 140, -5])
  func structure(value: Double) {
    let gauge = Gauge(
      title: "总体满意度", value: value, bands: Self.bands, target: 77, caption: "满意度指数",
      link: "/orders?score=<77>&x=1")
    let svg = SVGInspector(gauge.svg(width: 320, height: 200))
    svg.expectValidChart(title: "总体满意度")
    #expect(svg.count("path", class: "track") == 1)
    #expect(svg.count("path", class: "band") == 3)
    #expect(svg.count("line", class: "target") == 1)
    #expect(svg.count("path", class: "value-arc") == (value > 0 ? 1 : 0))
    #expect(svg.count("text", class: "value") == 1)
    #expect(svg.count("a") == 1)
    #expect(svg.elements("a").first?.attributes["href"] == "/orders?score=<77>&x=1")
    #expect(svg.allText.contains("满意度指数"))
  }

  @Test(
    "Missing value or invalid range shows the no-data text",
    arguments: [
      Gauge(title: "g", value: nil, noDataText: "暂无数据"),
      Gauge(title: "g", value: .nan, noDataText: "暂无数据"),
      Gauge(title: "g", value: 5, minimum: 10, maximum: 10, noDataText: "暂无数据"),
      Gauge(title: "g", value: 5, minimum: -1e308, maximum: 1e308, noDataText: "暂无数据"),
    ])
  func noData(gauge: Gauge) {
    let svg = SVGInspector(gauge.svg())
    svg.expectValidChart(title: "g")
    #expect(svg.count("text", class: "no-data") == 1)
    #expect(svg.count("path") == 0)
  }
}
