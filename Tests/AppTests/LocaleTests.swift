import Foundation
import Testing

@testable import App

/// Every user-visible string is in the locale files, zh-CN first and English second.
@Suite("Locale files")
struct LocaleTests {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  func table(_ name: String) throws -> [String: String] {
    try JSONDecoder().decode([String: String].self, from: Data(contentsOf: root.appendingPathComponent("Resources/Locales/\(name).json")))
  }

  @Test("zh-CN and English have the same keys and no empty text")
  func sameKeys() throws {
    // Setup: read the zh-CN and English tables
    let zh = try table("zh-CN")
    let en = try table("en")
    // Act: compare their keys and texts
    // Check: the same keys, no empty text
    #expect(Set(zh.keys) == Set(en.keys))
    #expect(zh.values.allSatisfy { !$0.isEmpty })
    #expect(en.values.allSatisfy { !$0.isEmpty })
  }

  /// Every key a template (`#t("…")`, `#tf("…")`) or the application's code (a `t("…")` call, or
  /// any string literal under a top-level prefix of the zh-CN file: `survey.`, `inbox.`, `kpi.` …)
  /// names, with the file that names it first.
  func usedKeys(prefixes: Set<String>) throws -> [String: String] {
    let leaf = try NSRegularExpression(pattern: #"#tf?\("([^"\\]+)""#)
    let call = try NSRegularExpression(pattern: #"\bt\("([^"\\]+)""#)
    let alternatives = prefixes.sorted().map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
    let literal = try NSRegularExpression(pattern: "\"((?:" + alternatives + #")\.[A-Za-z0-9_.\-]+)""#)
    var used: [String: String] = [:]
    for (folder, regexes) in [("Resources/Views", [leaf]), ("Sources/App", [literal, call])] {
      let base = root.appendingPathComponent(folder)
      let walker = try #require(FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil), "\(folder) exists")
      for case let url as URL in walker where ["leaf", "swift"].contains(url.pathExtension) {
        let text = try String(contentsOf: url, encoding: .utf8)
        // Comments show how a call looks (`t("key")`); they use no key.
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("/") {
          let line = String(line)
          for regex in regexes {
            for m in regex.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
              guard let range = Range(m.range(at: 1), in: line), used[String(line[range])] == nil else { continue }
              used[String(line[range])] = String(url.path.dropFirst(root.path.count + 1))
            }
          }
        }
      }
    }
    return used
  }

  @Test("Every key used by a template or the code exists in zh-CN and in English")
  func usedKeysExist() throws {
    // Setup: the two tables and the key prefixes of zh-CN
    let zh = try table("zh-CN")
    let en = try table("en")
    // The prefixes come from the zh-CN file, so a feature's new prefix is checked without editing this test.
    let prefixes = Set(zh.keys.compactMap { $0.split(separator: ".").first.map(String.init) })
    for prefix in ["survey", "inbox", "kpi", "workorder", "analysis", "calendar"] { #expect(prefixes.contains(prefix), "\(prefix)") }
    // Act: scan templates and code for the keys they use
    let used = try usedKeys(prefixes: prefixes)
    // Check: many keys found, each in both tables, and the enum keys exist
    #expect(used.count > 500, "the scan finds the keys (\(used.count))")
    // Keys only Swift code names, under prefixes the scan did not read before.
    for key in ["survey.no_data", "inbox.extension_request", "kpi.volume"] { #expect(used[key] != nil, "\(key) is found") }
    // A literal that is a prefix completed at run time ("workorder.area" + ".urban") counts when
    // keys under it exist in the file.
    func defined(_ key: String, in table: [String: String]) -> Bool {
      table[key] != nil || key.hasSuffix(".") || table.keys.contains { $0.hasPrefix(key + ".") }
    }
    for (name, file) in [("zh-CN", zh), ("en", en)] {
      let missing = used.filter { !defined($0.key, in: file) }.map { "\($0.key) (\($0.value))" }.sorted()
      #expect(missing.isEmpty, "missing from \(name).json: \(missing)")
    }
    // Keys built at run time from enums.
    for kind in ["company", "city", "county", "station", "hall", "team"] { #expect(zh["unit.kind.\(kind)"] != nil) }
    for role in ["admin", "agent", "lead", "handler", "reviewer", "staff", "analyst", "surveyor", "leader", "hr"] {
      #expect(zh["role.\(role)"] != nil)
    }
    for d in 1...7 { #expect(zh["weekday.\(d)"] != nil) }
  }

  @Test("Every analysis failure key completed at run time exists")
  func analysisFailureKeysExist() throws {
    // Setup: the two tables and the calls that complete failure keys
    let zh = try table("zh-CN")
    let en = try table("en")
    let folder = root.appendingPathComponent("Sources/App/Features/Analysis")
    // File, the call that completes a key, and the key's prefix. Each file must exist and each call
    // must be found in it: a renamed file or call fails here instead of checking nothing.
    let calls = [
      ("AnalysisJSON.swift", #"AnalysisFailure\("analysis\.fail\.json\.([a-z_]+)""#, "analysis.fail.json."),
      ("CSIAnalysis.swift", #"bad\("([a-z_]+)""#, "analysis.fail.model."),
      ("AHPAnalysis.swift", #"bad\("([a-z_]+)""#, "analysis.fail.ahp."),
      ("AHPAnalysis.swift", #"bad\([^"()]+ \? "([a-z_]+)""#, "analysis.fail.ahp."),
      ("AHPAnalysis.swift", #"bad\([^"()]+ \? "[a-z_]+" : "([a-z_]+)""#, "analysis.fail.ahp."),
      ("AHPAnalysis.swift", #"what: "([a-z]+)""#, "analysis.fail.file_missing."),
      ("CSIAnalysis.swift", #"what: "([a-z]+)""#, "analysis.fail.file_unreadable."),
    ]
    var checked = 0
    // Act: find each call in its file
    for (file, pattern, prefix) in calls {
      let url = folder.appendingPathComponent(file)
      // Check: the file and call exist, and each completed key is in both tables
      try #require(FileManager.default.fileExists(atPath: url.path), "listed file \(file) is missing from Sources/App/Features/Analysis")
      let text = try String(contentsOf: url, encoding: .utf8)
      let regex = try NSRegularExpression(pattern: pattern)
      let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
      #expect(!matches.isEmpty, "\(file) no longer has a call matching \(pattern)")
      for m in matches {
        let key = prefix + String(text[try #require(Range(m.range(at: 1), in: text))])
        #expect(zh[key] != nil && en[key] != nil, "missing key \(key)")
        checked += 1
      }
    }
    #expect(checked >= 27)
    // Both files are read by both commands.
    for what in ["model", "input"] {
      #expect(zh["analysis.fail.file_missing." + what] != nil && zh["analysis.fail.file_unreadable." + what] != nil)
    }
  }

  @Test("An analysis failure reads in English on the command line and carries its key for the pages")
  func analysisFailureText() {
    // Setup: a not-a-number failure
    let failure = AnalysisFailure("analysis.fail.not_a_number", "d.csv", "7", "Q1", "abc")
    // Act: describe it and make its page error
    // Check: an English sentence; the page error keeps key, args and field
    #expect(failure.description == "data file 'd.csv', line 7, column 'Q1': 'abc' is not a number")
    let error = failure.appError(field: "file")
    #expect(error.messageKey == "analysis.fail.not_a_number" && error.args == ["d.csv", "7", "Q1", "abc"] && error.field == "file")
    // An unknown key still shows its arguments.
    #expect(AnalysisFailure("analysis.fail.no_such_key", "x").description == "analysis.fail.no_such_key | x")
  }
}
