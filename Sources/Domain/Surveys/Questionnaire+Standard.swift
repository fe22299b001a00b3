/// The shipped default questionnaires (SV-QUESTIONNAIRE): three five-point items per service
/// module, two ten-point items per CSI construct, optional SERVQUAL E/P pairs and a free comment.
extension Questionnaire {
  /// "csi-2026" v1: 24 module items, 14 CSI items (all required), optional comment.
  public static let standard = Questionnaire(
    code: "csi-2026", version: 1, scale: .fivePoint,
    questions: StandardItems.modules + StandardItems.csi + [StandardItems.comment])

  /// `standard` plus one optional expectation/perception pair per SERVQUAL dimension (1–10),
  /// placed before the comment. Its own code so responses never mix with `standard`.
  public static let standardWithServqual = Questionnaire(
    code: "csi-2026-servqual", version: 1, scale: .fivePoint,
    questions: StandardItems.modules + StandardItems.csi + StandardItems.servqual + [StandardItems.comment])

  /// Longest accepted free-text comment.
  public static let commentMaxLength = 500
}

private enum StandardItems {
  static let moduleTexts: [(ServiceModule, [(String, String)])] = [
    (
      .stability,
      [
        ("您对所在地区供电可靠性（停电次数少、停电时间短）的满意程度如何？", "Supply reliability in your area (few, short outages)"),
        ("您对电压稳定、家用电器运行正常的满意程度如何？", "Stable voltage so that appliances work normally"),
        ("您对计划停电提前通知并按时恢复供电的满意程度如何？", "Advance notice of planned outages and on-time restoration"),
      ]
    ),
    (
      .safety,
      [
        ("您对周边电力设施（线路、变压器、电杆）安全状况的满意程度如何？", "Safety of nearby lines, transformers and poles"),
        ("您对供电企业安全用电宣传和隐患提醒的满意程度如何？", "Electrical safety education and hazard reminders"),
        ("您对电力施工现场安全防护与文明施工的满意程度如何？", "Safety and tidiness of power construction sites"),
      ]
    ),
    (
      .billing,
      [
        ("您对电费缴纳渠道（网上国网、微信、支付宝、银行等）便捷程度的满意程度如何？", "Convenience of payment channels (app, WeChat, Alipay, banks)"),
        ("您对抄表准确、电费账单清晰准确的满意程度如何？", "Accurate meter reading and clear, correct bills"),
        ("您对电费催缴及欠费停电提醒及时规范的满意程度如何？", "Timely, proper payment reminders and arrears notices"),
      ]
    ),
    (
      .businessHandling,
      [
        ("您对新装、增容等用电业务办理时限的满意程度如何？", "Time taken for new connections and capacity increases"),
        ("您对办理业务所需资料简便、少跑腿的满意程度如何？", "Few documents and few trips needed to apply"),
        ("您对业务办理流程和收费标准公开透明的满意程度如何？", "Transparency of procedures and charges"),
      ]
    ),
    (
      .hall,
      [
        ("您对营业厅环境、设施和便民服务的满意程度如何？", "Service hall environment, facilities and conveniences"),
        ("您对营业厅工作人员服务态度和业务熟练程度的满意程度如何？", "Attitude and competence of service hall staff"),
        ("您对营业厅排队等候时间的满意程度如何？", "Waiting time in the service hall"),
      ]
    ),
    (
      .hotline95598,
      [
        ("您对95598热线接通速度的满意程度如何？", "How quickly the 95598 hotline answers"),
        ("您对95598客服人员服务态度和解答准确性的满意程度如何？", "Attitude and accuracy of 95598 agents"),
        ("您对通过95598报修、咨询后处理结果的满意程度如何？", "Outcome of repairs and enquiries raised through 95598"),
      ]
    ),
    (
      .communication,
      [
        ("您对停电信息、电价政策等信息告知及时性的满意程度如何？", "Timely information on outages, tariffs and policies"),
        ("您对供电企业主动走访、听取客户意见的满意程度如何？", "Proactive visits and listening to customers"),
        ("您对客户经理（台区经理）联系方式公开、联系方便的满意程度如何？", "Published, easy-to-reach account (area) manager contacts"),
      ]
    ),
    (
      .problemHandling,
      [
        ("您对故障抢修人员到达现场速度的满意程度如何？", "How quickly repair crews arrive"),
        ("您对投诉和意见反映处理及时性的满意程度如何？", "Timeliness of complaint and feedback handling"),
        ("您对问题处理结果及回访情况的满意程度如何？", "Outcome of problem handling and the follow-up call"),
      ]
    ),
  ]

  static let modules: [Question] = moduleTexts.flatMap { module, texts in
    texts.enumerated().map { index, text in
      Question(
        code: "m.\(module.rawValue).\(index + 1)", kind: .fivePoint, module: module, required: true,
        textZh: text.0, textEn: text.1)
    }
  }

  static let csiTexts: [(CSIConstruct, [(String, String)])] = [
    (
      .image,
      [
        ("您认为本地供电企业是一家值得信赖的企业吗？（1–10分）", "Is your supply company trustworthy? (1–10)"),
        ("您对本地供电企业履行社会责任的总体印象如何？（1–10分）", "Overall impression of its social responsibility (1–10)"),
      ]
    ),
    (
      .expectation,
      [
        ("在接受服务前，您对供电服务质量的总体期望有多高？（1–10分）", "Your overall expectation of service quality (1–10)"),
        ("您对供电可靠性（不停电、少停电）的期望有多高？（1–10分）", "Your expectation of supply reliability (1–10)"),
      ]
    ),
    (
      .perceivedQuality,
      [
        ("您对本地供电服务质量的总体评价如何？（1–10分）", "Overall rating of service quality (1–10)"),
        ("您对供电质量（电压、可靠性）的总体评价如何？（1–10分）", "Overall rating of power quality (1–10)"),
      ]
    ),
    (
      .perceivedValue,
      [
        ("按您支付的电费，您如何评价所获得的供电服务？（1–10分）", "Service received for the price you pay (1–10)"),
        ("与水、气等公共服务相比，您如何评价供电服务的性价比？（1–10分）", "Value compared with water and gas services (1–10)"),
      ]
    ),
    (
      .satisfaction,
      [
        ("总体而言，您对供电服务的满意程度如何？（1–10分）", "Overall satisfaction with electricity service (1–10)"),
        ("与您心目中理想的供电服务相比，您的满意程度如何？（1–10分）", "Satisfaction compared with your ideal service (1–10)"),
      ]
    ),
    (
      .complaint,
      [
        ("过去一年您因供电服务问题产生抱怨的程度？（1分没有抱怨，10分抱怨很多）", "How much you complained in the past year (1 none – 10 a lot)"),
        ("如遇服务问题，您向供电企业投诉的可能性有多大？（1–10分）", "How likely you are to complain about a problem (1–10)"),
      ]
    ),
    (
      .loyalty,
      [
        ("如可自由选择，您继续使用本供电企业服务的意愿有多大？（1–10分）", "Willingness to stay with this supplier if free to choose (1–10)"),
        ("您向亲友正面评价本供电企业服务的可能性有多大？（1–10分）", "Likelihood of speaking well of its service (1–10)"),
      ]
    ),
  ]

  static let csi: [Question] = csiTexts.flatMap { construct, texts in
    texts.enumerated().map { index, text in
      Question(
        code: "csi.\(construct.rawValue).\(index + 1)", kind: .tenPoint, construct: construct, required: true,
        textZh: text.0, textEn: text.1)
    }
  }

  /// Expectation (what an excellent supplier should do) then perception (what yours does).
  static let servqualTexts: [(ServqualDimension, String, String)] = [
    (.tangibles, "具备现代化的营业设施和整洁的服务环境", "modern facilities and a tidy service environment"),
    (.reliability, "按承诺的时间和标准提供服务", "service delivered at the promised time and standard"),
    (.assurance, "员工专业、礼貌，让客户放心", "competent, courteous staff you can trust"),
    (.responsiveness, "及时响应客户的需求和报修", "prompt response to requests and repairs"),
    (.empathy, "关注并照顾客户的个别需求", "attention to individual customer needs"),
    (.safety, "保障客户用电安全", "safe electricity use for customers"),
  ]

  static let servqual: [Question] = servqualTexts.flatMap { dimension, zh, en in
    [
      Question(
        code: "sq.\(dimension.rawValue).e", kind: .tenPoint, servqual: dimension, expectationSide: true,
        required: false, textZh: "您认为优秀的供电企业应当\(zh)（1–10分）",
        textEn: "An excellent supplier should offer \(en) (1–10)"),
      Question(
        code: "sq.\(dimension.rawValue).p", kind: .tenPoint, servqual: dimension, expectationSide: false,
        required: false, textZh: "本地供电企业实际做到\(zh)的程度（1–10分）",
        textEn: "Your supplier actually offers \(en) (1–10)"),
    ]
  }

  static let comment = Question(
    code: "comment", kind: .text, required: false, textZh: "您对供电服务还有哪些意见和建议？",
    textEn: "Any other comments or suggestions about electricity service?",
    maxLength: Questionnaire.commentMaxLength)
}
