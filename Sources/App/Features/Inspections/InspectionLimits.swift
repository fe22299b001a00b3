/// Lengths of what people type into inspections.
enum InspectionLimits {
  static let summary = 2000
  static let finding = 1000
  static let evidence = 2000
  static let reason = 500
}
