import Foundation

/// The two published editions of the supply-service commitments (rule COM-EDITIONS): the 2011
/// edition judged connection stage by stage, the current one judges the whole connection; both
/// keep the arrears, reconnection and calibration promises.
extension CommitmentRules {
  private static func point(_ stage: CommitmentStage, _ edge: CommitmentPoint.Edge) -> CommitmentPoint { CommitmentPoint(stage, edge) }

  /// Arrears notice ≥ 7 days before the disconnection, reconnection within 24 hours of payment,
  /// a calibration result within 5 working days.
  static let everyEdition: [CommitmentRule] = [
    CommitmentRule(
      code: "arrears.notice", name: "欠费停电提前通知", start: point(.arrearsNotice, .finish), end: point(.disconnection, .finish),
      limit: CommitmentLimit(7, .days), sense: .atLeast),
    CommitmentRule(
      code: "arrears.reconnection", name: "缴清欠费后恢复供电", start: point(.payment, .finish), end: point(.reconnection, .finish),
      limit: CommitmentLimit(24, .hours)),
    CommitmentRule(
      code: "meter.calibration", name: "电能表校验出具结果", start: point(.calibration, .start), end: point(.calibration, .finish),
      limit: CommitmentLimit(5, .workingDays)),
  ]

  /// Supply plan reply for high-voltage applications, 15 / 30 working days: both editions clock it.
  static let highVoltageSupplyPlans: [CommitmentRule] = [
    CommitmentRule(
      code: "supplyPlan.highVoltageSingle", name: "供电方案答复（高压单电源）", start: point(.acceptance, .finish),
      end: point(.supplyPlan, .finish), limit: CommitmentLimit(15, .workingDays), classes: [.highVoltageSingle]),
    CommitmentRule(
      code: "supplyPlan.highVoltageDual", name: "供电方案答复（高压双电源）", start: point(.acceptance, .finish),
      end: point(.supplyPlan, .finish), limit: CommitmentLimit(30, .workingDays), classes: [.highVoltageDual]),
  ]

  /// 2011: supply plan reply 3 / 7 / 15 / 30 working days, energising 3 / 5 working days after the
  /// completion inspection.
  public static let edition2011 = CommitmentRules(
    edition: "2011 版供电服务“十项承诺”",
    rules: [
      CommitmentRule(
        code: "supplyPlan.residential", name: "供电方案答复（居民）", start: point(.acceptance, .finish), end: point(.supplyPlan, .finish),
        limit: CommitmentLimit(3, .workingDays), classes: [.residential]),
      CommitmentRule(
        code: "supplyPlan.lowVoltage", name: "供电方案答复（低压非居民）", start: point(.acceptance, .finish),
        end: point(.supplyPlan, .finish), limit: CommitmentLimit(7, .workingDays), classes: [.lowVoltageNonResidential]),
    ] + highVoltageSupplyPlans + [
      CommitmentRule(
        code: "energising.residential", name: "装表接电（居民）", start: point(.completionInspection, .finish),
        end: point(.energising, .finish), limit: CommitmentLimit(3, .workingDays), classes: [.residential]),
      CommitmentRule(
        code: "energising.nonResidential", name: "装表接电（非居民）", start: point(.completionInspection, .finish),
        end: point(.energising, .finish), limit: CommitmentLimit(5, .workingDays),
        classes: [.lowVoltageNonResidential, .highVoltageSingle, .highVoltageDual]),
    ] + everyEdition)

  /// Current edition: the whole connection, from acceptance to energising, 5 / 6 / 22 / 32 working
  /// days; high-voltage applications also clock their five stages (supply plan 15 / 30, design
  /// review 10, intermediate and completion inspection 5 each, energising 5).
  public static let current = CommitmentRules(
    edition: "现行供电服务“十项承诺”",
    rules: [
      CommitmentRule(
        code: "connection.residential", name: "业扩全流程（居民）", start: point(.acceptance, .finish), end: point(.energising, .finish),
        limit: CommitmentLimit(5, .workingDays), classes: [.residential]),
      CommitmentRule(
        code: "connection.lowVoltage", name: "业扩全流程（低压非居民）", start: point(.acceptance, .finish),
        end: point(.energising, .finish), limit: CommitmentLimit(6, .workingDays), classes: [.lowVoltageNonResidential]),
      CommitmentRule(
        code: "connection.highVoltageSingle", name: "业扩全流程（高压单电源）", start: point(.acceptance, .finish),
        end: point(.energising, .finish), limit: CommitmentLimit(22, .workingDays), classes: [.highVoltageSingle]),
      CommitmentRule(
        code: "connection.highVoltageDual", name: "业扩全流程（高压双电源）", start: point(.acceptance, .finish),
        end: point(.energising, .finish), limit: CommitmentLimit(32, .workingDays), classes: [.highVoltageDual]),
    ] + highVoltageSupplyPlans + [
      CommitmentRule(
        code: "designReview.highVoltage", name: "设计文件审核（高压）", start: point(.designReview, .start),
        end: point(.designReview, .finish), limit: CommitmentLimit(10, .workingDays), classes: [.highVoltageSingle, .highVoltageDual]),
      CommitmentRule(
        code: "intermediateInspection.highVoltage", name: "中间检查（高压）", start: point(.intermediateInspection, .start),
        end: point(.intermediateInspection, .finish), limit: CommitmentLimit(5, .workingDays),
        classes: [.highVoltageSingle, .highVoltageDual]),
      CommitmentRule(
        code: "completionInspection.highVoltage", name: "竣工检验（高压）", start: point(.completionInspection, .start),
        end: point(.completionInspection, .finish), limit: CommitmentLimit(5, .workingDays),
        classes: [.highVoltageSingle, .highVoltageDual]),
      CommitmentRule(
        code: "energising.highVoltage", name: "装表接电（高压）", start: point(.completionInspection, .finish),
        end: point(.energising, .finish), limit: CommitmentLimit(5, .workingDays), classes: [.highVoltageSingle, .highVoltageDual]),
    ] + everyEdition)
}
