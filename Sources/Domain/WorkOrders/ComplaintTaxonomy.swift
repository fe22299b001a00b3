/// The complaint taxonomy (投诉事项范例) as versioned data (WO-TAXONOMY-COMPLAINT),
/// "四大类共十七项". The company revises the list periodically, so an order stores the codes and
/// the taxonomy version it was classified under.
public struct TaxonomyItem: Hashable, Codable, Sendable {
  /// Stable code "category.item", e.g. "conduct.attitude".
  public let code: String
  public let chineseName: String
  public let englishName: String

  public init(code: String, chineseName: String, englishName: String) {
    self.code = code
    self.chineseName = chineseName
    self.englishName = englishName
  }
}

public struct TaxonomyCategory: Hashable, Codable, Sendable {
  public let code: String
  public let chineseName: String
  public let englishName: String
  public let items: [TaxonomyItem]

  public init(code: String, chineseName: String, englishName: String, items: [TaxonomyItem]) {
    self.code = code
    self.chineseName = chineseName
    self.englishName = englishName
    self.items = items
  }
}

public enum TaxonomyError: Error, Equatable, Sendable {
  case unknownCategory(String)
  case unknownItem(String)
  /// The item exists but under another category.
  case itemNotInCategory(item: String, category: String)
}

/// A versioned, two-level list of codes. Used for the complaint taxonomy and (with one category)
/// for the reportable-misconduct list.
public struct Taxonomy: Hashable, Codable, Sendable {
  public let name: String
  public let version: Int
  public let effectiveFrom: CivilDate
  public let categories: [TaxonomyCategory]

  public init(name: String, version: Int, effectiveFrom: CivilDate, categories: [TaxonomyCategory]) {
    self.name = name
    self.version = version
    self.effectiveFrom = effectiveFrom
    self.categories = categories
  }

  public var items: [TaxonomyItem] { categories.flatMap(\.items) }

  public func category(_ code: String) -> TaxonomyCategory? {
    categories.first { $0.code == code }
  }

  /// The item, checked to belong to the category the order names.
  public func item(_ itemCode: String, in categoryCode: String) throws(TaxonomyError) -> TaxonomyItem {
    guard let category = category(categoryCode) else { throw .unknownCategory(categoryCode) }
    if let item = category.items.first(where: { $0.code == itemCode }) { return item }
    if items.contains(where: { $0.code == itemCode }) {
      throw .itemNotInCategory(item: itemCode, category: categoryCode)
    }
    throw .unknownItem(itemCode)
  }
}

extension Taxonomy {
  private static func category(
    _ code: String, _ zh: String, _ en: String, _ items: [(String, String, String)]
  ) -> TaxonomyCategory {
    TaxonomyCategory(
      code: code, chineseName: zh, englishName: en,
      items: items.map { TaxonomyItem(code: "\(code).\($0.0)", chineseName: $0.1, englishName: $0.2) })
  }

  /// Complaint taxonomy version 1: 4 categories, 2 + 6 + 8 + 1 = 17 items (WO-TAXONOMY-COMPLAINT).
  public static let complaintsV1 = Taxonomy(
    name: "complaint", version: 1, effectiveFrom: CivilDate(year: 2025, month: 1, day: 1)!,
    categories: [
      category(
        "conduct", "服务规范类", "Service conduct",
        [("attitude", "服务态度", "Service attitude"), ("standards", "服务规范", "Service standards")]),
      category(
        "marketing", "营销管理类", "Marketing management",
        [
          ("meterReading", "抄表质量", "Meter reading quality"),
          ("businessFees", "营业收费", "Business fees"),
          ("tariff", "电费电价", "Electricity bills and tariff"),
          ("arrearsCollection", "催收电费", "Arrears collection"),
          ("metering", "电能计量", "Metering"),
          ("connection", "报装接电", "New connection"),
        ]),
      category(
        "operations", "运行维护类", "Operation and maintenance",
        [
          ("faultHandling", "故障处理", "Fault handling"),
          ("supplyQuality", "供电质量", "Supply quality"),
          ("outageNotice", "停电公告", "Outage notice"),
          ("applianceDamage", "电器损坏", "Appliance damage"),
          ("safetyHazard", "安全隐患", "Safety hazard"),
          ("constructionQuality", "施工质量", "Construction quality"),
          ("environment", "环保", "Environment"),
          ("gridUpgrade", "电网改造", "Grid upgrade"),
        ]),
      category(
        "publicity", "供电方宣传责任类", "Supply-side publicity",
        [("insufficientExplanation", "因供电方宣传不到位引发的投诉", "Insufficient explanation by the supplier")]),
    ])
}
