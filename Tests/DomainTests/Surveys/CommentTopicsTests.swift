import Testing

@testable import Domain

@Suite("Problems customers raise in open comments")
struct CommentTopicsTests {
  @Test("Rule SV-COMMENT-TOPICS: comments are grouped by the module they mention, several modules counted for each")
  func grouping() {
    let topics = CommentTopics.standard
    #expect(topics.modules(of: "夏天经常停电") == [.stability])
    #expect(topics.modules(of: "营业厅排队时间长，电费账单看不懂") == [.billing, .hall])
    #expect(topics.modules(of: "95598 电话打不通") == [.hotline95598])
    #expect(topics.modules(of: "服务态度很好，感谢！").isEmpty)
    let tally = topics.tally(["夏天经常停电", "停电没有提前通知", "服务很好"])
    #expect(tally.byModule == [.stability: 2, .communication: 1])
    #expect(tally.unmatched == 1)
  }
}
