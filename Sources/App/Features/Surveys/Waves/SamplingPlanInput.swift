import Domain

/// Reads a wave's sampling plan from form or API input; blank fields keep the defaults of
/// SV-SAMPLE-SIZE, SV-SAMPLE-RESERVE, SV-SAMPLE-EXCLUSIONS (1,000 per county, proportional, 20 %
/// reserve, 12-month and open-complaint exclusions).
enum SamplingPlanInput {
  static func parse(_ input: WaveService.Input, seedSource: () -> UInt64, into errors: inout FieldErrors) -> SamplingPlan? {
    var plan = SamplingPlan(seed: seedSource())
    let before = errors.messages.count
    // Each given value is checked; a percentage, when given, is the plan's size.
    if let count = nonEmpty(input.sampleCount) {
      if let value = Int(count), (1...1_000_000).contains(value) {
        plan.size = .count(value)
      } else {
        errors.add("sampleCount", "survey.error.count")
      }
    }
    if let percent = nonEmpty(input.samplePercent) {
      if let value = Double(percent), value > 0, value <= 100 {
        plan.size = .fraction(value / 100)
      } else {
        errors.add("samplePercent", "survey.error.percent")
      }
    }
    if let text = nonEmpty(input.allocation) {
      if let allocation = Allocation(rawValue: text) { plan.allocation = allocation } else { errors.add("allocation", "validation.choice") }
    }
    if let text = nonEmpty(input.seed) {
      if let value = UInt64(text) { plan.seed = value } else { errors.add("seed", "validation.integer") }
    }
    if let text = nonEmpty(input.reservePercent) {
      if let value = Double(text), (0...100).contains(value) {
        plan.reserveFraction = value / 100
      } else {
        errors.add("reservePercent", "survey.error.percent")
      }
    }
    if let text = nonEmpty(input.excludeMonths) {
      if let value = Int(text), (0...60).contains(value) {
        plan.excludeSurveyedWithinMonths = value == 0 ? nil : value
      } else {
        errors.add("excludeMonths", "survey.error.months")
      }
    }
    if let text = nonEmpty(input.excludeOpenComplaints) {
      switch text {
      case "true", "on": plan.excludeOpenComplaints = true
      case "false", "off": plan.excludeOpenComplaints = false
      default: errors.add("excludeOpenComplaints", "validation.choice")
      }
    }
    return errors.messages.count == before ? plan : nil
  }

  static func nonEmpty(_ text: String?) -> String? {
    guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
    return trimmed
  }
}
