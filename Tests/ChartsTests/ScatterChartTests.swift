import Testing

@testable import Charts

@Suite struct ScatterChartTests {
  @Test("Points, labels, dividers, quadrant labels and axis titles")
  func structure() {
    let svg = SVGInspector(ChartFixtures.ipma().svg(width: 640, height: 440))
    svg.expectValidChart(title: "IPMA 分析")
    #expect(svg.count("circle", class: "point") == 5)
    #expect(svg.count("text", class: "point-label") == 5)
    #expect(svg.count("line", class: "divider") == 2)
    #expect(svg.count("text", class: "quadrant") == 4)
    #expect(svg.count("text", class: "axis-title") == 2)
    for label in ["重点改进区", "保持区", "机会区", "维持区", "重要性", "表现"] {
      #expect(svg.allText.contains(label))
    }
  }

  @Test("Points with NaN or infinite coordinates are skipped")
  func skipsNonFinite() {
    let chart = ScatterChart(
      title: "s",
      points: [
        ScatterPoint(label: "a", x: 1, y: 2), ScatterPoint(label: "b", x: .nan, y: 2),
        ScatterPoint(label: "c", x: 3, y: -.infinity),
      ], xDivider: .nan, yDivider: .infinity)
    let svg = SVGInspector(chart.svg())
    svg.expectValidChart(title: "s")
    #expect(svg.count("circle", class: "point") == 1)
    #expect(svg.count("line", class: "divider") == 0)
  }

  @Test("Links wrap points and stay escaped")
  func links() {
    let output = ChartFixtures.ipma(links: true).svg()
    let svg = SVGInspector(output)
    svg.expectValidChart(title: "IPMA 分析")
    #expect(svg.count("a") == 5)
    #expect(output.contains("&amp;year=2026"))
    #expect(ChartFixtures.ipma(links: true).svg() == output)
  }
}
