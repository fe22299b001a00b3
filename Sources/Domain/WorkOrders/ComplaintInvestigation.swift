import Foundation

/// What the handler finds out about a complaint and does about it, recorded with the reply; the
/// monthly complaint bulletin (投诉事件通报) prints it for every verified complaint
/// (WO-INVESTIGATION, WO-BULLETIN: cause and responsibility drive accountability).
public struct ComplaintInvestigation: Hashable, Codable, Sendable {
  /// 事件经过
  public var course: String
  /// 处理情况
  public var handling: String
  /// 原因分析
  public var cause: String
  /// 责任认定
  public var responsibility: String
  /// 整改措施
  public var correctiveAction: String
  /// 人员处理
  public var personnelOutcome: String

  public init(
    course: String = "", handling: String = "", cause: String = "", responsibility: String = "",
    correctiveAction: String = "", personnelOutcome: String = ""
  ) {
    self.course = course
    self.handling = handling
    self.cause = cause
    self.responsibility = responsibility
    self.correctiveAction = correctiveAction
    self.personnelOutcome = personnelOutcome
  }

  public static let fields = ["course", "handling", "cause", "responsibility", "correctiveAction", "personnelOutcome"]

  /// Every field filled: what a serious or major complaint needs before it can close.
  public var isComplete: Bool {
    [course, handling, cause, responsibility, correctiveAction, personnelOutcome].allSatisfy {
      !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
  }

  public var isEmpty: Bool { [course, handling, cause, responsibility, correctiveAction, personnelOutcome].allSatisfy(\.isEmpty) }
}
