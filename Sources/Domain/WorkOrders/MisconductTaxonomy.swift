extension Taxonomy {
  /// Reportable misconduct (举报受理范围), 19 items (WO-TAXONOMY-MISCONDUCT).
  /// One category; items 10–16 are the breaches of the service commitments.
  public static let misconductV1 = Taxonomy(
    name: "misconduct", version: 1, effectiveFrom: CivilDate(year: 2025, month: 1, day: 1)!,
    categories: [
      TaxonomyCategory(
        code: "misconduct", chineseName: "举报受理范围", englishName: "Reportable misconduct",
        items: [
          ("hostileAttitude", "服务态度蛮横,故意刁难客户", "Hostile attitude, deliberately obstructing the customer"),
          ("unlawfulOutage", "违反规定停电、无故拖延送电", "Unlawful disconnection or unjustified delay in restoring supply"),
          ("ownFees", "自立收费项目、擅自更改收费标准", "Self-invented fees or unauthorised fee changes"),
          ("designatedContractors", "为客户指定设计、施工、供货单位", "Designating designers, contractors or suppliers (三指定)"),
          ("buckPassing", "对客户投诉、咨询等工作推诿塞责", "Passing the buck on complaints or enquiries"),
          ("favoursForRelatives", "为亲友用电谋取私利", "Seeking private benefit in relatives' or friends' supply"),
          ("leakingSecrets", "对外泄漏客户的商业秘密", "Leaking customers' business secrets"),
          ("acceptingGifts", "收受客户礼品、礼金、有价证券", "Accepting gifts, cash or securities from customers"),
          ("acceptingHospitality", "接受客户组织的宴请、旅游和娱乐活动", "Accepting banquets, trips or entertainment from customers"),
          ("supplyPlanReplyLate", "供电方案答复期限超出规定要求", "Supply plan reply later than 3/7/15/30 working days"),
          ("residentialEnergisingLate", "居民客户办理手续后超过3个工作日未送电", "Residential supply not energised within 3 working days"),
          ("nonResidentialEnergisingLate", "非居民客户验收合格后超过5个工作日未送电", "Non-residential supply not energised within 5 working days"),
          ("plannedOutageNotNotified", "计划检修停电未提前7天公告", "Planned maintenance outage not announced 7 days ahead"),
          ("noRoundTheClockRepair", "未提供24小时电力故障报修服务", "No 24-hour fault repair service"),
          ("repairArrivalLate", "抢修人员未按规定时间到达现场", "Repair crew late on site (urban 45 min, rural 90 min, remote 2 h)"),
          ("arrearsNoticeLate", "欠费停电未提前7天送达停电通知书", "Arrears disconnection notice not served 7 days ahead"),
          ("harmInTheftInspection", "查处违约用电、窃电工作中损害合法利益", "Harming lawful interests when handling violations or theft"),
          ("dispatchRulesBreach", "严重违反“三公”调度“十项措施”", "Serious breach of the fair-dispatch ten measures"),
          ("otherMisconduct", "其他违反优质服务和行风建设规定的行为", "Other breaches of service and conduct rules"),
        ].map { TaxonomyItem(code: "misconduct.\($0.0)", chineseName: $0.1, englishName: $0.2) })
    ])
}
