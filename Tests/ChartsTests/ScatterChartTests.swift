import Testing

@testable import Charts

@Suite struct ScatterChartTests {
  static let quadrants = QuadrantLabels(
    topLeft: "机会区", topRight: "保持区", bottomLeft: "维持区", bottomRight: "重点改进区")

  static func ipma(links: Bool = false) -> ScatterChart {
    let names = ["抢修及时性", "电费透明度", "热线接通率", "停电通知", "营业厅环境"]
    let points = names.enumerated().map { index, name in
      ScatterPoint(
        label: name, x: 0.1 + Double(index) * 0.02, y: 70 + Double((index * 7) % 15),
        link: links ? "/indicators?name=\(name)&year=2026" : nil)
    }
    return ScatterChart(
      title: "IPMA 分析", points: points, xAxisTitle: "重要性", yAxisTitle: "表现",
      xDivider: 0.14, yDivider: 77, quadrantLabels: quadrants)
  }

  @Test("Points, labels, dividers, quadrant labels and axis titles")
  func structure() {
    let svg = SVGInspector(Self.ipma().svg(width: 640, height: 440))
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
    let output = Self.ipma(links: true).svg()
    let svg = SVGInspector(output)
    svg.expectValidChart(title: "IPMA 分析")
    #expect(svg.count("a") == 5)
    #expect(output.contains("&amp;year=2026"))
    #expect(Self.ipma(links: true).svg() == output)
  }
}
