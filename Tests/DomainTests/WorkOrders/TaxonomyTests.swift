import Foundation
import Testing

@testable import Domain

/// WO-TAXONOMY-COMPLAINT: complaints fall into 4 categories with 17 items; reportable
/// misconduct (举报) lists 19 items (WO-TAXONOMY-MISCONDUCT).
@Suite("Complaint and misconduct taxonomies")
struct TaxonomyTests {
  let complaints = Taxonomy.complaintsV1

  @Test(
    "Rule WO-TAXONOMY-COMPLAINT: 4 categories, 2 + 6 + 8 + 1 = 17 items",
    arguments: [("conduct", 2), ("marketing", 6), ("operations", 8), ("publicity", 1)])
  func categorySizes(code: String, count: Int) {
    #expect(complaints.category(code)?.items.count == count)
  }

  @Test("Rule WO-TAXONOMY-COMPLAINT: 17 complaint items with unique stable codes, versioned with an effective date")
  func complaintItems() {
    #expect(complaints.categories.count == 4)
    #expect(complaints.items.count == 17)
    #expect(Set(complaints.items.map(\.code)).count == 17)
    #expect(complaints.version == 1)
    #expect(complaints.effectiveFrom == CivilDate(year: 2025, month: 1, day: 1))
    #expect(complaints.items.allSatisfy { !$0.chineseName.isEmpty && !$0.englishName.isEmpty })
  }

  @Test(
    "Rule WO-TAXONOMY-COMPLAINT: an item is accepted only under its own category",
    arguments: [
      ("conduct.attitude", "conduct", nil),
      ("operations.applianceDamage", "operations", nil),
      ("marketing.meterReading", "marketing", nil),
      ("conduct.attitude", "marketing", TaxonomyError.itemNotInCategory(item: "conduct.attitude", category: "marketing")),
      ("conduct.rudeness", "conduct", TaxonomyError.unknownItem("conduct.rudeness")),
      ("conduct.attitude", "billing", TaxonomyError.unknownCategory("billing")),
    ] as [(String, String, TaxonomyError?)])
  func itemLookup(item: String, category: String, expected: TaxonomyError?) {
    do {
      let found = try complaints.item(item, in: category)
      #expect(expected == nil)
      #expect(found.code == item)
    } catch {
      #expect(error == expected)
    }
  }

  @Test(
    "Rule WO-TAXONOMY-COMPLAINT: Chinese names as the company lists them (服务态度, 抄表质量, 电器损坏 …)",
    arguments: [
      ("conduct.attitude", "服务态度"), ("conduct.standards", "服务规范"), ("marketing.tariff", "电费电价"),
      ("marketing.connection", "报装接电"), ("operations.outageNotice", "停电公告"),
      ("operations.gridUpgrade", "电网改造"),
    ])
  func chineseNames(code: String, name: String) {
    #expect(complaints.items.first { $0.code == code }?.chineseName == name)
  }

  @Test("Rule WO-TAXONOMY-MISCONDUCT: reportable misconduct lists 19 items")
  func misconductList() throws {
    let list = Taxonomy.misconductV1
    #expect(list.items.count == 19)
    #expect(Set(list.items.map(\.code)).count == 19)
    #expect(try list.item("misconduct.designatedContractors", in: "misconduct").chineseName.contains("指定"))
    #expect(try list.item("misconduct.repairArrivalLate", in: "misconduct").englishName.contains("45 min"))
  }
}
