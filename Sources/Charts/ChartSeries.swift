/// One named series of values; `nil`, NaN and infinity mean "no value" and are skipped.
public struct ChartSeries: Sendable, Equatable {
  public var name: String
  public var values: [Double?]
  /// Optional drill-down link per value, aligned with `values`; missing entries mean no link.
  public var links: [String?]

  public init(name: String, values: [Double?], links: [String?] = []) {
    self.name = name
    self.values = values
    self.links = links
  }

  /// The value at `index` if it is present and finite.
  func value(at index: Int) -> Double? {
    guard values.indices.contains(index), let value = values[index], value.isFinite else {
      return nil
    }
    return value
  }

  func link(at index: Int) -> String? {
    links.indices.contains(index) ? links[index] : nil
  }

  var finiteValues: [Double] { values.compactMap { $0 }.filter(\.isFinite) }
}

/// Canvas size limits keep every chart legible and every coordinate finite.
struct ChartCanvas {
  let width: Double
  let height: Double

  init(width: Int, height: Int) {
    self.width = Double(min(max(width, 160), 4000))
    self.height = Double(min(max(height, 120), 4000))
  }
}

/// The rectangle inside the axes where data is drawn.
struct PlotArea {
  let left: Double
  let top: Double
  let right: Double
  let bottom: Double

  var width: Double { max(right - left, 1) }
  var height: Double { max(bottom - top, 1) }

  /// Screen y for a value on a vertical scale (SVG y grows downwards).
  func y(_ value: Double, on scale: NiceScale) -> Double {
    bottom - scale.fraction(value) * height
  }

  func x(_ value: Double, on scale: NiceScale) -> Double {
    left + scale.fraction(value) * width
  }
}
