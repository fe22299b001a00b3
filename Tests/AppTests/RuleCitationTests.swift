import Foundation
import Testing

/// Rules are cited by their identifiers (docs/rules/README.md, "Citing a rule"): a reader of the
/// repository finds every cited rule under a heading in `docs/rules/` or in
/// `docs/architecture.md`, and nothing cites a document or an issue that is not in the repository.
@Suite("Rule citations")
struct RuleCitationTests {
  let tree = SourceTree()
  static let scanned = ["Sources", "Tests", "e2e", "bench", "scripts", "docs"]
  static let thisFile = "Tests/AppTests/RuleCitationTests.swift"

  /// What a reader of the repository cannot look up, with the words a failure names it by. An
  /// article of a company document (第十四条) may be named only in a rule's source, in docs/rules.
  static let outsideCitations: [(what: String, pattern: String, allowedUnder: String?)] = [
    ("the domain notes", #"DOMAIN\.md"#, nil),
    ("a section sign", #"§\s?[0-9]"#, nil),
    ("a seed document", #"(?i)\bseeds?\s+0[0-9]"#, nil),
    ("an issue number", #"(?i)\bissues?(?:'s)?\s+(?:items?\s+)?#?[0-9]"#, nil),
    ("an article of a company document", #"第[一二三四五六七八九十百零〇0-9]+条"#, "docs/rules/"),
  ]

  /// Text files under the scanned folders, relative to the repository root, with their lines.
  func textFiles() -> [(path: String, lines: [Substring])] {
    let prefix = tree.root.path.hasSuffix("/") ? tree.root.path : tree.root.path + "/"
    var files: [(String, [Substring])] = []
    for folder in Self.scanned {
      // Hidden folders (e2e/.venv, the test command's Python packages) and generated output are not the repository's text.
      guard
        let walker = FileManager.default.enumerator(
          at: tree.root.appendingPathComponent(folder), includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
      else { continue }
      for case let url as URL in walker {
        let path = url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.path
        guard path != Self.thisFile, !path.contains("/artifacts/"), !path.contains("__pycache__"),
          let data = FileManager.default.contents(atPath: url.path),
          let text = String(data: data, encoding: .utf8)
        else { continue }
        files.append((path, text.split(separator: "\n", omittingEmptySubsequences: false)))
      }
    }
    return files.sorted { $0.0 < $1.0 }
  }

  /// "path:line: what — the line" for every line of `files` that cites something outside the repository.
  static func outsideCitations(in files: [(path: String, lines: [Substring])]) throws -> [String] {
    let checks = try outsideCitations.map { ($0.what, try NSRegularExpression(pattern: $0.pattern), $0.allowedUnder) }
    var found: [String] = []
    for (path, lines) in files {
      for (index, line) in lines.enumerated() {
        let text = String(line)
        for (what, regex, allowedUnder) in checks
        where !(allowedUnder.map(path.hasPrefix) ?? false)
          && regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        {
          found.append("\(path):\(index + 1): \(what) — \(text.trimmingCharacters(in: .whitespaces))")
        }
      }
    }
    return found
  }

  /// Identifiers defined as headings in `docs/rules/*.md` (`### WO-CLOCK-REPLY — …`) and as bold
  /// lead-ins in `docs/architecture.md` (`**ARCH-SQL — …**`, `**ARCH-BOUNDARY.**`), each with the
  /// places that define it.
  func definedIdentifiers() throws -> [String: [String]] {
    var defined: [String: [String]] = [:]
    let rulesFolder = tree.root.appendingPathComponent("docs/rules")
    let heading = try NSRegularExpression(pattern: #"^#{2,4} ([A-Z]{2,}(?:-[A-Z0-9]+)+) — "#, options: .anchorsMatchLines)
    for name in try FileManager.default.contentsOfDirectory(atPath: rulesFolder.path).sorted() where name.hasSuffix(".md") {
      let text = try tree.text("docs/rules/\(name)")
      for id in Self.captures(heading, in: text) { defined[id, default: []].append("docs/rules/\(name)") }
    }
    let lead = try NSRegularExpression(pattern: #"\*\*([A-Z]{2,}(?:-[A-Z0-9]+)+)(?: — |\.\*\*)"#)
    for id in Set(Self.captures(lead, in: try tree.text("docs/architecture.md"))) {
      defined[id, default: []].append("docs/architecture.md")
    }
    return defined
  }

  static func captures(_ regex: NSRegularExpression, in text: String) -> [String] {
    regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
      Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }
  }

  /// A cited identifier: one of the defined prefixes, a first part that starts with a letter (so an
  /// order number such as `WO-1` is not one), further parts, and `-…` when a family is meant.
  static func citationPattern(prefixes: Set<String>) throws -> NSRegularExpression {
    let alternatives = prefixes.sorted().joined(separator: "|")
    return try NSRegularExpression(
      pattern: #"(?<![A-Za-z0-9_-])((?:"# + alternatives + #")-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)(?![A-Za-z0-9_])(-…)?"#)
  }

  @Test("Nothing in the repository cites the domain notes, a § section, a seed document or an issue number")
  func noOutsideCitations() throws {
    // Setup: the repository's text files
    let files = textFiles()
    #expect(files.count > 400, "the scan reads the repository (\(files.count) files)")
    #expect(files.contains { $0.path == "Sources/Domain/WorkOrders/DefaultSLAPolicy.swift" })
    #expect(files.contains { $0.path == "docs/rules/work-orders.md" })
    // Act: look for outside citations
    let found = try Self.outsideCitations(in: files)
    // Check: none found
    #expect(found.isEmpty, "cite a rule ID from docs/rules or say the reason in words:\n\(found.joined(separator: "\n"))")
  }

  @Test("The citation check names the file and line of each kind of outside citation")
  func outsideCitationsAreFound() throws {
    // Setup: sample lines with each kind of outside citation and some that are not
    let sample: [Substring] = [
      "/// Reply in 4 days (DOMAIN.md).", "// see §2 step 4", "# 88 % as in seed 003", "\"\"\"Intake (issue 3): …",
      "/// (the Issue's item 8)", "// WO-CLOCK-REPLY, issued 2 days later", "// Issue.record(\"x\")",
      "// review first (第十四条)",
    ]
    // Act: scan a rule source and the sample
    // Check: the rule source may name an article; each citation found by file and line
    #expect(try Self.outsideCitations(in: [("docs/rules/x.md", ["[002 第十四条]"])]).isEmpty, "a rule's source may name the article")
    let found = try Self.outsideCitations(in: [("x.swift", sample)])
    #expect(
      found.map { $0.components(separatedBy: " — ")[0] } == [
        "x.swift:1: the domain notes", "x.swift:2: a section sign", "x.swift:3: a seed document", "x.swift:4: an issue number",
        "x.swift:5: an issue number", "x.swift:8: an article of a company document",
      ])
  }

  @Test(
    "Every rule ID cited in code, tests, browser tests, benchmarks, scripts and docs is a heading in docs/rules or docs/architecture.md")
  func citedIdentifiersExist() throws {
    // Setup: the identifiers defined in docs, each defined once
    let defined = try definedIdentifiers()
    #expect(defined.count > 140, "the rules files define the identifiers (\(defined.count) found)")
    for id in ["WO-CLOCK-REPLY", "SV-SCALE", "KPI-DRILL-DOWN", "ARCH-BOUNDARY", "ARCH-SQL"] { #expect(defined[id] != nil, "\(id)") }
    let twice = defined.filter { $0.value.count > 1 }.keys.sorted()
    #expect(twice.isEmpty, "defined more than once: \(twice)")
    // Act: scan every text file for cited identifiers
    let prefixes = Set(defined.keys.compactMap { $0.split(separator: "-").first.map(String.init) })
    let pattern = try Self.citationPattern(prefixes: prefixes)
    var unknown: [String] = []
    var cited = 0
    for (path, lines) in textFiles() {
      for (index, line) in lines.enumerated() {
        let text = String(line)
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
          guard let idRange = Range(match.range(at: 1), in: text) else { continue }
          let id = String(text[idRange])
          let family = match.range(at: 2).location != NSNotFound
          let known = family ? defined.keys.contains { $0.hasPrefix(id + "-") } : defined[id] != nil
          cited += 1
          if !known { unknown.append("\(path):\(index + 1): \(id)\(family ? "-…" : "")") }
        }
      }
    }
    // Check: many found, none undefined
    #expect(cited > 500, "the scan finds the citations (\(cited))")
    #expect(unknown.isEmpty, "cited but not defined in docs/rules or docs/architecture.md:\n\(unknown.joined(separator: "\n"))")
  }

  @Test("A test whose name starts with \"Rule\" names the rule's identifier right after it")
  func ruleTestsNameTheirRule() throws {
    // Setup: the rule prefixes and a pattern for a rule test without its identifier
    let prefixes = Set(try definedIdentifiers().keys.compactMap { $0.split(separator: "-").first.map(String.init) })
    let unnamed = try NSRegularExpression(
      pattern: #""Rule(?::|\s)(?!\s*(?:"# + prefixes.sorted().joined(separator: "|") + #")-[A-Z])"#)
    // Act: scan the test files' lines
    var ruleTests = 0
    var missing: [String] = []
    for (path, lines) in textFiles() where path.hasPrefix("Tests/") && path.hasSuffix(".swift") {
      for (index, line) in lines.enumerated() {
        let text = String(line)
        if text.contains("\"Rule ") || text.contains("\"Rule:") { ruleTests += 1 }
        if unnamed.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
          missing.append("\(path):\(index + 1): \(text.trimmingCharacters(in: .whitespaces))")
        }
      }
    }
    // Check: many rule tests, each naming its identifier
    #expect(ruleTests > 250, "the scan finds the rule tests (\(ruleTests))")
    #expect(missing.isEmpty, "write \"Rule <ID>: …\" with the identifier from docs/rules:\n\(missing.joined(separator: "\n"))")
  }

  @Test("The citation pattern reads IDs, families and lists, and leaves order numbers alone")
  func citationPattern() throws {
    // Setup: a pattern for two prefixes and a sample text
    let pattern = try Self.citationPattern(prefixes: ["WO", "KPI"])
    let text = "Rule WO-CLOCK-REPLY, KPI-COMPLAINTS-PER-10K: the WO-CLOCK-… rules; order WO-17, XWO-A, WO-Bad"
    // Act: match the text
    let found = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
      (Range(match.range(at: 1), in: text).map { String(text[$0]) } ?? "") + (match.range(at: 2).location != NSNotFound ? "-…" : "")
    }
    // Check: the identifiers and the family, not the order numbers
    #expect(found == ["WO-CLOCK-REPLY", "KPI-COMPLAINTS-PER-10K", "WO-CLOCK-…"])
  }

  @Test("Every rule heading is in the index of docs/rules/README.md")
  func headingsAreIndexed() throws {
    // Setup: the rules index
    let index = try tree.text("docs/rules/README.md")
    // Act: find rule headings missing from it
    let missing = try definedIdentifiers().filter { $0.value.contains { $0.hasPrefix("docs/rules/") } }.keys
      .filter { !index.contains("| `\($0)` |") }.sorted()
    // Check: none missing
    #expect(missing.isEmpty, "add to the index of docs/rules/README.md: \(missing)")
  }
}
