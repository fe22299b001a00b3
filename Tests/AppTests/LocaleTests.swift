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
    let zh = try table("zh-CN")
    let en = try table("en")
    #expect(Set(zh.keys) == Set(en.keys))
    #expect(zh.values.allSatisfy { !$0.isEmpty })
    #expect(en.values.allSatisfy { !$0.isEmpty })
  }

  @Test("Every key used by a template or the code exists")
  func usedKeysExist() throws {
    let zh = try table("zh-CN")
    var used: Set<String> = []
    let fm = FileManager.default
    let literal = try NSRegularExpression(pattern: #"#tf?\("([a-z0-9_.]+)""#)
    let swiftKey = try NSRegularExpression(
      pattern:
        #""((?:analysis|error|validation|unit|user|login|calendar|import|department|home|nav|entity|audit|tokens|units|users|departments|action|workorder)\.[a-z0-9_.]+)""#
    )
    for (folder, regex) in [("Resources/Views", literal), ("Sources/App", swiftKey)] {
      let base = root.appendingPathComponent(folder)
      for case let url as URL in fm.enumerator(at: base, includingPropertiesForKeys: nil)!
      where ["leaf", "swift"].contains(url.pathExtension) {
        let text = try String(contentsOf: url, encoding: .utf8)
        for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
          used.insert(String(text[Range(m.range(at: 1), in: text)!]))
        }
      }
    }
    #expect(used.count > 100)
    // A literal that is a prefix completed at run time ("workorder.area" + ".urban") counts when
    // keys under it exist.
    let missing = used.filter { key in zh[key] == nil && !key.hasSuffix(".") && !zh.keys.contains { $0.hasPrefix(key + ".") } }
    #expect(missing.isEmpty, "missing keys: \(missing.sorted())")
    // Keys built at run time from enums.
    for kind in ["company", "city", "county", "station", "hall", "team"] { #expect(zh["unit.kind.\(kind)"] != nil) }
    for role in ["admin", "agent", "lead", "handler", "reviewer", "staff", "analyst", "surveyor", "leader", "hr"] {
      #expect(zh["role.\(role)"] != nil)
    }
    for d in 1...7 { #expect(zh["weekday.\(d)"] != nil) }
  }

  @Test("Every analysis failure key completed at run time exists")
  func analysisFailureKeysExist() throws {
    let zh = try table("zh-CN")
    let en = try table("en")
    let folder = root.appendingPathComponent("Sources/App/Features/Analysis")
    // File, the call that completes a key, and the key's prefix.
    let calls = [
      ("AnalysisJSON.swift", #"AnalysisFailure\("analysis\.fail\.json\.([a-z_]+)""#, "analysis.fail.json."),
      ("CSIAnalysis.swift", #"bad\("([a-z_]+)""#, "analysis.fail.model."),
      ("AHPAnalysis.swift", #"bad\("([a-z_]+)""#, "analysis.fail.ahp."),
      ("AHPAnalysis.swift", #"bad\(hasMatrix \? "([a-z_]+)""#, "analysis.fail.ahp."),
      ("AHPAnalysis.swift", #"bad\(hasMatrix \? "[a-z_]+" : "([a-z_]+)""#, "analysis.fail.ahp."),
      ("AHPAnalysis.swift", #"what: "([a-z]+)""#, "analysis.fail.file_missing."),
      ("CSIAnalysis.swift", #"what: "([a-z]+)""#, "analysis.fail.file_unreadable."),
    ]
    var checked = 0
    for (file, pattern, prefix) in calls {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let regex = try NSRegularExpression(pattern: pattern)
      for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let key = prefix + String(text[Range(m.range(at: 1), in: text)!])
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
    let failure = AnalysisFailure("analysis.fail.not_a_number", "d.csv", "7", "Q1", "abc")
    #expect(failure.description == "data file 'd.csv', line 7, column 'Q1': 'abc' is not a number")
    let error = failure.appError(field: "file")
    #expect(error.messageKey == "analysis.fail.not_a_number" && error.args == ["d.csv", "7", "Q1", "abc"] && error.field == "file")
    // An unknown key still shows its arguments.
    #expect(AnalysisFailure("analysis.fail.no_such_key", "x").description == "analysis.fail.no_such_key | x")
  }
}
