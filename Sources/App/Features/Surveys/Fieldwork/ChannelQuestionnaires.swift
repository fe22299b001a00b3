import Domain

/// The short questionnaires of the channels beside the sampled survey (SV-CHANNELS), on the wave's
/// five-point scale so their scores compare.
enum ChannelQuestionnaires {
  /// The service-hall rating device: one question, five faces, one tap.
  static func kiosk(scale: SatisfactionScale) -> Questionnaire {
    Questionnaire(
      code: "kiosk-v1", version: 1, scale: scale,
      questions: [
        Question(
          code: "kiosk.hall", kind: .fivePoint, module: .hall, required: true, textZh: "您对本次营业厅服务满意吗？",
          textEn: "How satisfied are you with the service you just received?")
      ])
  }

  /// The government-agency rating (政府机构满意度): the modules the general office answers for.
  static func government(scale: SatisfactionScale) -> Questionnaire {
    Questionnaire(
      code: "government-v1", version: 1, scale: scale,
      questions: [
        Question(
          code: "gov.stability", kind: .fivePoint, module: .stability, required: true, textZh: "对本地区供电可靠性的评价",
          textEn: "Reliability of supply in the area"),
        Question(
          code: "gov.communication", kind: .fivePoint, module: .communication, required: true,
          textZh: "对供电企业与政府部门沟通配合的评价", textEn: "Communication and cooperation with the government"),
        Question(
          code: "gov.problemHandling", kind: .fivePoint, module: .problemHandling, required: true,
          textZh: "对民生用电问题处理及时性的评价", textEn: "Timely handling of electricity problems affecting residents"),
        Question(
          code: "comment", kind: .text, required: false, textZh: "意见和建议", textEn: "Comments and suggestions",
          maxLength: Questionnaire.commentMaxLength),
      ])
  }
}
