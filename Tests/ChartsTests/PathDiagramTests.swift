import Testing

@testable import Charts

@Suite struct PathDiagramTests {
  /// The ECSI model: image → expectation → quality → value → satisfaction → complaint → loyalty.
  static let ecsi: PathDiagram = {
    let paths: [(String, String, Double)] = [
      ("形象", "期望", 0.50), ("形象", "满意", 0.18), ("形象", "忠诚", 0.20), ("期望", "感知质量", 0.56),
      ("期望", "感知价值", 0.06), ("期望", "满意", 0.06), ("感知质量", "感知价值", 0.56), ("感知质量", "满意", 0.46),
      ("感知价值", "满意", 0.20), ("满意", "抱怨", 0.53), ("满意", "忠诚", 0.48), ("抱怨", "忠诚", -0.07),
    ]
    let r2: [String: Double] = ["期望": 0.25, "感知质量": 0.31, "感知价值": 0.34, "满意": 0.67, "抱怨": 0.28, "忠诚": 0.46]
    let names = ["形象", "期望", "感知质量", "感知价值", "满意", "抱怨", "忠诚"]
    return PathDiagram(
      title: "路径图", nodes: names.map { PathNode(name: $0, rSquared: r2[$0]) },
      edges: paths.map { PathEdge(from: $0.0, to: $0.1, coefficient: $0.2) })
  }()

  @Test("Boxes, arrows with coefficients and R² of the endogenous constructs")
  func structure() {
    let svg = SVGInspector(Self.ecsi.svg())
    svg.expectValidChart(title: "路径图")
    #expect(svg.count("rect", class: "construct") == 7)
    #expect(svg.count("polyline", class: "path-arrow") == 12)
    #expect(svg.count("polygon", class: "arrowhead") == 12)
    #expect(svg.count("text", class: "path-coefficient") == 12)
    #expect(svg.count("text", class: "r-squared") == 6)
    #expect(svg.allText.contains("0.460"))
    #expect(svg.allText.contains("-0.070"))
    #expect(svg.allText.contains("R² = 0.670"))
  }

  @Test("Columns follow path depth: sources left, every arrow points right")
  func layoutByDepth() throws {
    let diagram = Self.ecsi
    #expect(diagram.depths() == [0, 1, 2, 3, 4, 5, 6])
    let svg = SVGInspector(diagram.svg())
    for arrow in svg.elements("polyline", class: "path-arrow") {
      let xs = (arrow.attributes["points"] ?? "").split(separator: " ").compactMap { Double($0.split(separator: ",")[0]) }
      #expect(try #require(xs.last) > (try #require(xs.first)))
    }
    // Arrows that skip columns are arcs (many points), the others straight (two points).
    let pointCounts = svg.elements("polyline", class: "path-arrow").map { ($0.attributes["points"] ?? "").split(separator: " ").count }
    #expect(pointCounts.filter { $0 == 2 }.count == 6)
    let boxes = svg.elements("rect", class: "construct").map { Double($0.attributes["x"] ?? "") ?? .nan }
    #expect(boxes == boxes.sorted())
  }

  @Test("Constructs at the same depth share a column, one below the other")
  func sharedColumn() {
    let diagram = PathDiagram(
      title: "t", nodes: [PathNode(name: "A"), PathNode(name: "B"), PathNode(name: "C", rSquared: 0.4)],
      edges: [PathEdge(from: "A", to: "C", coefficient: 0.3), PathEdge(from: "B", to: "C", coefficient: 0.5)])
    #expect(diagram.depths() == [0, 0, 1])
    let svg = SVGInspector(diagram.svg(width: 400))
    svg.expectValidChart(title: "t")
    let rects = svg.elements("rect", class: "construct")
    #expect(rects[0].attributes["x"] == rects[1].attributes["x"])
    #expect(rects[0].attributes["y"] != rects[1].attributes["y"])
  }

  @Test("A cycle, unknown names and NaN coefficients still give a valid chart; no nodes gives the message")
  func edgeCases() {
    let cyclic = PathDiagram(
      title: "c", nodes: [PathNode(name: "A"), PathNode(name: "B", rSquared: .nan)],
      edges: [
        PathEdge(from: "A", to: "B", coefficient: .nan), PathEdge(from: "B", to: "A", coefficient: 0.2),
        PathEdge(from: "A", to: "Z", coefficient: 1),
      ])
    let svg = SVGInspector(cyclic.svg())
    svg.expectValidChart(title: "c")
    #expect(svg.count("polyline", class: "path-arrow") == 2)
    #expect(svg.count("text", class: "r-squared") == 0)
    let empty = SVGInspector(PathDiagram(title: "e", nodes: [], edges: [], noDataText: "暂无数据").svg())
    empty.expectValidChart(title: "e")
    #expect(empty.allText.contains("暂无数据"))
  }
}
