import Foundation

/// One construct (latent variable) of a path model; `rSquared` is shown for endogenous ones.
public struct PathNode: Sendable, Equatable {
  public var name: String
  public var rSquared: Double?

  public init(name: String, rSquared: Double? = nil) {
    self.name = name
    self.rSquared = rSquared
  }
}

/// A structural path with its estimated coefficient.
public struct PathEdge: Sendable, Equatable {
  public var from: String
  public var to: String
  public var coefficient: Double

  public init(from: String, to: String, coefficient: Double) {
    self.from = from
    self.to = to
    self.coefficient = coefficient
  }
}

/// A structural (inner) model: constructs as boxes in columns by path depth (exogenous ones on
/// the left), arrows labelled with their coefficients, R² inside endogenous boxes.
public struct PathDiagram: Sendable, Equatable {
  public var title: String
  public var description: String
  public var nodes: [PathNode]
  public var edges: [PathEdge]
  public var rSquaredLabel: String
  public var coefficientFormat: ValueFormat
  public var noDataText: String

  static let boxWidth = 112.0
  static let boxHeight = 46.0
  static let rowGap = 26.0
  static let columnGap = 80.0
  static let margin = 12.0

  public init(
    title: String, description: String = "", nodes: [PathNode], edges: [PathEdge], rSquaredLabel: String = "R²",
    coefficientFormat: ValueFormat = .init(decimals: 3), noDataText: String = ""
  ) {
    self.title = title
    self.description = description
    self.nodes = nodes
    self.edges = edges
    self.rSquaredLabel = rSquaredLabel
    self.coefficientFormat = coefficientFormat
    self.noDataText = noDataText
  }

  /// Longest-path depth of every node from the sources; relaxation stops after n rounds, so a
  /// (invalid) cyclic model still gets a finite layout.
  func depths() -> [Int] {
    let index = Dictionary(nodes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    var depth = [Int](repeating: 0, count: nodes.count)
    for _ in 0..<nodes.count {
      var changed = false
      for edge in edges {
        guard let f = index[edge.from], let t = index[edge.to], f != t, depth[t] < depth[f] + 1 else { continue }
        depth[t] = min(depth[f] + 1, nodes.count)
        changed = true
      }
      if !changed { break }
    }
    return depth
  }

  /// Top-left corner of every box, and the canvas size: columns never closer than `columnGap`,
  /// room above and below for the detours of arrows that skip columns.
  func layout(width: Double) -> (positions: [(x: Double, y: Double)], width: Double, height: Double) {
    let depth = depths()
    let columns = (depth.max() ?? 0) + 1
    var rows = [Int](repeating: 0, count: columns)
    var row = [Int](repeating: 0, count: nodes.count)
    for k in nodes.indices {
      row[k] = rows[depth[k]]
      rows[depth[k]] += 1
    }
    // Room above and below the boxes for the detours of arrows that skip columns, and their labels.
    let heights = detours(depth: depth).values.map(\.height)
    let arcRoom = heights.max().map { max($0 - Self.boxHeight / 2 + 16, 0) } ?? 0
    let tallest = Double(rows.max() ?? 1)
    let height = 2 * (Self.margin + arcRoom) + tallest * Self.boxHeight + (tallest - 1) * Self.rowGap
    let needed = 2 * Self.margin + Double(columns) * Self.boxWidth + Double(columns - 1) * Self.columnGap
    let w = max(width, needed)
    let span = w - 2 * Self.margin - Self.boxWidth
    let positions = nodes.indices.map { k -> (x: Double, y: Double) in
      let x = columns > 1 ? Self.margin + span * Double(depth[k]) / Double(columns - 1) : (w - Self.boxWidth) / 2
      // Centre each column vertically.
      let used = Double(rows[depth[k]]) * Self.boxHeight + Double(rows[depth[k]] - 1) * Self.rowGap
      let top = (height - used) / 2
      return (x, top + Double(row[k]) * (Self.boxHeight + Self.rowGap))
    }
    return (positions, w, height)
  }

  public func svg(width: Int = 760) -> String {
    let w = Double(max(width, Int(Self.boxWidth + 2 * Self.margin)))
    guard !nodes.isEmpty else {
      return SVGBuilder.emptyDocument(
        width: w, height: 120, title: title, description: description, kind: "path", noDataText: noDataText)
    }
    let (positions, canvasWidth, height) = layout(width: w)
    let index = Dictionary(nodes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    let routes = detours(depth: depths())
    var svg = SVGBuilder()
    svg.open("g", [("class", "paths")])
    for (k, edge) in edges.enumerated() {
      guard let f = index[edge.from], let t = index[edge.to], f != t else { continue }
      drawEdge(edge, route: route(from: positions[f], to: positions[t], detour: routes[k]), into: &svg)
    }
    svg.close("g")
    svg.open("g", [("class", "constructs")])
    for (k, node) in nodes.enumerated() { drawNode(node, at: positions[k], into: &svg) }
    svg.close("g")
    return SVGBuilder.document(
      width: canvasWidth, height: height, title: title, description: description, kind: "path", body: svg.markup)
  }

  private func drawNode(_ node: PathNode, at p: (x: Double, y: Double), into svg: inout SVGBuilder) {
    svg.element(
      "rect",
      [
        ("class", "construct"), ("x", num(p.x)), ("y", num(p.y)), ("width", num(Self.boxWidth)),
        ("height", num(Self.boxHeight)), ("rx", "6"), ("fill", "#ffffff"), ("stroke", ChartTheme.seriesColor(0)),
        ("stroke-width", "1.5"),
      ], tooltip: node.name)
    let centre = p.x + Self.boxWidth / 2
    let hasR2 = node.rSquared?.isFinite == true
    svg.fittedText(
      node.name, maxWidth: Self.boxWidth - 10, fontSize: ChartTheme.fontSize,
      [
        ("class", "construct-name"), ("x", num(centre)), ("y", num(p.y + (hasR2 ? 19 : 27))), ("text-anchor", "middle"),
        ("font-weight", "bold"),
      ])
    if let r2 = node.rSquared, r2.isFinite {
      svg.text(
        "\(rSquaredLabel) = \(FixedDecimal.format(r2, decimals: 3))",
        [
          ("class", "r-squared"), ("x", num(centre)), ("y", num(p.y + 36)), ("text-anchor", "middle"),
          ("font-size", num(ChartTheme.smallFontSize)), ("fill", ChartTheme.mutedText),
        ])
    }
  }

  private func drawEdge(_ edge: PathEdge, route: Route, into svg: inout SVGBuilder) {
    let finite = edge.coefficient.isFinite
    let color = !finite ? ChartTheme.neutral : edge.coefficient < 0 ? ChartTheme.bad : ChartTheme.seriesColor(0)
    let strength = finite ? min(abs(edge.coefficient), 1) : 0
    let label = finite ? coefficientFormat.string(edge.coefficient) : "–"
    let tooltip = "\(edge.from) → \(edge.to): \(label)"
    svg.element(
      "polyline",
      [
        ("class", "path-arrow"), ("points", route.points.map { "\(num($0.x)),\(num($0.y))" }.joined(separator: " ")),
        ("fill", "none"), ("stroke", color), ("stroke-width", num(1 + 2.5 * strength)),
      ], tooltip: tooltip)
    // Arrowhead as a polygon along the last segment (no marker ids that could clash between
    // diagrams on one page).
    let end = route.points[route.points.count - 1]
    let before = route.points[route.points.count - 2]
    let length = max(hypot(end.x - before.x, end.y - before.y), 0.001)
    let (ux, uy) = ((end.x - before.x) / length, (end.y - before.y) / length)
    let (bx, by) = (end.x - 9 * ux, end.y - 9 * uy)
    let head = [(end.x, end.y), (bx - 4.5 * uy, by + 4.5 * ux), (bx + 4.5 * uy, by - 4.5 * ux)]
    svg.empty(
      "polygon",
      [("class", "arrowhead"), ("points", head.map { "\(num($0.0)),\(num($0.1))" }.joined(separator: " ")), ("fill", color)])
    svg.text(
      label,
      [
        ("class", "path-coefficient"), ("x", num(route.label.x)), ("y", num(route.label.y - 3)), ("text-anchor", "middle"),
        ("font-size", num(ChartTheme.smallFontSize)), ("stroke", "#ffffff"), ("stroke-width", "3"),
        ("paint-order", "stroke"),
      ], tooltip: tooltip)
  }
}
