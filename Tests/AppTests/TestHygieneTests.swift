import Foundation
import Testing

/// Rule ARCH-TEST-FIXTURES (docs/architecture.md): the tests themselves are held to it by reading
/// their sources, as `FeatureBoundaryTests` holds the application's.
@Suite("Tests fail rather than crash, and share fixtures from one place")
struct TestHygieneTests {
  static let tree = SourceTree()

  /// Test files with the code of each (comments and string texts removed).
  static func testFiles() throws -> [(path: String, code: String)] {
    try tree.swiftFiles(under: "Tests").map { ($0, try tree.code($0)) }
  }

  /// `x!`, `f()!`, `try #require(a[k])` and `try!`: a postfix `!` that is not the start of `!=`.
  static func forceUnwraps(in code: String) -> [Int] {
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
    guard let pattern = try? Regex(#"[\w\)\]]!(?!=)"#) else { return [-1] }
    return lines.enumerated().compactMap { index, line in line.contains(pattern) ? index + 1 : nil }
  }

  @Test("Rule ARCH-TEST-FIXTURES: no test force-unwraps or uses try!; a missing value fails its test")
  func noForceUnwraps() throws {
    let files = try Self.testFiles()
    #expect(files.count > 50, "the test sources were not found")
    let found = files.flatMap { file in Self.forceUnwraps(in: file.code).map { "\(file.path):\($0)" } }
    #expect(found.isEmpty, "force-unwraps in tests: \(found.joined(separator: ", "))")
  }

  @Test("Rule ARCH-TEST-FIXTURES: the check sees a force-unwrap, try! and a subscript unwrap, and not != or a prefix !")
  func checkFindsThem() {
    #expect(Self.forceUnwraps(in: "let a = b!\nlet c = try! d()\nlet e = f[g]!.h\nlet i = j() != k\nlet l = !m") == [1, 2, 3])
  }

  @Test("Rule ARCH-TEST-FIXTURES: no suite borrows another suite's fixtures (they live in the support files)")
  func noBorrowedFixtures() throws {
    let files = try Self.testFiles()
    let suites = Set(files.flatMap { SourceTree.topLevelTypes(in: $0.code).filter { $0.hasSuffix("Tests") } })
    var borrowed: [String] = []
    for file in files {
      let own = SourceTree.topLevelTypes(in: file.code)
      for suite in suites.subtracting(own) where file.code.contains(suite + ".") {
        borrowed.append("\(file.path) uses \(suite)")
      }
    }
    #expect(borrowed.isEmpty, "\(borrowed.joined(separator: "; "))")
  }

  /// The route templates of `Paths` (Sources/App/Platform/Paths.swift), as their segments.
  static func routeTemplates() throws -> [[Substring]] {
    let paths = try tree.text("Sources/App/Platform/Paths.swift")
    return SourceTree.matches(#"RoutePath\("([^"]+)"\)"#, in: paths).map { $0.split(separator: "/") }
  }

  /// String literals in `text` that are whole paths of a route: `"/work-orders/\(id)?view=mine"`.
  static func literalRoutes(in text: String, templates: [[Substring]]) -> [String] {
    SourceTree.matches(#"(?<![#\\])"(/[^"\s?]*)"#, in: text).filter { literal in
      let segments = literal.split(separator: "/")
      // A percent-encoded literal is a deliberately malformed URL, which no typed path can build.
      return !segments.isEmpty && !literal.contains("%")
        && templates.contains { template in
          template.count == segments.count
            && zip(template, segments).allSatisfy { part, segment in part.hasPrefix(":") || part == segment }
        }
    }.sorted()
  }

  @Test("Rule ARCH-TEST-FIXTURES: tests build links from the typed paths (Paths.…link), not literal URLs")
  func typedPaths() throws {
    let templates = try Self.routeTemplates()
    #expect(templates.count > 100, "the route templates were not found")
    #expect(Self.literalRoutes(in: #"get("/work-orders/\(id)") get("/tmp/x")"#, templates: templates) == [#"/work-orders/\(id)"#])
    var found: [String] = []
    for path in Self.tree.swiftFiles(under: "Tests/AppTests") where !path.hasSuffix("TestHygieneTests.swift") {
      found += Self.literalRoutes(in: try Self.tree.text(path), templates: templates).map { "\(path): \($0)" }
    }
    #expect(found.isEmpty, "literal URLs in tests: \(found.joined(separator: ", "))")
  }
}
