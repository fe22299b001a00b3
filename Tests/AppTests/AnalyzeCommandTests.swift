import Analytics
import ConsoleKit
import Foundation
import Testing

@testable import App

/// Paths and temporary files for the analyze tests. Fixtures are the ECSI files of the
/// Analytics tests, found from this file's location (AppTests declares no resources).
private enum AnalyzeFixtures {
  static let analyticsFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("AnalyticsTests/Fixtures")
  static var satisfaction: String { analyticsFixtures.appendingPathComponent("satisfaction.csv").path }

  static let satisfactionPaths: [(String, String)] = [
    ("IMAG", "EXPE"), ("IMAG", "SAT"), ("IMAG", "LOY"), ("EXPE", "QUAL"), ("EXPE", "VAL"), ("EXPE", "SAT"),
    ("QUAL", "VAL"), ("QUAL", "SAT"), ("VAL", "SAT"), ("SAT", "LOY"),
  ]
  static let blocks: [(String, [String])] = [
    ("IMAG", (1...5).map { "imag\($0)" }), ("EXPE", (1...5).map { "expe\($0)" }), ("QUAL", (1...5).map { "qual\($0)" }),
    ("VAL", (1...4).map { "val\($0)" }), ("SAT", (1...4).map { "sat\($0)" }), ("LOY", (1...4).map { "loy\($0)" }),
  ]

  static var model: PLSModel {
    PLSModel(
      constructs: blocks.map { ConstructSpec(name: $0.0, indicators: $0.1) },
      paths: satisfactionPaths.map { StructuralPath(from: $0.0, to: $0.1) })
  }

  static func modelJSON(blocks: [(String, [String])] = blocks, paths: [(String, String)] = satisfactionPaths) -> String {
    let cs = blocks.map { b in "{\"name\":\"\(b.0)\",\"indicators\":[\(b.1.map { "\"\($0)\"" }.joined(separator: ","))],\"mode\":\"A\"}" }
    let ps = paths.map { "[\"\($0.0)\",\"\($0.1)\"]" }
    return "{\"constructs\":[\n\(cs.joined(separator: ",\n"))\n],\n\"paths\":[\(ps.joined(separator: ","))]}\n"
  }

  /// Writes `content` to a fresh temporary file and returns its path.
  static func temp(_ name: String, _ content: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-analyze-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try content.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static func libraryDataset() throws -> Dataset {
    try Dataset(csv: String(contentsOfFile: satisfaction, encoding: .utf8))
  }
}

/// The command's JSON read back into the struct it is written from, and its text.
private func analyzeJSON<T: Decodable>(_ type: T.Type, _ arguments: [String]) async throws -> (value: T, text: String) {
  let out = try await analyzeInProcess(arguments + ["--json"])
  return (try JSONCoding.decode(type, out), out)
}

/// True when every piece occurs in `text`, each after the one before: keys written in this order.
func inOrder(_ text: String, _ pieces: [String]) -> Bool {
  var from = text.startIndex
  for piece in pieces {
    guard let found = text.range(of: piece, range: from..<text.endIndex) else { return false }
    from = found.upperBound
  }
  return true
}

/// The one-line message of a failing run (fails the test if the run succeeds).
private func failure(_ arguments: [String]) async -> String {
  do {
    let out = try await analyzeInProcess(arguments + ["--json"])
    Issue.record("expected a failure, got output \(out.prefix(200))")
    return ""
  } catch {
    let message = AnalyzeCommands.message(for: error)
    #expect(!message.contains("\n"))
    #expect(!message.isEmpty)
    return message
  }
}

private func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-12) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tol * max(1, abs(b))
}

@Suite("analyze command group")
struct AnalyzeCommandTests {
  // MARK: csi

  @Test("csi --json: the contract's keys, every value equal to the library's")
  func csiMatchesLibrary() async throws {
    // Setup: the ECSI model file
    let modelPath = try AnalyzeFixtures.temp("model.json", AnalyzeFixtures.modelJSON())
    // Act: run csi --json on the satisfaction data on 0–10
    let (json, text) = try await analyzeJSON(
      CSIOutputs.self, ["csi", "--data", AnalyzeFixtures.satisfaction, "--model", modelPath, "--scale", "0:10"])
    let keys = [
      "outerWeights", "loadings", "paths", "rSquared", "totalEffects", "index", "ipma", "ipmaTarget", "quality", "htmt", "iterations",
      "converged", "scale", "rows",
    ]
    // Check: the contract's keys in order, no bootstrap
    #expect(inOrder(text, keys.map { "\"\($0)\":" }), "the contract's keys in its order")
    #expect(json.bootstrap == nil && !text.contains("\"bootstrap\""))

    // Check: every value equals the library's fit, in model order
    let fit = try PLSEstimator.estimate(model: AnalyzeFixtures.model, data: try AnalyzeFixtures.libraryDataset())
    let names = fit.constructNames
    // Constructs and indicators in model order.
    #expect(inOrder(text, ["\"outerWeights\":{"] + AnalyzeFixtures.blocks.flatMap { c, i in ["\"\(c)\":{"] + i.map { "\"\($0)\":" } }))
    #expect(Set(json.outerWeights.names) == Set(names))
    for (c, indicators) in AnalyzeFixtures.blocks {
      #expect(Set(json.outerWeights[c]?.names ?? []) == Set(indicators))
      for i in indicators {
        #expect(close(json.outerWeights[c]?[i], try fit.outerWeight(i)))
        #expect(close(json.loadings[c]?[i], try fit.loading(i)))
      }
    }
    for (f, t) in AnalyzeFixtures.satisfactionPaths {
      #expect(close(json.paths[f]?[t], try fit.path(from: f, to: t)))
      #expect(close(json.totalEffects[f]?[t], try fit.totalEffect(from: f, to: t)))
    }
    // Indirect-only effect (IMAG reaches VAL through EXPE and QUAL) is a total effect, not a path.
    #expect(json.paths["IMAG"]?["VAL"] == nil)
    #expect(close(json.totalEffects["IMAG"]?["VAL"], try fit.totalEffect(from: "IMAG", to: "VAL")))
    #expect(inOrder(text, ["\"rSquared\":{\"EXPE\":", "\"QUAL\":", "\"VAL\":", "\"SAT\":", "\"LOY\":", "},\"totalEffects\""]))
    #expect(json.rSquared.names.count == 5)
    for c in ["EXPE", "QUAL", "VAL", "SAT", "LOY"] { #expect(close(json.rSquared[c], try fit.rSquared(c))) }

    let scale = try IndicatorScale(minimum: 0, maximum: 10)
    for ci in try CSIIndex.compute(fit, scale: scale) { #expect(close(json.index[ci.construct], ci.index)) }
    let ipma = try IPMA.analyze(fit, target: "SAT", scale: scale)
    #expect(json.ipma.count == ipma.constructs.count && json.ipmaTarget == "SAT")
    #expect(inOrder(text, ["\"ipma\":[{\"construct\":", "\"importance\":", "\"performance\":"]))
    for (e, expected) in zip(json.ipma, ipma.constructs) {
      #expect(e.construct == expected.name)
      #expect(close(e.importance, expected.importance))
      #expect(close(e.performance, expected.performance))
    }
    #expect(inOrder(text, ["\"quality\":{\"IMAG\":{\"alpha\":", "\"rhoA\":", "\"rhoC\":", "\"ave\":"]))
    for q in try Reliability.assess(fit) {
      let o = try #require(json.quality[q.construct])
      #expect(close(o.alpha, q.cronbachAlpha))
      #expect(close(o.rhoA, q.rhoA))
      #expect(close(o.rhoC, q.compositeReliability))
      #expect(close(o.ave, q.ave))
    }
    let htmt = Validity.htmt(fit)
    for a in names.indices {
      for b in names.indices where a != b {
        #expect(close(json.htmt[names[a]]?[names[b]] ?? nil, htmt[a, b]))
      }
    }
    #expect(json.iterations == fit.iterations)
    #expect(json.converged)
  }

  @Test("csi: default scale is the data's min/max; --scheme, --raw and --weight-column reach the library")
  func csiSettings() async throws {
    // Setup: the ECSI model file and the library's data set
    let modelPath = try AnalyzeFixtures.temp("model.json", AnalyzeFixtures.modelJSON())
    let data = try AnalyzeFixtures.libraryDataset()

    // Act: run csi with the default scale
    let (byDefault, _) = try await analyzeJSON(CSIOutputs.self, ["csi", "--data", AnalyzeFixtures.satisfaction, "--model", modelPath])
    // Check: the index uses the data's min and max
    let fit = try PLSEstimator.estimate(model: AnalyzeFixtures.model, data: data)
    let values = fit.data.values.values
    let scale = try IndicatorScale(minimum: try #require(values.min()), maximum: try #require(values.max()))
    for ci in try CSIIndex.compute(fit, scale: scale) { #expect(close(byDefault.index[ci.construct], ci.index)) }

    // Act: run with --scheme centroid --raw
    let (centroid, _) = try await analyzeJSON(
      CSIOutputs.self, ["csi", "--data", AnalyzeFixtures.satisfaction, "--model", modelPath, "--scheme", "centroid", "--raw"])
    // Check: weights and paths equal the library's centroid raw fit
    let rawFit = try PLSEstimator.estimate(
      model: AnalyzeFixtures.model, data: data, settings: PLSSettings(scheme: .centroid, scaling: .raw))
    #expect(close(centroid.outerWeights["SAT"]?["sat1"], try rawFit.outerWeight("sat1")))
    #expect(close(centroid.paths["VAL"]?["SAT"], try rawFit.path(from: "VAL", to: "SAT")))

    // Case weights from a column: append w = 1, 2, 3, 1, 2, 3, … to the fixture.
    // Act: append a weight column w and run with --weight-column w
    let lines = try String(contentsOfFile: AnalyzeFixtures.satisfaction, encoding: .utf8).split(whereSeparator: \.isNewline)
    let weights = (0..<(lines.count - 1)).map { Double($0 % 3 + 1) }
    let weighted = ([lines[0] + ",w"] + lines.dropFirst().enumerated().map { "\($1),\(Int(weights[$0]))" }).joined(separator: "\n")
    let dataPath = try AnalyzeFixtures.temp("weighted.csv", weighted)
    let (w, _) = try await analyzeJSON(CSIOutputs.self, ["csi", "--data", dataPath, "--model", modelPath, "--weight-column", "w"])
    // Check: the result is the weighted fit, not the unweighted one
    let wFit = try PLSEstimator.estimate(model: AnalyzeFixtures.model, data: data, settings: PLSSettings(caseWeights: weights))
    #expect(close(w.loadings["IMAG"]?["imag4"], try wFit.loading("imag4")))
    #expect(close(w.rSquared["SAT"], try wFit.rSquared("SAT")))
    #expect(!close(w.rSquared["SAT"], try fit.rSquared("SAT")))
  }

  @Test("csi --bootstrap N --seed S: intervals equal PLSBootstrap.run and CSIIndex.bootstrap")
  func csiBootstrap() async throws {
    // Setup: the ECSI model file
    let modelPath = try AnalyzeFixtures.temp("model.json", AnalyzeFixtures.modelJSON())
    // Act: run csi with 30 resamples and seed 7
    let (json, text) = try await analyzeJSON(
      CSIOutputs.self,
      ["csi", "--data", AnalyzeFixtures.satisfaction, "--model", modelPath, "--bootstrap", "30", "--seed", "7", "--scale", "0:10"])
    // Check: intervals equal PLSBootstrap.run and CSIIndex.bootstrap
    let boot = try #require(json.bootstrap)
    #expect(boot.resamples == 30 && boot.seed == "7")
    let fit = try PLSEstimator.estimate(model: AnalyzeFixtures.model, data: try AnalyzeFixtures.libraryDataset())
    let settings = BootstrapSettings(resamples: 30, seed: 7)
    let expected = try PLSBootstrap.run(fit, settings: settings)
    #expect(boot.successful == expected.successfulResamples)
    for (k, name) in fit.indicatorNames.enumerated() {
      let c = fit.constructNames[fit.indicatorConstruct[k]]
      #expect(close(boot.outerWeights[c]?[name]?.lower, expected.outerWeights[k].lower))
      #expect(close(boot.loadings[c]?[name]?.upper, expected.loadings[k].upper))
    }
    #expect(
      inOrder(
        text, ["\"bootstrap\":{", "\"paths\":{\"IMAG\":{\"EXPE\":{\"estimate\":", "\"mean\":", "\"se\":", "\"lower\":", "\"upper\":"]))
    for p in expected.paths {
      let o = try #require(boot.paths[p.from]?[p.to])
      #expect(close(o.lower, p.interval.lower))
      #expect(close(o.upper, p.interval.upper))
      #expect(close(o.se, p.interval.standardError))
    }
    for e in expected.totalEffects { #expect(close(boot.totalEffects[e.from]?[e.to]?.mean, e.interval.bootstrapMean)) }
    let index = try CSIIndex.bootstrap(fit, scale: try IndicatorScale(minimum: 0, maximum: 10), settings: settings)
    for (c, ci) in index { #expect(close(boot.index[c]?.lower, ci.lower)) }
  }

  @Test("csi without --json prints readable tables")
  func csiTables() async throws {
    // Setup: the ECSI model file
    let modelPath = try AnalyzeFixtures.temp("model.json", AnalyzeFixtures.modelJSON())
    // Act: run csi without --json
    let out = try await analyzeInProcess(["csi", "--data", AnalyzeFixtures.satisfaction, "--model", modelPath, "--scale", "0:10"])
    // Check: readable tables with the headings and indicators, no JSON
    for heading in ["Outer model", "Structural model", "Constructs", "HTMT", "Importance–performance map, target SAT"] {
      #expect(out.contains(heading))
    }
    #expect(out.contains("imag1"))
    #expect(!out.contains("{"))
  }

  @Test("csi: bad input is one clear line naming the cause")
  func csiErrors() async throws {
    // Setup: the data file and a good model
    let sat = AnalyzeFixtures.satisfaction
    let good = try AnalyzeFixtures.temp("model.json", AnalyzeFixtures.modelJSON())

    // Act: run with an unknown column, an empty construct, a cycle, bad files and bad options
    var blocks = AnalyzeFixtures.blocks
    blocks[0].1[0] = "imag9"
    let unknown = try AnalyzeFixtures.temp("m.json", AnalyzeFixtures.modelJSON(blocks: blocks))
    // Check: each fails with one line naming the cause
    #expect(await failure(["csi", "--data", sat, "--model", unknown]).contains("Column 'imag9' is not in the data set"))

    blocks = AnalyzeFixtures.blocks
    blocks[3].1 = []
    let empty = try AnalyzeFixtures.temp("m.json", AnalyzeFixtures.modelJSON(blocks: blocks))
    #expect(await failure(["csi", "--data", sat, "--model", empty]).contains("Construct 'VAL' has no indicators"))

    let cyclic = try AnalyzeFixtures.temp(
      "m.json", AnalyzeFixtures.modelJSON(paths: AnalyzeFixtures.satisfactionPaths + [("LOY", "IMAG")]))
    #expect(await failure(["csi", "--data", sat, "--model", cyclic]).contains("cycle"))

    let undeclared = try AnalyzeFixtures.temp("m.json", AnalyzeFixtures.modelJSON(paths: [("IMAG", "XYZ")]))
    #expect(await failure(["csi", "--data", sat, "--model", undeclared]).contains("Construct 'XYZ' is not declared"))

    // A constant indicator.
    let constant = "a1,a2,b1,b2\n" + (0..<20).map { "\($0 % 5),\(($0 * 3) % 7),5,\(($0 * 7) % 4)" }.joined(separator: "\n")
    let constantPath = try AnalyzeFixtures.temp("c.csv", constant)
    let twoBlocks = try AnalyzeFixtures.temp(
      "m.json", AnalyzeFixtures.modelJSON(blocks: [("A", ["a1", "a2"]), ("B", ["b1", "b2"])], paths: [("A", "B")]))
    #expect(await failure(["csi", "--data", constantPath, "--model", twoBlocks]).contains("Indicator 'b1' is constant"))

    // Malformed model JSON: line and column.
    let broken = try AnalyzeFixtures.temp(
      "m.json", "{\"constructs\": [\n  {\"name\": \"IMAG\",\n   \"indicators\": [\"imag1\" \"imag2\"]}\n]}")
    let jsonError = await failure(["csi", "--data", sat, "--model", broken])
    #expect(jsonError.contains("malformed JSON") && jsonError.contains("line 3"))

    // Malformed CSV: the line number of the short row.
    var lines = try String(contentsOfFile: sat, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    lines[41] = "1,2,3"
    let shortRow = try AnalyzeFixtures.temp("bad.csv", lines.joined(separator: "\n"))
    let csvError = await failure(["csi", "--data", shortRow, "--model", good])
    #expect(csvError.contains("line 42") && csvError.contains("3 fields"))
    lines = try String(contentsOfFile: sat, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    lines[9] = lines[9].replacingOccurrences(of: "^[0-9]+,", with: "x7,", options: .regularExpression)
    let textInNumber = try AnalyzeFixtures.temp("bad.csv", lines.joined(separator: "\n"))
    let numberError = await failure(["csi", "--data", textInNumber, "--model", good])
    #expect(numberError.contains("line 10") && numberError.contains("imag1") && numberError.contains("'x7' is not a number"))

    #expect(await failure(["csi", "--data", "/nonexistent/x.csv", "--model", good]).contains("does not exist"))
    #expect(await failure(["csi", "--data", sat, "--model", good, "--scheme", "mode"]).contains("--scheme"))
    #expect(await failure(["csi", "--data", sat, "--model", good, "--target", "NOPE"]).contains("'NOPE'"))
    #expect(await failure(["csi", "--data", sat, "--model", good, "--scale", "10"]).contains("MIN:MAX"))
    #expect(await failure(["csi", "--data", sat, "--model", good, "--scale", "1:5"]).contains("outside the scale"))
    #expect(await failure(["csi", "--data", sat, "--model", good, "--bootstrap", "many"]).contains("--bootstrap"))
    #expect(
      await failure(["csi", "--data", sat, "--model", good, "--weight-column", "gender"]).contains(
        "column 'gender': 'male' is not a number"))
    #expect(await failure(["csi", "--model", good]).contains("--data"))
    #expect(await failure(["csi", "--data", sat, "--model", good, "--bogus", "1"]).contains("--bogus"))
    #expect(await failure(["nothing"]).contains("nothing"))
  }

  // MARK: ahp

  @Test("ahp: a matrix gives the library's weights, λmax, CI, CR; an inconsistent one names the judgment to revisit")
  func ahpMatrix() async throws {
    // Setup: a consistent 3×3 matrix with a fraction as text
    let rows: [[Double]] = [[1, 3, 5], [1.0 / 3, 1, 3], [0.2, 1.0 / 3, 1]]
    let input = try AnalyzeFixtures.temp(
      "ahp.json", "{\"criteria\":[\"供电质量\",\"服务\",\"价格\"],\"matrix\":[[1,3,5],[\"1/3\",1,3],[0.2,0.3333333333333333,1]]}")
    // Act: run ahp
    let (json, text) = try await analyzeJSON(AHPOutputs.self, ["ahp", "--input", input])
    // Check: weights, λmax, CI and CR equal the library's, consistent
    #expect(
      inOrder(text, ["{\"weights\":{\"供电质量\":", "\"服务\":", "\"价格\":", "},\"lambdaMax\":", "\"ci\":", "\"cr\":", "\"consistent\":true}"]))
    let expected = AHP.analyze(try PairwiseComparisonMatrix(rows))
    #expect(close(json.weights["服务"], expected.weights[1], 1e-9))
    #expect(close(json.lambdaMax, expected.lambdaMax, 1e-9))
    #expect(close(json.ci, expected.consistencyIndex, 1e-9))
    #expect(close(json.cr, expected.consistencyRatio, 1e-9))
    #expect(json.consistent && json.revisit == nil && json.method == nil)

    // Act: run an inconsistent matrix, as JSON and as tables
    let bad = try AnalyzeFixtures.temp(
      "ahp.json", "{\"criteria\":[\"a\",\"b\",\"c\"],\"matrix\":[[1,9,\"1/9\"],[\"1/9\",1,9],[9,\"1/9\",1]]}")
    let (inconsistent, _) = try await analyzeJSON(AHPOutputs.self, ["ahp", "--input", bad])
    // Check: not consistent, with a judgment to revisit
    #expect(!inconsistent.consistent)
    let revisit = try #require(inconsistent.revisit)
    #expect(["a", "b", "c"].contains(revisit.row) && revisit.suggested > 0)
    let tables = try await analyzeInProcess(["ahp", "--input", bad])
    #expect(tables.contains("NOT consistent") && tables.contains("Revisit"))
  }

  @Test("ahp: judges combined by AIJ and AIP as GroupAHP does")
  func ahpGroup() async throws {
    // Setup: two judges' matrices
    let a: [[Double]] = [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]
    let b: [[Double]] = [[1, 4, 6], [0.25, 1, 2], [1.0 / 6, 0.5, 1]]
    func rows(_ m: [[Double]]) -> String {
      "[" + m.map { "[" + $0.map { "\($0)" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }
    for method in ["AIJ", "AIP"] {
      // Act: run ahp with both judges and the method
      let input = try AnalyzeFixtures.temp(
        "g.json", "{\"criteria\":[\"x\",\"y\",\"z\"],\"judges\":[\(rows(a)),\(rows(b))],\"method\":\"\(method)\"}")
      let (json, _) = try await analyzeJSON(AHPOutputs.self, ["ahp", "--input", input])
      // Check: weights equal GroupAHP's; method and judges echoed
      let matrices = [try PairwiseComparisonMatrix(a), try PairwiseComparisonMatrix(b)]
      let expected =
        method == "AIJ"
        ? AHP.analyze(try GroupAHP.aggregateJudgments(matrices)).weights : try GroupAHP.aggregatePriorities(matrices)
      for (k, c) in ["x", "y", "z"].enumerated() { #expect(close(json.weights[c], expected[k], 1e-9)) }
      #expect(json.method == method)
      #expect(json.judges?.count == 2)
    }
  }

  @Test("ahp: non-reciprocal, too many criteria, malformed JSON are clear errors")
  func ahpErrors() async throws {
    // Setup: a non-reciprocal matrix
    let nonReciprocal = try AnalyzeFixtures.temp("a.json", "{\"criteria\":[\"a\",\"b\"],\"matrix\":[[1,3],[3,1]]}")
    // Act: run ahp on it
    let m = await failure(["ahp", "--input", nonReciprocal])
    // Check: a clear error naming the pair
    #expect(m.contains("not reciprocal") && m.contains("'a' vs 'b'"))
    // Act: run sixteen criteria, malformed JSON, a wrong size, an unknown method, a zero
    let sixteen = (1...16).map { "\"c\($0)\"" }.joined(separator: ",")
    let many = try AnalyzeFixtures.temp("a.json", "{\"criteria\":[\(sixteen)],\"matrix\":[]}")
    // Check: each error names its cause
    #expect(await failure(["ahp", "--input", many]).contains("Too many criteria: 16"))
    let malformed = try AnalyzeFixtures.temp("a.json", "{\"criteria\":[\"a\",\"b\"],\n\"matrix\":[[1,3],[0.33,1]]]}")
    let j = await failure(["ahp", "--input", malformed])
    #expect(j.contains("line 2") && j.contains("malformed JSON"))
    let wrongSize = try AnalyzeFixtures.temp("a.json", "{\"criteria\":[\"a\",\"b\",\"c\"],\"matrix\":[[1,3],[0.33,1]]}")
    #expect(await failure(["ahp", "--input", wrongSize]).contains("2 rows for 3 criteria"))
    let method = try AnalyzeFixtures.temp("a.json", "{\"criteria\":[\"a\",\"b\"],\"judges\":[[[1,2],[0.5,1]]],\"method\":\"mean\"}")
    #expect(await failure(["ahp", "--input", method]).contains("AIJ"))
    let zero = try AnalyzeFixtures.temp("a.json", "{\"criteria\":[\"a\",\"b\"],\"matrix\":[[1,0],[0,1]]}")
    #expect(await failure(["ahp", "--input", zero]).contains("positive"))
  }

  // MARK: roughset

  @Test("roughset: dependency, significance, core, reduct and weights equal DecisionTable's")
  func roughSet() async throws {
    // Setup: a 24-row decision table in a CRLF file
    // Pawlak-style table: a and b determine d, c is noise.
    var rows = ["a,b,c,d"]
    var conds: [[String]] = []
    for i in 0..<24 {
      let a = i % 3, b = (i / 3) % 2, c = (i * 7) % 5
      let d = a == 2 || (a == 1 && b == 1) ? "high" : "low"
      rows.append("\(a),\(b),\(c),\(d)")
      conds.append(["\(a)", "\(b)", "\(c)", d])
    }
    let path = try AnalyzeFixtures.temp("rs.csv", rows.joined(separator: "\r\n") + "\r\n")
    // Act: run roughset with decision d
    let (json, text) = try await analyzeJSON(RoughSetAnalysis.Outputs.self, ["roughset", "--data", path, "--decision", "d"])
    // Check: values equal DecisionTable's; the reduct is a and b
    #expect(
      inOrder(text, ["{\"dependency\":", "\"significance\":{\"a\":", "\"b\":", "\"c\":", "\"core\":", "\"reduct\":", "\"weights\":"]))
    let table = try DecisionTable(conditionNames: ["a", "b", "c"], decisionName: "d", rows: conds)
    #expect(close(json.dependency, table.dependency(table.allConditions)))
    for (k, n) in ["a", "b", "c"].enumerated() {
      #expect(close(json.significance[n], table.significance(of: k)))
      #expect(close(json.weights[n], table.attributeWeights().weights[k]))
    }
    #expect(json.core == table.core().map { ["a", "b", "c"][$0] })
    #expect(json.reduct == table.reduct().map { ["a", "b", "c"][$0] })
    #expect(json.reduct == ["a", "b"])
  }

  @Test("roughset --discretize uses the library's discretisation; a single-valued decision is an error")
  func roughSetDiscretize() async throws {
    // Setup: the satisfaction data
    let sat = AnalyzeFixtures.satisfaction
    // Act: run roughset on gender with three attributes in three equal-frequency bins
    let (json, _) = try await analyzeJSON(
      RoughSetAnalysis.Outputs.self,
      [
        "roughset", "--data", sat, "--decision", "gender", "--attributes", "sat1,loy1,val1", "--discretize", "equal-frequency:3",
      ])
    // Check: dependency and weights equal the library's table on the same bins
    let data = try AnalyzeFixtures.libraryDataset()
    let text = try String(contentsOfFile: sat, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
    let gender = try text.map { String(try #require($0.split(separator: ",").last)) }
    let conditions = try ["sat1", "loy1", "val1"].map {
      try Discretization.equalFrequency(try data.column(named: $0).map { try #require($0) }, bins: 3)
    }
    var codes: [String: Int] = [:]
    let decision = gender.map { g in
      codes[g]
        ?? {
          codes[g] = codes.count; return codes.count - 1
        }()
    }
    let table = try DecisionTable(
      conditionNames: ["sat1", "loy1", "val1"], conditions: conditions, decisionName: "gender", decision: decision)
    #expect(close(json.dependency, table.dependency(table.allConditions)))
    #expect(close(json.weights["loy1"], table.attributeWeights().weights[1]))

    // Act: run with cut points 5 and 8
    let (cuts, _) = try await analyzeJSON(
      RoughSetAnalysis.Outputs.self,
      [
        "roughset", "--data", sat, "--decision", "gender", "--attributes", "sat1", "--discretize", "cuts:5,8",
      ])
    // Check: a finite dependency
    #expect(cuts.dependency.isFinite)

    // Act: run a single-valued decision, an unknown column and an unknown method
    let single = try AnalyzeFixtures.temp("one.csv", "a,b,d\n1,2,yes\n2,3,yes\n3,1,yes\n")
    // Check: each is one clear error
    #expect(await failure(["roughset", "--data", single, "--decision", "d"]).contains("Decision attribute 'd' takes a single value"))
    #expect(await failure(["roughset", "--data", sat, "--decision", "nope"]).contains("Column 'nope'"))
    #expect(await failure(["roughset", "--data", sat, "--decision", "gender", "--discretize", "k-means:3"]).contains("--discretize"))
  }

  // MARK: helpers

  @Test("CSV reader: quotes, CRLF, BOM, blank lines, missing values, exact numbers")
  func csvReader() throws {
    // Setup: a CSV with a BOM, quotes, CRLF, a blank line and NA
    let text = "\u{FEFF}\"x\",y,\"na,me\"\r\n1.5,\"2\",\"a \"\"q\"\"\"\r\n\r\nNA,-0.125,\"two\nlines\"\r\n3e2,  7 ,\r\n"
    // Act: parse it
    let t = try FastCSV.parse(Array(text.utf8), source: "t.csv") { _ in [.numeric, .numeric, .text] }
    // Check: header, numbers, texts and physical line numbers as written
    #expect(t.header == ["x", "y", "na,me"])
    #expect(t.numeric[0] == [1.5, nil, 300])
    #expect(t.numeric[1] == [2, -0.125, 7])
    #expect(t.text[2] == ["a \"q\"", "two\nlines", nil])
    #expect(t.lineNumbers == [2, 4, 6])
    // Every decimal string parses to exactly what Double(String) gives.
    // Act: parse 5000 random decimals and an unterminated quote
    var g = SystemRandomNumberGenerator()
    var lines = ["v"]
    var expected: [Double] = []
    for _ in 0..<5000 {
      let s = String(format: "%.\(Int.random(in: 0...17, using: &g))f", Double.random(in: -1e4...1e4, using: &g))
      lines.append(s)
      expected.append(try #require(Double(s)))
    }
    let parsed = try FastCSV.parse(Array(lines.joined(separator: "\n").utf8), source: "n.csv") { _ in [.numeric] }
    // Check: each equals Double(String); the open quote fails
    #expect(parsed.numeric[0] == expected.map { Optional($0) })
    #expect(throws: AnalysisFailure.self) { try FastCSV.parse(Array("a\n\"open\n".utf8), source: "q.csv") { _ in [.text] } }
  }

  @Test("CSV reader: chunked parallel parsing gives the same columns and line numbers as one pass")
  func csvParallel() throws {
    // Setup: 3000 rows with a blank line every 97
    var lines = ["a,b,c"]
    var g = SystemRandomNumberGenerator()
    for i in 0..<3000 {
      if i % 97 == 0 { lines.append("") }  // blank lines shift physical line numbers
      lines.append("\(i),\(Double.random(in: -5...5, using: &g)),\(i % 7 == 0 ? "NA" : "x\(i % 3)")")
    }
    let bytes = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    let kinds: ([String]) -> [CSVColumnKind] = { _ in [.numeric, .numeric, .text] }
    // Act: parse serially and in parallel chunks
    let serial = try FastCSV.parse(bytes, source: "s.csv", parallelThreshold: .max, select: kinds)
    let parallel = try FastCSV.parse(bytes, source: "p.csv", parallelThreshold: 0, select: kinds)
    // Check: the same columns and line numbers
    #expect(serial.rowCount == 3000)
    #expect(parallel.numeric[0] == serial.numeric[0])
    #expect(parallel.numeric[1] == serial.numeric[1])
    #expect(parallel.text[2] == serial.text[2])
    #expect(parallel.lineNumbers == serial.lineNumbers)
    #expect(serial.numeric[0] == (0..<3000).map { Optional(Double($0)) })
    // An error late in the file names its physical line, also when found by a later chunk.
    // Act: break row 2900 and parse both ways
    var broken = lines
    broken[2900] = "1,2"
    let brokenBytes = Array(broken.joined(separator: "\n").utf8)
    for threshold in [0, Int.max] {
      do {
        _ = try FastCSV.parse(brokenBytes, source: "b.csv", parallelThreshold: threshold, select: kinds)
        // Check: it fails naming physical line 2901
        Issue.record("expected a field-count error")
      } catch let e as AnalysisFailure {
        #expect(e.description.contains("at line 2901: 2 fields"))
      }
    }
  }

  @Test("JSON output refuses NaN instead of printing invalid JSON")
  func noNaN() throws {
    // Setup: a sample struct to encode
    struct Sample: Encodable {
      let x: Double
      let y: [Int]
      let z: Bool?
      let name: String
    }
    // Act: write NaN, infinity and plain values as JSON
    // Check: NaN and infinity are refused; plain values written with keys as made
    #expect(throws: AnalysisFailure.self) { try AnalysisJSON.text(Sample(x: .nan, y: [], z: nil, name: "")) }
    #expect(throws: AnalysisFailure.self) { try AnalysisJSON.text(NamedValues([("a", Double.infinity)])) }
    #expect(
      try AnalysisJSON.text(Sample(x: 0.5, y: [2], z: true, name: "a/\"b\"")) == #"{"x":0.5,"y":[2],"z":true,"name":"a/\"b\""}"#)
    #expect(try AnalysisJSON.text(NamedValues([("z", 1.0), ("a", -0.0)])) == #"{"z":1.0,"a":0}"#, "keys as made, not sorted")
  }
}
