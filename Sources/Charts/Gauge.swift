import Foundation

/// A coloured range behind the gauge, e.g. 0–60 bad, 60–77 warning, 77–100 good.
public struct GaugeBand: Sendable, Equatable {
  /// Meaning rather than raw colour, so all colours stay in `ChartTheme`.
  public enum Tone: Sendable, Equatable {
    case good, warning, bad, neutral
  }

  public var from: Double
  public var to: Double
  public var tone: Tone

  public init(from: Double, to: Double, tone: Tone) {
    self.from = from
    self.to = to
    self.tone = tone
  }
}

/// A half-circle gauge for one value in `minimum...maximum`.
public struct Gauge: Sendable, Equatable {
  public var title: String
  public var description: String
  public var value: Double?
  public var minimum: Double
  public var maximum: Double
  public var bands: [GaugeBand]
  public var target: Double?
  public var valueFormat: ValueFormat
  /// Caption under the value, e.g. the indicator name (caller-localised).
  public var caption: String?
  public var link: String?
  public var noDataText: String

  public init(
    title: String, description: String = "", value: Double?, minimum: Double = 0,
    maximum: Double = 100, bands: [GaugeBand] = [], target: Double? = nil,
    valueFormat: ValueFormat = .oneDecimal, caption: String? = nil, link: String? = nil,
    noDataText: String = ""
  ) {
    self.title = title
    self.description = description
    self.value = value
    self.minimum = minimum
    self.maximum = maximum
    self.bands = bands
    self.target = target
    self.valueFormat = valueFormat
    self.caption = caption
    self.link = link
    self.noDataText = noDataText
  }

  public func svg(width: Int = 320, height: Int = 200) -> String {
    let canvas = ChartCanvas(width: width, height: height)
    guard let value, value.isFinite, minimum.isFinite, maximum.isFinite, maximum > minimum,
      (maximum - minimum).isFinite
    else {
      return SVGBuilder.emptyDocument(
        width: canvas.width, height: canvas.height, title: title, description: description,
        kind: "gauge", noDataText: noDataText)
    }
    let geometry = Geometry(canvas: canvas)
    let thickness = max(geometry.radius * 0.18, 6)
    let trackRadius = geometry.radius - thickness / 2
    var svg = SVGBuilder()
    svg.open("g", [("class", "bands")])
    for band in bands where band.from.isFinite && band.to.isFinite {
      let start = fraction(min(band.from, band.to))
      let end = fraction(max(band.from, band.to))
      guard end > start else { continue }
      svg.empty(
        "path",
        [
          ("class", "band"), ("d", geometry.arc(from: start, to: end, radius: geometry.radius + 5)),
          ("fill", "none"), ("stroke", ChartTheme.color(for: band.tone)), ("stroke-width", "4"),
        ])
    }
    svg.close("g")
    svg.empty(
      "path",
      [
        ("class", "track"), ("d", geometry.arc(from: 0, to: 1, radius: trackRadius)),
        ("fill", "none"), ("stroke", ChartTheme.track), ("stroke-width", num(thickness)),
      ])
    let valueText = valueFormat.string(value)
    svg.linked(link) { svg in
      if fraction(value) > 0 {
        svg.element(
          "path",
          [
            ("class", "value-arc"), ("d", geometry.arc(from: 0, to: fraction(value), radius: trackRadius)),
            ("fill", "none"), ("stroke", ChartTheme.seriesColor(0)), ("stroke-width", num(thickness)),
          ], tooltip: valueText)
      }
      let fontSize = min(ChartTheme.largeFontSize, max(geometry.radius * 0.32, 12))
      svg.text(
        valueText,
        [
          ("class", "value"), ("x", num(geometry.centerX)), ("y", num(geometry.centerY - 6)),
          ("text-anchor", "middle"), ("font-size", num(fontSize)), ("font-weight", "bold"),
        ])
    }
    if let target, target.isFinite { drawTarget(target, into: &svg, geometry: geometry, thickness: thickness) }
    drawScaleLabels(into: &svg, geometry: geometry, thickness: thickness)
    return SVGBuilder.document(
      width: canvas.width, height: canvas.height, title: title, description: description,
      kind: "gauge", body: svg.markup)
  }

  /// Position of a value along the arc, 0 (left end) to 1 (right end); out-of-range values are pinned.
  private func fraction(_ value: Double) -> Double {
    min(max((value - minimum) / (maximum - minimum), 0), 1)
  }

  private func drawTarget(_ target: Double, into svg: inout SVGBuilder, geometry: Geometry, thickness: Double) {
    let inner = geometry.point(fraction(target), radius: geometry.radius - thickness - 3)
    let outer = geometry.point(fraction(target), radius: geometry.radius + 8)
    svg.element(
      "line",
      [
        ("class", "target"), ("x1", num(inner.x)), ("y1", num(inner.y)), ("x2", num(outer.x)),
        ("y2", num(outer.y)), ("stroke", ChartTheme.target), ("stroke-width", "2.5"),
      ], tooltip: valueFormat.string(target))
  }

  private func drawScaleLabels(into svg: inout SVGBuilder, geometry: Geometry, thickness: Double) {
    let y = geometry.centerY + 16
    let small: SVGBuilder.Attributes = [
      ("font-size", num(ChartTheme.smallFontSize)), ("fill", ChartTheme.mutedText), ("text-anchor", "middle"),
    ]
    let halfSpan = geometry.radius - thickness / 2
    svg.text(valueFormat.string(minimum), [("class", "tick"), ("x", num(geometry.centerX - halfSpan)), ("y", num(y))] + small)
    svg.text(valueFormat.string(maximum), [("class", "tick"), ("x", num(geometry.centerX + halfSpan)), ("y", num(y))] + small)
    if let caption {
      svg.fittedText(
        caption, maxWidth: max(geometry.radius, 40), fontSize: ChartTheme.fontSize,
        [("class", "caption"), ("x", num(geometry.centerX)), ("y", num(y)), ("text-anchor", "middle")])
    }
  }

  /// Centre and radius of the half circle; the flat side sits near the bottom.
  struct Geometry {
    let centerX: Double
    let centerY: Double
    let radius: Double

    init(canvas: ChartCanvas) {
      centerX = canvas.width / 2
      centerY = canvas.height - 24
      radius = max(min(canvas.width / 2 - 20, centerY - 16), 10)
    }

    func point(_ fraction: Double, radius: Double) -> (x: Double, y: Double) {
      let angle = Double.pi * fraction
      return (centerX - radius * cos(angle), centerY - radius * sin(angle))
    }

    /// Clockwise arc over the top; never more than half a circle, so the small-arc flag is right.
    func arc(from start: Double, to end: Double, radius: Double) -> String {
      let a = point(start, radius: radius)
      let b = point(end, radius: radius)
      return "M\(num(a.x)) \(num(a.y)) A\(num(radius)) \(num(radius)) 0 0 1 \(num(b.x)) \(num(b.y))"
    }
  }
}
