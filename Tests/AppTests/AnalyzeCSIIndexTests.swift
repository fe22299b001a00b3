import Analytics
import ConsoleKit
import Foundation
import Testing

@testable import App

private func writeTemp(_ name: String, _ content: String) throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-csi-index-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let url = dir.appendingPathComponent(name)
  try content.write(to: url, atomically: true, encoding: .utf8)
  return url.path
}

/// A small two-construct survey: X (x1, x2) → Y (y1), with a unit column.
private let smallCSV = """
  x1,x2,y1,unit
  1,2,2,north
  2,2,1,north
  3,4,4,north
  4,3,3,south
  5,5,6,south
  6,7,5,south
  7,6,8,
  8,8,9,south
  """
private let smallModel = """
  {"constructs":[{"name":"X","indicators":["x1","x2"]},{"name":"Y","indicators":["y1"]}],"paths":[["X","Y"]]}
  """

@Suite("analyze csi: index interval and index per group")
struct AnalyzeCSIIndexTests {
  @Test("csi --bootstrap N --seed S: indexInterval per construct contains the index, equals the bootstrap's, and repeats with the seed")
  func indexInterval() async throws {
    // Setup: the small survey and its model in temp files
    let data = try writeTemp("small.csv", smallCSV)
    let model = try writeTemp("model.json", smallModel)
    let args = ["csi", "--data", data, "--model", model, "--scale", "0:10", "--bootstrap", "50", "--seed", "11", "--json"]
    // Act: run csi with 50 resamples and seed 11, twice
    let first = try await analyzeInProcess(args)
    let again = try await analyzeInProcess(args)
    // Check: the same output; each interval holds the index and equals the bootstrap's
    #expect(first == again)
    let json = try JSONCoding.decode(CSIOutputs.self, first)
    let interval = try #require(json.indexInterval)
    #expect(inOrder(first, ["\"indexInterval\":{\"X\":{\"lower\":", "\"upper\":", "\"Y\":{"]))
    for name in ["X", "Y"] {
      let bounds = try #require(interval[name])
      let index = try #require(json.index[name])
      #expect(bounds.lower <= index && index <= bounds.upper, "\(name): \(bounds.lower) ≤ \(index) ≤ \(bounds.upper)")
      #expect(bounds.lower == json.bootstrap?.index[name]?.lower)
      #expect(bounds.upper == json.bootstrap?.index[name]?.upper)
    }
    // Act: run with seed 12, then without bootstrap
    let other = try await analyzeInProcess(
      ["csi", "--data", data, "--model", model, "--scale", "0:10", "--bootstrap", "50", "--seed", "12", "--json"])
    // Check: a different result, and no interval without bootstrap
    #expect(other != first)
    let plain = try JSONCoding.decode(
      CSIOutputs.self, try await analyzeInProcess(["csi", "--data", data, "--model", model, "--scale", "0:10", "--json"]))
    #expect(plain.indexInterval == nil)
  }

  @Test("csi --group-column: n and index per group equal the index formula on that group's rows alone")
  func groups() async throws {
    // Setup: the small survey and its model in temp files
    let data = try writeTemp("small.csv", smallCSV)
    let model = try writeTemp("model.json", smallModel)
    // Act: run csi grouped by unit
    let out = try await analyzeInProcess(["csi", "--data", data, "--model", model, "--scale", "0:10", "--group-column", "unit", "--json"])
    let json = try JSONCoding.decode(CSIOutputs.self, out)
    // Check: north 3, south 4, each group's index from its own rows
    #expect(json.groupColumn == "unit")
    let groups = try #require(json.groups)
    #expect(groups.names == ["north", "south"])  // the row without a unit belongs to no group
    #expect(inOrder(out, ["\"groups\":{\"north\":{\"n\":3,\"index\":{\"X\":", "\"Y\":", "\"south\":{\"n\":4"]))
    #expect(groups["north"]?.n == 3)
    #expect(groups["south"]?.n == 4)
    // Y has one indicator (w̃ = 1): its group index is the group's mean of y1 on 0–100.
    let northY: Double = (2.0 + 1.0 + 4.0) / 3.0 * 10.0
    let southY: Double = (3.0 + 6.0 + 5.0 + 9.0) / 4.0 * 10.0
    let gotNorthY = try #require(groups["north"]?.index["Y"] ?? nil)
    let gotSouthY = try #require(groups["south"]?.index["Y"] ?? nil)
    #expect(abs(gotNorthY - northY) < 1e-10)
    #expect(abs(gotSouthY - southY) < 1e-10)
    // X: Σ w̃ · group mean, with the whole model's w̃.
    let fit = try PLSEstimator.estimate(
      model: try CSIAnalysis.model(from: Data(smallModel.utf8), source: "m"),
      data: try Dataset(csv: smallCSV))
    let w̃ = try CSIIndex.compute(fit, scale: try IndicatorScale(minimum: 0, maximum: 10))[0].normalizedWeights
    let north: Double = (w̃[0] * 6.0 + w̃[1] * 8.0) / 3.0 * 10.0  // x1: 1 + 2 + 3, x2: 2 + 2 + 4
    let gotNorthX = try #require(groups["north"]?.index["X"] ?? nil)
    #expect(abs(gotNorthX - north) < 1e-10)
    // Act: print the tables
    let tables = try await analyzeInProcess(["csi", "--data", data, "--model", model, "--scale", "0:10", "--group-column", "unit"])
    // Check: a table of the index per group
    #expect(tables.contains("Index per group (unit"))
    #expect(tables.contains("north"))
  }

  @Test("csi --group-column: an unknown column or an indicator is one clear error")
  func groupErrors() async throws {
    // Setup: the small survey and its model in temp files
    let data = try writeTemp("small.csv", smallCSV)
    let model = try writeTemp("model.json", smallModel)
    // Act: group by an unknown column, then by an indicator
    for (column, expected) in [("nope", "nope"), ("x1", "also an indicator")] {
      do {
        _ = try await analyzeInProcess(["csi", "--data", data, "--model", model, "--group-column", column, "--json"])
        // Check: it fails with one message naming the option and the cause
        Issue.record("expected a failure for --group-column \(column)")
      } catch {
        let message = AnalyzeCommands.message(for: error)
        #expect(message.contains("--group-column"))
        #expect(message.contains(expected))
      }
    }
  }
}
