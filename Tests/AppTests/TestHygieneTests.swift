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
      for suite in suites.subtracting(own) where file.code.contains(suite + ".") || file.code.contains(suite + "()") {
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

  /// String literals in `text` that are whole paths of a route (`"/work-orders/\(id)?view=mine"`,
  /// `"/accountability/scores#score-"`), or their start (`"/surveys/rosters/pending/"`).
  static func literalRoutes(in text: String, templates: [[Substring]]) -> [String] {
    SourceTree.matches(#"(?<![#\\])"(/[^"\s?#]*)"#, in: text).filter { literal in
      let segments = literal.split(separator: "/")
      let isStart = literal.hasSuffix("/")
      // A percent-encoded literal is a deliberately malformed URL, which no typed path can build.
      return !segments.isEmpty && !literal.contains("%")
        && templates.contains { template in
          (template.count == segments.count || isStart && template.count > segments.count)
            && zip(template, segments).allSatisfy { part, segment in part.hasPrefix(":") || part == segment }
        }
    }.sorted()
  }

  /// First lines of the `@Test` functions in `text` that do not mark their phases: a `// Setup`,
  /// an `// Act` and a `// Check` comment, first met in that order.
  static func unmarkedTests(in text: String) -> [Int] {
    let code = SourceTree.code(of: text).split(separator: "\n", omittingEmptySubsequences: false)
    let raw = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard code.count == raw.count, let marker = try? Regex(#"^\s*// (Setup|Act|Check)\b"#) else { return [-1] }
    var unmarked: [Int] = []
    var line = 0
    while line < code.count {
      guard code[line].contains("@Test"), let start = (line..<code.count).first(where: { code[$0].contains("func ") }) else {
        line += 1
        continue
      }
      var depth = 0
      var end = code.count - 1
      scan: for index in start..<code.count {
        for character in code[index] where character == "{" || character == "}" { depth += character == "{" ? 1 : -1 }
        if depth == 0 && code[index].contains("}") {
          end = index
          break scan
        }
      }
      var order: [String] = []
      for text in raw[start...end] {
        if let found = text.firstMatch(of: marker), let name = found.output[1].substring.map(String.init), !order.contains(name) {
          order.append(name)
        }
      }
      if order != ["Setup", "Act", "Check"] { unmarked.append(start + 1) }
      line = end + 1
    }
    return unmarked
  }

  @Test("Rule ARCH-TEST-FIXTURES: the phase check sees a test without markers and one with them out of order")
  func phaseCheckFindsThem() {
    let marked = "@Test func a() {\n  // Setup: x\n  let a = 1\n  // Act: y\n  // Check: z\n  #expect(a == 1)\n}\n"
    let unmarked = "@Test func b() {\n  let b = 2\n  #expect(b == 2)\n}\n"
    let swapped = "@Test func c() {\n  // Setup\n  // Check\n  // Act\n}\n"
    #expect(Self.unmarkedTests(in: marked + unmarked + swapped) == [8, 12])
  }

  @Test("Rule ARCH-TEST-FIXTURES: every app test reads as setup / act / check")
  func phasesMarked() throws {
    var found: [String] = []
    for path in Self.tree.swiftFiles(under: "Tests/AppTests") where !path.contains("/Support/") && !path.hasSuffix("TestHygieneTests.swift")
    {
      found += Self.unmarkedTests(in: try Self.tree.text(path)).map { "\(path):\($0)" }
    }
    #expect(found.isEmpty, "tests without // Setup, // Act and // Check: \(found.joined(separator: ", "))")
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
