import Domain
import Foundation

/// REL-SETTINGS: the reliability settings are a versioned rule document (ORG-RULE-VERSIONS).
extension ReliabilitySettings: PresentedRuleDocument {
  static let versionsTable = "reliability_setting_versions"
  static let auditEntity = AuditEntity.reliabilitySettingVersion

  func rows(_ text: (String, [String]) -> String) -> [RuleVersionsPage.Row] {
    func number(_ value: Double) -> String { String(format: "%g", value) }
    func percent(_ value: Double) -> String { String(format: "%g%%", value * 100) }
    return [
      .init(
        label: text("reliability.settings.ieee_sustained", []),
        value: text("reliability.settings.longer_than", [number(ieeeSustainedMinutes)])),
      .init(
        label: text("reliability.settings.dlt_sustained", []),
        value: text("reliability.settings.longer_than", [number(dltSustainedMinutes)])),
      .init(
        label: text("reliability.settings.med", []),
        value: majorEventBeta.map { text("reliability.settings.med_beta", [number($0)]) } ?? text("reliability.settings.med_off", [])),
      .init(label: text("reliability.settings.med_years", []), value: text("reliability.settings.years", [String(majorEventHistoryYears)])),
      .init(label: text("reliability.settings.urban_target", []), value: percent(urbanTarget)),
      .init(label: text("reliability.settings.rural_target", []), value: percent(ruralTarget)),
    ]
  }
}
