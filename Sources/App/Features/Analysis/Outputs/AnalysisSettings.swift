import Analytics
import Foundation

/// The path model as `wanjia analyze csi --model` reads it and a run's settings keep it:
/// `{"constructs":[{"name","indicators","mode"}],"paths":[[from,to],…]}`. A path may also be
/// written `{"from","to"}` and a mode `reflective`/`formative`; every field is checked when the
/// model is built (`CSIAnalysis.model(from:source:)`), each problem named.
struct PLSModelFile: Codable, Sendable {
  struct Construct: Codable, Sendable {
    var name: String?
    var indicators: [String]?
    var mode: String?
  }

  /// A path as a pair of construct names; nil names for an entry that is not one.
  struct Path: Codable, Sendable {
    var from: String?
    var to: String?

    init(from: String?, to: String?) {
      (self.from, self.to) = (from, to)
    }

    init(from decoder: any Decoder) throws {
      if let pair = try? decoder.singleValueContainer().decode([String].self) {
        (from, to) = pair.count == 2 ? (pair[0], pair[1]) : (nil, nil)
      } else if let object = try? decoder.singleValueContainer().decode([String: String].self) {
        (from, to) = (object["from"], object["to"])
      } else {
        (from, to) = (nil, nil)
      }
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.unkeyedContainer()
      try container.encode(from ?? "")
      try container.encode(to ?? "")
    }
  }

  var constructs: [Construct]?
  var paths: [Path]?
}

extension PLSModelFile {
  init(_ model: PLSModel) {
    constructs = model.constructs.map { Construct(name: $0.name, indicators: $0.indicators, mode: $0.mode.rawValue) }
    paths = model.paths.map { Path(from: $0.from, to: $0.to) }
  }
}

/// What a CSI run used, as saved with it (in this order): where the data came from (an upload or
/// a wave), the model and the estimation settings.
struct CSIRunSettings: Codable, Sendable {
  enum Source: String, Codable, Sendable {
    case upload, wave
  }

  struct Scale: Codable, Sendable {
    let min: Double
    let max: Double
  }

  struct Bootstrap: Codable, Sendable {
    let resamples: Int
    let seed: String
  }

  let source: Source
  var fileName: String? = nil
  var waveId: UUID? = nil
  var waveCode: String? = nil
  /// The response channels a wave run reads.
  var channels: [String]? = nil
  var responses: Int? = nil
  let model: PLSModelFile
  let scheme: InnerWeightingScheme
  let scaling: IndicatorScaling
  let scale: Scale
  let ipmaTarget: String?
  var weightColumn: String? = nil
  var groupColumn: String? = nil
  /// A wave run's case weights.
  var caseWeights: String? = nil
  /// A wave run's grouping: unit or segment.
  var groupBy: CSIRuns.WaveGrouping? = nil
  var bootstrap: Bootstrap? = nil
}

/// What an AHP run used: the criteria and the full judgment matrix, the method and the
/// consistency threshold.
struct AHPRunSettings: Codable, Sendable {
  let criteria: [String]
  let matrix: [[Double]]
  let method: String
  let crThreshold: Double
}

/// A run's settings and outputs, by its kind: saved as JSON text (outputs as `wanjia analyze …
/// --json` prints them), read back typed.
enum AnalysisRunContent: Sendable {
  case csi(CSIRunSettings, CSIOutputs)
  case ahp(AHPRunSettings, AHPOutputs)

  var kind: AnalysisKind {
    switch self {
    case .csi: return .csi
    case .ahp: return .ahp
    }
  }

  func settingsText(pretty: Bool = false) throws -> String {
    switch self {
    case .csi(let settings, _): return try AnalysisJSON.text(settings, pretty: pretty)
    case .ahp(let settings, _): return try AnalysisJSON.text(settings, pretty: pretty)
    }
  }

  func outputsText() throws -> String {
    switch self {
    case .csi(_, let outputs): return try AnalysisJSON.text(outputs)
    case .ahp(_, let outputs): return try AnalysisJSON.text(outputs)
    }
  }

  /// A saved run's content; a stored text that does not match its kind's structure is an error.
  init(kind: AnalysisKind, settings: String, outputs: String) throws {
    switch kind {
    case .csi:
      self = .csi(try JSONCoding.decode(CSIRunSettings.self, settings), try JSONCoding.decode(CSIOutputs.self, outputs))
    case .ahp:
      self = .ahp(try JSONCoding.decode(AHPRunSettings.self, settings), try JSONCoding.decode(AHPOutputs.self, outputs))
    }
  }
}

extension AnalysisRun {
  /// The run's settings and outputs, read back typed.
  var content: AnalysisRunContent {
    get throws { try AnalysisRunContent(kind: kind, settings: settings, outputs: outputs) }
  }
}
