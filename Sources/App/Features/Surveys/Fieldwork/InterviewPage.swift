import Domain
import Foundation

/// The interviewer's one page per interview: who to call (name, masked phone, dial link) and the
/// questions — nothing else about the customer.
struct InterviewPage: Encodable {
  struct Option: Encodable {
    let value: String
    let label: String
    let checked: Bool
  }
  struct Item: Encodable {
    let code: String
    let name: String
    let text: String
    let options: [Option]
    let error: String?
  }
  struct Module: Encodable {
    let labelKey: String
    let skipName: String
    let skipped: Bool
    let items: [Item]
  }
  struct Customer: Encodable {
    let id: String
    let name: String
    let maskedPhone: String
    let dialHref: String
    let segmentKey: String
    let attempts: Int
    let attemptLimit: Int
    let callbackAt: String?
    let wave: String
    let unit: String
  }
  struct Cell: Encodable {
    let unit: String
    let segmentKey: String
    let quota: Int
    let done: Int
    let full: Bool
  }
  let chrome: Chrome
  let customer: Customer?
  let modules: [Module]
  let csiItems: [Item]
  let commentName: String
  let comment: String
  let commentLabel: String
  let callAction: String
  let nextAction: String
  let callbackValue: String
  let message: String?
  let notice: String?
  let cells: [Cell]
}

extension InterviewPage {
  /// The questionnaire as form sections, keeping whatever was already entered.
  static func sections(
    _ questionnaire: Questionnaire, entered: [String: String], skipped: Set<ServiceModule>, problem: (code: String, text: String)?,
    locale: String
  ) -> (modules: [Module], csi: [Item], comment: Question?) {
    func text(_ q: Question) -> String { locale == "en" ? q.textEn : q.textZh }
    func item(_ q: Question, options: [Option]) -> Item {
      Item(
        code: q.code, name: "a_" + q.code, text: text(q), options: options,
        error: problem?.code == q.code ? problem?.text : nil)
    }
    let modules = ServiceModule.allCases.map { module in
      Module(
        labelKey: "module.\(module.rawValue)", skipName: "skip_" + module.rawValue, skipped: skipped.contains(module),
        items: questionnaire.questions(in: module).map { q in
          item(
            q,
            options: questionnaire.scale.points.map {
              Option(value: String($0.code), label: $0.labelKey, checked: entered[q.code] == String($0.code))
            })
        })
    }
    let tenPoint = questionnaire.questions.filter { $0.kind == .tenPoint }.map { q in
      item(q, options: (1...10).map { Option(value: String($0), label: String($0), checked: entered[q.code] == String($0)) })
    }
    return (modules, tenPoint, questionnaire.questions.first { $0.kind == .text })
  }
}
