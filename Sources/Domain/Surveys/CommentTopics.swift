/// Which service module an open comment is about, by keywords (SV-COMMENT-TOPICS: the report lists
/// the problems customers raised per module with counts and shares). The keyword lists are data;
/// a comment may concern several modules and is then counted for each.
public struct CommentTopics: Sendable, Equatable {
  public let keywords: [ServiceModule: [String]]

  public init(keywords: [ServiceModule: [String]]) { self.keywords = keywords }

  public static let standard = CommentTopics(keywords: [
    .stability: ["停电", "断电", "跳闸", "电压", "限电", "供电不稳", "来电"],
    .safety: ["安全", "隐患", "漏电", "触电", "电线", "电杆", "线路老化"],
    .billing: ["电费", "缴费", "交费", "账单", "收费", "扣费", "抄表", "电价"],
    .businessHandling: ["办理", "报装", "过户", "增容", "手续", "业务", "装表", "跑腿"],
    .hall: ["营业厅", "排队", "窗口", "柜台"],
    .hotline95598: ["95598", "热线", "打不通", "客服电话", "接通"],
    .communication: ["通知", "告知", "沟通", "短信", "宣传", "解释"],
    .problemHandling: ["抢修", "维修", "处理", "解决", "投诉", "到得", "到达", "故障"],
  ])

  /// The modules a comment mentions, in the modules' order.
  public func modules(of comment: String) -> [ServiceModule] {
    ServiceModule.allCases.filter { module in (keywords[module] ?? []).contains { comment.contains($0) } }
  }

  /// How many comments mention each module, and how many mention none.
  public func tally(_ comments: [String]) -> (byModule: [ServiceModule: Int], unmatched: Int) {
    var counts: [ServiceModule: Int] = [:]
    var unmatched = 0
    for comment in comments {
      let found = modules(of: comment)
      if found.isEmpty { unmatched += 1 }
      for module in found { counts[module, default: 0] += 1 }
    }
    return (counts, unmatched)
  }
}
