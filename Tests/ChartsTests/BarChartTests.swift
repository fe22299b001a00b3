import Testing

@testable import Charts

@Suite struct BarChartTests {
  @Test("Well-formed, bars = categories × series, one label per category")
  func structure() {
    let svg = SVGInspector(ChartFixtures.bar().svg(width: 640, height: 360))
    svg.expectValidChart(title: "各模块满意度")
    #expect(svg.count("rect", class: "bar") == 8)
    #expect(svg.count("text", class: "category") == 4)
    #expect(svg.count("text", class: "value") == 8)
    #expect(svg.count("g", class: "target") == 1)
    #expect(svg.allText.contains("目标 77.0"))
    #expect(svg.root?.attributes["viewBox"] == "0 0 640 360")
  }

  @Test("Long category keeps its full text in a <title>")
  func truncatedCategory() {
    let svg = SVGInspector(ChartFixtures.bar().svg(width: 320, height: 240))
    svg.expectValidChart(title: "各模块满意度")
    #expect(svg.allText.contains("供电质量与可靠性管理评价"))
    #expect(svg.allText.contains("…"))
  }

  @Test("Links wrap bars and are escaped")
  func links() {
    let output = ChartFixtures.bar(links: true).svg(width: 640, height: 360)
    let svg = SVGInspector(output)
    #expect(svg.isWellFormed)
    #expect(svg.count("a") == 4)
    #expect(svg.elements("a").first?.attributes["href"] == "/orders?module=业扩报装&area=城区")
    #expect(output.contains("module=业扩报装&amp;area=城区"))
  }

  @Test("Negative values grow downwards from the zero line")
  func negatives() throws {
    let chart = BarChart(
      title: "同比变化", categories: ["一月", "二月"], series: [ChartSeries(name: "变化", values: [-12.5, 30])])
    let svg = SVGInspector(chart.svg(width: 400, height: 300))
    svg.expectValidChart(title: "同比变化")
    let bars = svg.elements("rect", class: "bar")
    #expect(bars.count == 2)
    // Both bars start at the zero line: the negative bar's top equals the positive bar's bottom.
    let negativeTop = try #require(Double(bars[0].attributes["y"] ?? ""))
    let positiveBottom = try #require(Double(bars[1].attributes["y"] ?? "")) + (try #require(Double(bars[1].attributes["height"] ?? "")))
    #expect(abs(negativeTop - positiveBottom) < 0.02)
    #expect(svg.allText.contains("-12.5"))
  }

  @Test("Escapes markup characters in every caller text")
  func escaping() {
    let chart = BarChart(
      title: #"A<B & "C""#, description: "x<y", categories: [#"<script>&"x""#],
      series: [ChartSeries(name: #"s<&">"#, values: [1])], targetLabel: "t&")
    let output = chart.svg()
    let svg = SVGInspector(output)
    svg.expectValidChart(title: #"A<B & "C""#)
    #expect(!output.contains("<script>"))
    #expect(svg.allText.contains(#"<script>&"x""#))
  }

  @Test("Same input gives byte-identical output")
  func deterministic() {
    #expect(ChartFixtures.bar(links: true).svg() == ChartFixtures.bar(links: true).svg())
  }
}
