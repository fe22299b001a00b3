import Foundation
import Testing

@testable import App

/// Analysis results and inputs as JSON: results are Codable structs read back typed, inputs are
/// read by Foundation's decoder with their problems named.
@Suite("Analysis JSON: typed results, named input problems")
struct AnalysisStoredJSONTests {
  static let outputs = """
    {"outerWeights":{"X":{"x1":0.6,"x2":0.5}},"loadings":{"X":{"x1":0.9,"x2":0.8}},"paths":{"X":{"Y":0.4}},\
    "rSquared":{"Y":0.16},"totalEffects":{"X":{"Y":0.4}},"index":{"X":61.5,"Y":70.25},"ipma":[],\
    "quality":{"X":{"alpha":0.7,"rhoA":null,"rhoC":0.8,"ave":0.6}},"htmt":{"X":{"Y":null},"Y":{"X":null}},\
    "iterations":4,"converged":true,"scale":{"min":1.0,"max":10.0},"rows":{"input":30,"used":29}}
    """

  @Test("Stored CSI outputs read back typed, undefined diagnostics as nil, and write back to the same text")
  func outputsRoundTrip() throws {
    // Setup: the stored outputs text above
    // Act: decode it
    let outputs = try JSONCoding.decode(CSIOutputs.self, Self.outputs)
    // Check: typed values, undefined diagnostics nil, written back to the same text
    #expect(outputs.index["Y"] == 70.25 && outputs.rows.used == 29 && outputs.converged)
    #expect(outputs.quality["X"]?.rhoA == nil && outputs.quality["X"]?.rhoC == 0.8)
    #expect(outputs.bootstrap == nil && outputs.groups == nil && outputs.ipmaTarget == nil)
    #expect(try AnalysisJSON.text(outputs) == Self.outputs)
  }

  @Test("A renamed key in stored outputs is an error naming it, never an empty page")
  func renamedKey() {
    // Setup: the stored outputs with rSquared renamed to r2
    let renamed = Self.outputs.replacingOccurrences(of: "\"rSquared\"", with: "\"r2\"")
    // Act: decode them
    // Check: a keyNotFound error naming rSquared
    #expect {
      try JSONCoding.decode(CSIOutputs.self, renamed)
    } throws: { error in
      guard case DecodingError.keyNotFound(let key, _) = error else { return false }
      return key.stringValue == "rSquared"
    }
  }

  @Test("Settings saved before, with nulls for what a run did not use, read back typed")
  func earlierSettings() throws {
    // Setup: settings saved with nulls for unused options
    let text = """
      {"source":"upload","fileName":"mobi.csv","model":{"constructs":[{"name":"X","indicators":["x1","x2"],"mode":"A"},\
      {"name":"Y","indicators":["y1"],"mode":"A"}],"paths":[["X","Y"]]},"scheme":"path","scaling":"standardized",\
      "scale":{"min":1.0,"max":10.0},"ipmaTarget":null,"weightColumn":null,"groupColumn":null}
      """
    // Act: decode them and build their model
    let settings = try JSONCoding.decode(CSIRunSettings.self, text)
    // Check: typed values and the model's two constructs
    #expect(settings.source == .upload && settings.fileName == "mobi.csv" && settings.ipmaTarget == nil)
    #expect(settings.model.constructs?.map(\.name) == ["X", "Y"] && settings.model.paths?.first?.to == "Y")
    let model = try CSIAnalysis.model(from: settings.model, source: "settings")
    #expect(model.constructNames == ["X", "Y"])
  }

  @Test("A model file's problems: a syntax error by line and column, a value of the wrong type by its place")
  func modelProblems() {
    // Setup: a helper returning a model text's failure
    func failure(_ text: String) -> AnalysisFailure? {
      do {
        _ = try CSIAnalysis.model(from: Data(text.utf8), source: "m.json")
        return nil
      } catch {
        return error as? AnalysisFailure
      }
    }
    // Act: read model texts with a syntax error, a wrong type and other faults
    let syntax = failure("{\"constructs\": [\n  {\"name\": \"A\",\n   \"indicators\": [\"a1\" \"a2\"]}\n]}")
    // Check: each failure names its key and its line, column or place
    #expect(syntax?.key == "analysis.fail.json.syntax" && syntax?.args.prefix(2) == ["m.json", "3"])
    let wrongType = failure(#"{"constructs": [{"name": "A", "indicators": ["a1", 2]}], "paths": [["A", "B"]]}"#)
    #expect(wrongType?.key == "analysis.fail.json.type" && wrongType?.args == ["m.json", "constructs[0].indicators[1]"])
    #expect(failure("[1, 2]")?.key == "analysis.fail.model.not_object")
    #expect(failure("").map { $0.key == "analysis.fail.json.syntax" && $0.args[1] == "1" } == true)
    #expect(
      failure(#"{"constructs": [{"name": "A", "indicators": ["a1"], "mode": "C"}], "paths": [["A", "A"]]}"#)?.key
        == "analysis.fail.model.mode")
    #expect(failure(#"{"constructs": [{"name": "A", "indicators": ["a1"]}], "paths": [["A"]]}"#)?.args == ["m.json", "0"])
  }
}
