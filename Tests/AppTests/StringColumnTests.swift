import Foundation
import Testing

/// ARCH-TYPED-VALUES: an enumerable value is stored through `@EnumField` as its Swift enum. A
/// model's `String` column must be one of these, each with the reason it is text; a new one fails
/// until it is typed or added here with its reason.
@Suite("String columns")
struct StringColumnTests {
  static let freeText = "free text a person typed or a name"
  static let identifier = "an identifier or code people choose, or a phone or account number"
  static let configured = "a code defined by configuration data (taxonomy, questionnaire), not by an enum"
  static let document = "a JSON document read back as a Codable value"
  static let digest = "a hash, a path, a file name or a content type"
  static let who = "who did it, by name, kept as written at the time"

  static let allowed: [String: String] = [
    "ApiToken.name": freeText, "ApiToken.token_hash": digest,
    "OrgUnit.code": identifier, "OrgUnit.name": freeText, "OrgUnit.path": "the unit's ancestor ids (UnitPath)",
    "OrgUnit.duty_phone": identifier,
    "User.username": identifier, "User.display_name": freeText, "User.password_hash": digest,
    "AnalysisRun.title": freeText, "AnalysisRun.settings": document, "AnalysisRun.input_hash": digest,
    "AnalysisRun.input_description": freeText, "AnalysisRun.outputs": document,
    "AnalysisRun.software_version": "the version string of the software that ran", "AnalysisRun.created_by": who,
    "CalendarDay.date": "a civil date YYYY-MM-DD (CivilDate)", "CalendarDay.name": freeText,
    "InboxNotification.message_key": "a locale key, translated on display", "InboxNotification.args": document,
    "InboxNotification.link": "a link built from Paths",
    "OutboxMessage.recipient": identifier, "OutboxMessage.body": freeText, "OutboxMessage.last_error": freeText,
    "Department.code": identifier, "Department.name_zh": freeText, "Department.name_en": freeText,
    "RosterVersion.file_name": digest, "RosterVersion.rejected": document, "RosterVersion.imported_by": who,
    "RosterCustomer.account": identifier, "RosterCustomer.name": freeText, "RosterCustomer.phone": identifier,
    "RosterCustomer.address": freeText,
    "SurveyResponse.comment": freeText, "SurveyResponse.respondent": freeText, "SurveyResponse.recorded_by": who,
    "SurveyAnswer.question_code": configured, "SurveyAnswer.raw": "the answer as given, before scoring",
    "SurveySample.account": identifier, "SurveySample.name": freeText, "SurveySample.phone": identifier,
    "SurveyWave.code": identifier, "SurveyWave.name": freeText, "SurveyWave.questionnaire": document,
    "SurveyWave.plan": document, "SurveyWave.milestones": document, "SurveyWave.completions": document,
    "WorkOrderAttachment.file_name": digest, "WorkOrderAttachment.content_type": digest, "WorkOrderAttachment.sha256": digest,
    "WorkOrderAttachment.storage_path": digest, "WorkOrderAttachment.uploaded_by": who,
    "ChecklistItemRow.code": configured, "ChecklistItemRow.name": freeText, "Inspection.visited_on": "a civil date YYYY-MM-DD (CivilDate)",
    "Inspection.inspector_name": who, "Inspection.summary": freeText, "InspectionFinding.description": freeText,
    "InspectionFinding.deadline": "a civil date YYYY-MM-DD (CivilDate)", "InspectionFinding.responsible_name": who,
    "InspectionFinding.evidence": freeText, "InspectionFinding.reopen_reason": freeText, "InspectionFinding.closed_by_name": who,
    "InspectionFinding.reminded_on": "a civil date YYYY-MM-DD (CivilDate)", "FindingPhoto.file_name": digest,
    "InterruptionRecord.external_id": "the id the exporting system gave the interruption", "InterruptionRecord.cause": freeText,
    "FindingPhoto.content_type": digest, "FindingPhoto.sha256": digest, "FindingPhoto.storage_path": digest,
    "FindingPhoto.uploaded_by": who,
    "AccountabilityCase.cause_code": configured, "AccountabilityCase.deduction_month": "a month YYYY-MM",
    "AccountabilityCase.four_donts": document, "AccountabilityCase.half_year": "a half-year YYYY-H1 or YYYY-H2",
    "AccountabilityCase.outside_channel": configured, "AccountabilityCase.reason": freeText,
    "AccountabilityCase.work_order_number": identifier, "AccountabilityLine.exam_passed_on": "a civil date YYYY-MM-DD (CivilDate)",
    "LedgerEntry.month": "a month YYYY-MM", "PerformancePay.month": "a month YYYY-MM",
    "RuleVersionRecord.effective_from": "a civil date YYYY-MM-DD (CivilDate)", "RuleVersionRecord.rules": document,
    "ImportedScore.exam_on": "a civil date YYYY-MM-DD (CivilDate)", "ImportedScore.title": freeText,
    "SavedQueueFilter.name": freeText, "SavedQueueFilter.query": "a queue's query string, read through its declared parameters",
    "WorkOrder.number": identifier, "WorkOrder.customer_account": identifier, "WorkOrder.customer_name": freeText,
    "WorkOrder.customer_phone": identifier, "WorkOrder.address": freeText, "WorkOrder.content": freeText,
    "WorkOrder.category_code": configured, "WorkOrder.item_code": configured, "WorkOrder.investigation": document,
    "WorkOrder.snapshot": document, "WorkOrder.clocks": document,
    "WorkOrderEvent.actor_name": who, "WorkOrderEvent.note": freeText,
    "WorkOrderNote.author_name": who, "WorkOrderNote.text": freeText,
    "AuditRecord.actor_name": who, "AuditRecord.entity_id": "the id of any entity: a UUID, a year or a date",
    "AuditRecord.before": document, "AuditRecord.after": document,
    "GridObject.code": freeText, "GridCustomer.account": identifier, "GridCustomer.name": freeText, "GridCustomer.phone": identifier,
    "Outage.cause": freeText, "Outage.registered_by": who, "Outage.cancel_reason": freeText,
    "OutageCustomer.account": identifier, "OutageCustomer.name": freeText, "OutageCustomer.phone": identifier,
    "OutageRestorationStep.recorded_by": who, "OutageRepairOrder.number": identifier,
    "ConnectionApplication.number": identifier, "ConnectionApplication.external_id": identifier,
    "ConnectionApplication.customer_account": identifier,
    "ConnectionApplication.customer_name": freeText, "ConnectionApplication.customer_phone": identifier,
    "ConnectionApplication.created_by": who, "ConnectionStageRecord.recorded_by": who, "ConnectionWait.reason": freeText,
    "ConnectionWait.recorded_by": who,
  ]

  /// `Model.column` of every `@Field`/`@OptionalField` of type `String` in Sources/App.
  static func stringColumns(_ tree: SourceTree) throws -> [String] {
    let model = try NSRegularExpression(pattern: #"class\s+(\w+)\s*(?:<[^>]*>)?\s*:\s*Model\b"#)
    let field = try NSRegularExpression(pattern: #"@(?:Field|OptionalField)\(key:\s*"(\w+)"\)\s*var\s+\w+\s*:\s*String\??\s*$"#)
    var found: [String] = []
    for path in tree.swiftFiles(under: "Sources/App") {
      var current = "?"
      for line in try tree.text(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        let code = line.components(separatedBy: "/").first ?? line
        let range = NSRange(code.startIndex..., in: code)
        if let m = model.firstMatch(in: code, range: range), let r = Range(m.range(at: 1), in: code) { current = String(code[r]) }
        if let m = field.firstMatch(in: code, range: range), let r = Range(m.range(at: 1), in: code) {
          found.append("\(current).\(code[r])")
        }
      }
    }
    return found
  }

  @Test("ARCH-TYPED-VALUES: every String column of a model is text by an explicit reason; enumerable ones are enums")
  func stringColumnsAreListed() throws {
    // Setup: the allowed list above
    // Act: find the String columns of the models in the sources
    let found = try Self.stringColumns(SourceTree())
    // Check: many found, each listed with a reason, and each listed one still exists
    #expect(found.count > 50, "the source scan found too few columns: \(found.count)")
    for column in found {
      #expect(Self.allowed[column] != nil, "\(column) is a String column: make it an @EnumField, or list it here with why it is text")
    }
    for column in Self.allowed.keys where !found.contains(column) {
      Issue.record("\(column) is listed but no longer a String column: remove it from the list")
    }
  }
}
