import Foundation

@testable import Charts

/// Fixtures shared by more than one suite of this target.
enum ChartFixtures {
  static let quadrants = QuadrantLabels(
    topLeft: "机会区", topRight: "保持区", bottomLeft: "维持区", bottomRight: "重点改进区")

  /// Module names of the bar-chart samples.
  static let modules = ["业扩报装", "抢修服务", "电费电价", "供电质量与可靠性管理评价"]

  static func bar(links: Bool = false) -> BarChart {
    BarChart(
      title: "各模块满意度", description: "2026年各服务模块满意度得分",
      categories: modules,
      series: [
        ChartSeries(
          name: "城区", values: [81.2, 76.5, 69.9, 88],
          links: links ? modules.map { "/orders?module=\($0)&area=城区" } : []),
        ChartSeries(name: "农村", values: [74, 71.3, 80.1, 77.7]),
      ],
      target: 77, targetLabel: "目标", noDataText: "暂无数据")
  }

  static func ipma(links: Bool = false) -> ScatterChart {
    let names = ["抢修及时性", "电费透明度", "热线接通率", "停电通知", "营业厅环境"]
    let points = names.enumerated().map { index, name in
      ScatterPoint(
        label: name, x: 0.1 + Double(index) * 0.02, y: 70 + Double((index * 7) % 15),
        link: links ? "/indicators?name=\(name)&year=2026" : nil)
    }
    return ScatterChart(
      title: "IPMA 分析", points: points, xAxisTitle: "重要性", yAxisTitle: "表现",
      xDivider: 0.14, yDivider: 77, quadrantLabels: ChartFixtures.quadrants)
  }
}
