import Foundation
import Testing

/// docs/architecture.md stays true to the tree: its "Adding a feature" checklist names every place
/// a new feature touches, and every file it tells a maintainer to read or copy exists.
@Suite("Architecture document")
struct ArchitectureDocTests {
  let tree = SourceTree()

  @Test("\"Adding a feature\" names every place a feature touches")
  func checklistNamesEveryPlace() throws {
    // Setup: read docs/architecture.md
    let text = try tree.text("docs/architecture.md")
    // Act: cut out the "Adding a feature" section
    let start = try #require(text.range(of: "## Adding a feature"), "the section exists")
    let section = text[start.upperBound...]
    // The place, and the words the checklist must name it by.
    let places = [
      ("rules", "docs/rules/"), ("migration list", "Sources/App/Migrations.swift"), ("paths", "Paths.swift"),
      ("routes", "Sources/App/routes.swift"), ("navigation", "Chrome.navigation(for:)"), ("Chinese texts", "zh-CN.json"),
      ("English texts", "en.json"), ("OpenAPI", "Public/openapi.yaml"), ("demo data", "DemoSeed.seedIfEmpty"),
      ("jobs", "app.registerJobs"), ("commands", "registerCommands"), ("interface", "Interface.swift"),
      ("app tests", "withApp"), ("browser tests", "e2e/"), ("formatting", "swift format lint"),
    ]
    // Check: the section names each place by its words
    for (place, words) in places { #expect(section.contains(words), "the checklist names the \(place): \(words)") }
  }

  @Test("Every file docs/architecture.md names exists")
  func namedFilesExist() throws {
    // Setup: read docs/architecture.md
    let text = try tree.text("docs/architecture.md")
    // Act: collect the file names it names
    let regex = try NSRegularExpression(pattern: #"`([A-Za-z0-9_][A-Za-z0-9_./+-]*\.(?:swift|leaf|py|yaml|js|sh|json|md))`"#)
    let named = Set(SourceTree.matches(regex.pattern, in: text))
    // Check: it names more than 60 files
    #expect(named.count > 60, "the document names files (\(named.count) found)")
    // Act: list every file in the tree and look each name up
    let fm = FileManager.default
    var everyFile: Set<String> = []
    for folder in ["Sources", "Tests", "e2e", "Resources", "Public", "bench", "scripts", "docs"] {
      let walker = fm.enumerator(
        at: tree.root.appendingPathComponent(folder), includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
      for case let url as URL in walker ?? .init() {
        everyFile.insert(url.lastPathComponent)
      }
    }
    // Paths are written from the repository root or from where the text is: Sources, the App
    // target, its features or its platform; a bare file name is found anywhere.
    let bases = ["", "Sources/", "Sources/App/", "Sources/App/Features/", "Sources/App/Platform/", "Tests/", "Tests/AppTests/"]
    let missing = named.filter { name in
      !bases.contains { fm.fileExists(atPath: tree.root.appendingPathComponent($0 + name).path) }
        && !(!name.contains("/") && everyFile.contains(name))
    }
    // Check: every named file exists
    #expect(missing.isEmpty, "named in docs/architecture.md but not in the tree: \(missing.sorted())")
  }
}
