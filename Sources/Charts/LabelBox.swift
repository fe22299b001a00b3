/// The box a text label covers, estimated with `TextMetrics`, so that charts can keep labels
/// from overlapping one another.
struct LabelBox: Equatable {
  var left: Double
  var top: Double
  var right: Double
  var bottom: Double

  /// A label drawn at `x` (per `anchor`: "start", "middle" or "end") on `baseline`.
  init(_ text: String, x: Double, baseline: Double, fontSize: Double, anchor: String) {
    let width = TextMetrics.width(text, fontSize: fontSize)
    left = anchor == "end" ? x - width : anchor == "middle" ? x - width / 2 : x
    right = left + width
    top = baseline - fontSize * 0.9
    bottom = baseline + fontSize * 0.25
  }

  func overlaps(_ other: LabelBox) -> Bool {
    left < other.right && other.left < right && top < other.bottom && other.top < bottom
  }
}
