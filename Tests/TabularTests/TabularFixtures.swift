import Foundation

@testable import Tabular

/// Fixtures shared by more than one suite of this target.
enum TabularFixtures {
  /// Quoted commas and line breaks, doubled quotes, CRLF, a lone CR, blank lines, a BOM and no
  /// final line break.
  static let text =
    "\u{FEFF}户号,户名,用电地址\r\n1001,\"张,三\",\"临川县\n解放路\"\r\n\n1002,李四,\"说\"\"好\"\"的\"\r1003,王五,城区\n\n\n1004,\"赵\r\n六\",\n1005,钱七,末行"
}
