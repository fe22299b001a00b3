import Domain
import Vapor

/// The investigation record as a form or API body sends it; every field optional, each at most
/// 500 characters.
struct InvestigationInput: Content {
  var course: String?
  var handling: String?
  var cause: String?
  var responsibility: String?
  var correctiveAction: String?
  var personnelOutcome: String?

  static let maxLength = 500

  func validated() throws -> ComplaintInvestigation {
    var errors = FieldErrors()
    func text(_ value: String?, _ field: String) -> String {
      let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      if !(value ?? "").fits(Self.maxLength) { errors.add(field, "validation.too_long", String(Self.maxLength)) }
      return trimmed
    }
    let record = ComplaintInvestigation(
      course: text(course, "course"), handling: text(handling, "handling"), cause: text(cause, "cause"),
      responsibility: text(responsibility, "responsibility"), correctiveAction: text(correctiveAction, "correctiveAction"),
      personnelOutcome: text(personnelOutcome, "personnelOutcome"))
    try errors.throwIfAny()
    return record
  }
}
