/// The one place that holds colours, fonts and sizes, so every chart looks the same.
enum ChartTheme {
  /// Series colours, chosen to stay distinguishable for common colour-vision deficiencies.
  static let seriesColors = [
    "#2f6db5", "#e07b24", "#3a9b5c", "#c23b3b", "#7b5ea7", "#8c6d46", "#d4669e", "#5f6b73",
  ]
  static let text = "#2b2f33"
  static let mutedText = "#6b7178"
  static let axis = "#8a9097"
  static let grid = "#e3e6ea"
  static let track = "#e9ecef"
  static let target = "#c23b3b"
  static let divider = "#8a9097"
  static let good = "#3a9b5c"
  static let warning = "#e0a526"
  static let bad = "#c23b3b"
  static let neutral = "#9aa3ab"

  /// Noto Sans CJK SC is what the intranet machines have; the rest are fallbacks.
  static let fontFamily =
    "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
  static let fontSize = 12.0
  static let smallFontSize = 11.0
  static let largeFontSize = 28.0

  static func seriesColor(_ index: Int) -> String {
    seriesColors[((index % seriesColors.count) + seriesColors.count) % seriesColors.count]
  }

  static func color(for tone: GaugeBand.Tone) -> String {
    switch tone {
    case .good: good
    case .warning: warning
    case .bad: bad
    case .neutral: neutral
    }
  }
}
