import Foundation
import Testing

/// Rule ARCH-BOUNDARY (docs/architecture.md): a feature uses another feature only through what
/// that feature publishes in `Features/<Feature>/<Feature>Interface.swift`; Platform and the
/// Directory, which every feature uses, name no feature at all.
@Suite("Feature boundaries")
struct FeatureBoundaryTests {
  let tree = SourceTree()
  static let features = "Sources/App/Features/"

  /// The feature a file belongs to, or nil outside `Features/`.
  static func feature(of path: String) -> String? {
    guard path.hasPrefix(features) else { return nil }
    return path.dropFirst(features.count).split(separator: "/").first.map(String.init)
  }

  /// Each feature's top-level types, what it publishes, and every type name it declares.
  struct Map {
    var owner: [String: String] = [:]
    var published: [String: Set<String>] = [:]
    var declared: [String: Set<String>] = [:]
    var models: [String: Set<String>] = [:]
  }

  func map() throws -> Map {
    var map = Map()
    for path in tree.swiftFiles(under: Self.features) {
      guard let feature = Self.feature(of: path) else { continue }
      let code = try tree.code(path)
      let top = SourceTree.topLevelTypes(in: code)
      for type in top { map.owner[type] = feature }
      map.declared[feature, default: []].formUnion(SourceTree.declaredTypes(in: code))
      if path.hasSuffix("/\(feature)Interface.swift") { map.published[feature, default: []].formUnion(top) }
      map.models[feature, default: []].formUnion(
        SourceTree.matches("^(?:final\\s+)?class\\s+(\\w+)\\s*:\\s*Model\\b", in: code, options: .anchorsMatchLines))
    }
    return map
  }

  @Test("ARCH-BOUNDARY: a feature names another feature's types only if that feature publishes them")
  func featuresMeetThroughInterfaces() throws {
    // Setup: the map of the features' types
    let map = try map()
    #expect(map.owner.count > 100, "the scan found the features' types")
    // Act: scan each feature's files for other features' type names
    var violations: [String] = []
    for path in tree.swiftFiles(under: Self.features) {
      guard let feature = Self.feature(of: path) else { continue }
      let own = map.declared[feature] ?? []
      for name in SourceTree.typeNames(in: try tree.code(path)).sorted() {
        guard let other = map.owner[name], other != feature, !own.contains(name) else { continue }
        if !(map.published[other] ?? []).contains(name) { violations.append("\(path) names \(other)'s \(name)") }
      }
    }
    // Check: no unpublished type is named
    #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
  }

  @Test("ARCH-BOUNDARY: Platform and the Directory name no feature's type")
  func sharedCodeNamesNoFeature() throws {
    // Setup: the map of the features' types
    let map = try map()
    // Act: scan Platform and the Directory for feature type names
    var violations: [String] = []
    for path in tree.swiftFiles(under: "Sources/App/Platform") + tree.swiftFiles(under: "Sources/App/Directory") {
      let code = try tree.code(path)
      let own = SourceTree.declaredTypes(in: code)
      for name in SourceTree.typeNames(in: code).sorted() where !own.contains(name) {
        if let feature = map.owner[name] { violations.append("\(path) names \(feature)'s \(name)") }
      }
    }
    // Check: none is named
    #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
  }

  @Test("ARCH-BOUNDARY: what a feature publishes is plain values and functions, never a Fluent model")
  func interfacesPublishNoModels() throws {
    // Setup: the map of the features' types and models
    let map = try map()
    #expect(!(map.models["WorkOrders"] ?? []).isEmpty, "the scan finds models")
    // Act: compare what each feature publishes with its models
    // Check: no model published; units and people are declared outside the features
    for (feature, published) in map.published {
      #expect(published.isDisjoint(with: map.models[feature] ?? []), "\(feature) publishes a model")
    }
    // Units and people are the Directory's, not a feature's.
    for type in ["OrgUnit", "User", "ApiToken"] { #expect(map.owner[type] == nil, "\(type) is declared in a feature") }
  }

  @Test("The scanner sees code, not comments or text")
  func scannerKeepsOnlyCode() {
    // Setup: a sample with names in comments, strings and code
    // Act: reduce it to code
    let code = SourceTree.code(
      of: ##"""
        // Inbox in a comment
        let a = "WorkOrder in text \(Survey.name) \"quoted\""  /* Calendar */
        let b = #"Raw "Home" text \#(Analysis.x)"#
        let c = """
          Multiline Notice
          """
        struct Top {
          struct Nested {}
        }
        """##)
    // Check: only the code's type names are found
    #expect(SourceTree.typeNames(in: code) == ["Survey", "Analysis", "Top", "Nested"])
    #expect(SourceTree.topLevelTypes(in: code) == ["Top"])
    #expect(SourceTree.declaredTypes(in: code) == ["Top", "Nested"])
  }
}
