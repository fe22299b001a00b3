import Analytics
import Foundation

/// Everything `analyze csi` needs, as plain values (the command fills it from its options, the
/// tests directly).
struct CSIOptions: Sendable {
  var dataPath: String
  var modelPath: String
  var scheme: String?
  var raw = false
  var weightColumn: String?
  var bootstrap: String?
  var seed: String?
  var scale: String?
  var target: String?
  var tolerance: String?
  var maxIterations: String?
  /// Column whose values split the respondents into groups (units, segments) for the index.
  var groupColumn: String?

  init(dataPath: String, modelPath: String) {
    self.dataPath = dataPath
    self.modelPath = modelPath
  }
}

/// The fitted model and everything derived from it; `json` and `tables` render it.
struct CSIOutcome: Sendable {
  let result: PLSResult
  let scale: IndicatorScale
  let indices: [ConstructIndex]
  let ipma: IPMAResult?
  let quality: [BlockReliability]
  let htmt: Matrix
  let bootstrap: CSIBootstrap?
  /// The index per group when a group column was given.
  var groups: CSIGroups?
}

/// The index per value of the group column.
struct CSIGroups: Sendable {
  let column: String
  let groups: [GroupIndex]
}

struct CSIBootstrap: Sendable {
  let resamples: Int
  let seed: UInt64
  let confidenceLevel: Double
  let successful: Int
  let outerWeights: [ConfidenceInterval]
  let loadings: [ConfidenceInterval]
  let paths: [(from: Int, to: Int, interval: ConfidenceInterval)]
  let totalEffects: [(from: Int, to: Int, interval: ConfidenceInterval)]
  let index: [ConfidenceInterval]
}

enum CSIAnalysis {
  /// Reads the model file `{"constructs":[{"name","indicators","mode"}],"paths":[[from,to],…]}`.
  static func loadModel(path: String) throws -> PLSModel {
    try model(from: AnalysisJSON.read(path, what: "model"), source: path)
  }

  /// The model in `data` (a file or a pasted text), every problem named.
  static func model(from data: Data, source: String) throws -> PLSModel {
    let file = try AnalysisJSON.decode(PLSModelFile.self, from: data, source: source, notObject: "analysis.fail.model.not_object")
    return try model(from: file, source: source)
  }

  static func model(from file: PLSModelFile, source: String) throws -> PLSModel {
    // `problem` completes the key `analysis.fail.model.`; its texts start with the source.
    func bad(_ problem: String, _ args: String...) -> AnalysisFailure {
      AnalysisFailure(key: "analysis.fail.model." + problem, args: [source] + args)
    }
    guard let constructs = file.constructs else { throw bad("constructs_not_array") }
    guard !constructs.isEmpty else { throw bad("constructs_empty") }
    var specs: [ConstructSpec] = []
    for (k, c) in constructs.enumerated() {
      guard let name = c.name, !name.isEmpty else { throw bad("construct_name", String(k)) }
      guard let indicators = c.indicators else { throw bad("indicators_not_array", name) }
      guard indicators.allSatisfy({ !$0.isEmpty }) else { throw bad("indicator_not_string", name) }
      var mode = MeasurementMode.reflective
      if let m = c.mode {
        switch m.uppercased() {
        case "A", "REFLECTIVE": mode = .reflective
        case "B", "FORMATIVE": mode = .formative
        default: throw bad("mode", name, m)
        }
      }
      specs.append(ConstructSpec(name: name, indicators: indicators, mode: mode))
    }
    var paths: [StructuralPath] = []
    for (k, path) in (file.paths ?? []).enumerated() {
      guard let from = path.from, let to = path.to else { throw bad("path_not_pair", String(k)) }
      paths.append(StructuralPath(from: from, to: to))
    }
    guard !paths.isEmpty else { throw bad("no_paths") }
    let model = PLSModel(constructs: specs, paths: paths)
    _ = try model.validatedAdjacency()
    return model
  }

  static func parseScale(_ text: String) throws -> IndicatorScale {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let lo = Double(parts[0].trimmingCharacters(in: .whitespaces)),
      let hi = Double(parts[1].trimmingCharacters(in: .whitespaces))
    else { throw AnalysisFailure("analysis.fail.scale", text) }
    return try IndicatorScale(minimum: lo, maximum: hi)
  }

  static func parseScheme(_ text: String?) throws -> InnerWeightingScheme {
    guard let text else { return .path }
    guard let s = InnerWeightingScheme(rawValue: text.lowercased()) else {
      throw AnalysisFailure("analysis.fail.scheme", text)
    }
    return s
  }

  /// Estimates the model and everything the report shows. `progress(done, total)` is called
  /// from worker threads during the bootstrap.
  static func run(_ options: CSIOptions, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> CSIOutcome {
    try run(
      options, progress: progress, model: { try loadModel(path: options.modelPath) },
      data: {
        try loadData(path: options.dataPath, model: $0, weightColumn: options.weightColumn, groupColumn: options.groupColumn)
      })
  }

  /// The same with the model and the data from elsewhere (the App: a pasted model and an
  /// upload, or a survey wave's answers). Options are checked first, then the model, then the data.
  static func run(
    _ options: CSIOptions, progress: (@Sendable (Int, Int) -> Void)? = nil, model loadModel: () throws -> PLSModel,
    data loadData: (PLSModel) throws -> CSIInput
  ) throws -> CSIOutcome {
    let scheme = try parseScheme(options.scheme)
    let explicitScale = try options.scale.map(parseScale)
    var resamples: Int?
    if let b = options.bootstrap {
      guard let n = Int(b), n >= 2, n <= 1_000_000 else {
        throw AnalysisFailure("analysis.fail.bootstrap", b)
      }
      resamples = n
    }
    var seed = BootstrapSettings().seed
    if let s = options.seed {
      guard let v = UInt64(s) else { throw AnalysisFailure("analysis.fail.seed", s) }
      guard resamples != nil else { throw AnalysisFailure("analysis.fail.seed_without_bootstrap") }
      seed = v
    }
    var settings = PLSSettings(scheme: scheme, scaling: options.raw ? .raw : .standardized)
    if let t = options.tolerance {
      guard let v = Double(t), v > 0, v.isFinite else { throw AnalysisFailure("analysis.fail.tolerance", t) }
      settings.tolerance = v
    }
    if let m = options.maxIterations {
      guard let v = Int(m), v >= 1 else { throw AnalysisFailure("analysis.fail.max_iterations", m) }
      settings.maxIterations = v
    }
    let model = try loadModel()
    if let t = options.target, !model.constructNames.contains(t) {
      throw AnalysisFailure("analysis.fail.target", t)
    }
    let clock = LapTimer()
    let result: PLSResult
    var groupLabels: [String?]?
    do {
      let input = try loadData(model)
      clock.lap("read CSV")
      settings.caseWeights = input.weights
      groupLabels = input.groups
      result = try PLSEstimator.estimate(model: model, data: input.dataset, settings: settings)
      clock.lap("estimate")
    }
    let scale = try explicitScale ?? dataScale(result)
    let indices = try CSIIndex.compute(result, scale: scale, respondents: false)
    clock.lap("index")
    let ipma = try ipmaResult(result, target: options.target, scale: scale)
    clock.lap("ipma")
    let quality = try Reliability.assess(result)
    clock.lap("quality")
    let htmt = Validity.htmt(result)
    clock.lap("htmt")
    var boot: CSIBootstrap?
    if let n = resamples {
      boot = try bootstrap(result, scale: scale, settings: BootstrapSettings(resamples: n, seed: seed), progress: progress)
    }
    var groups: CSIGroups?
    if let labels = groupLabels, let column = options.groupColumn {
      groups = CSIGroups(column: column, groups: try CSIIndex.groups(result, scale: scale, labels: labels))
    }
    return CSIOutcome(
      result: result, scale: scale, indices: indices, ipma: ipma, quality: quality, htmt: htmt, bootstrap: boot, groups: groups)
  }

  /// Default scale: the smallest and largest indicator value in the analysed data.
  static func dataScale(_ result: PLSResult) throws -> IndicatorScale {
    guard let lo = result.data.minimums.min(), let hi = result.data.maximums.max(), hi > lo else {
      throw AnalysisFailure("analysis.fail.constant_data")
    }
    return try IndicatorScale(minimum: lo, maximum: hi)
  }

  /// IPMA for `--target`, or by default SAT when the model has it, else the last construct that
  /// has predecessors. Without an explicit target a target with no drivers gives no IPMA.
  static func ipmaResult(_ result: PLSResult, target: String?, scale: IndicatorScale) throws -> IPMAResult? {
    if let target { return try IPMA.analyze(result, target: target, scale: scale) }
    let names = result.constructNames
    let endogenous = names.indices.filter { result.isEndogenous[$0] }
    let chosen = names.contains("SAT") ? "SAT" : endogenous.last.map { names[$0] }
    guard let chosen else { return nil }
    return try IPMA.analyze(result, target: chosen, scale: scale)
  }

  static func bootstrap(
    _ result: PLSResult, scale: IndicatorScale, settings: BootstrapSettings, progress: (@Sendable (Int, Int) -> Void)?
  ) throws -> CSIBootstrap {
    // The same statistics as PLSBootstrap.run (weights, loadings, paths, total effects) plus the
    // CSI indices, drawn from one set of resamples: each resample uses the library's own
    // (seed, index) stream, so the intervals equal PLSBootstrap.run / CSIIndex.bootstrap.
    let names = result.constructNames
    let adjacency = result.adjacency
    let edges = try result.model.paths.map { (try result.constructIndex($0.from), try result.constructIndex($0.to)) }
    let reach = reachability(adjacency)
    let effectPairs: [(Int, Int)] = names.indices.flatMap { f in names.indices.filter { t in f != t && reach[f][t] }.map { (f, $0) } }
    let counter = ProgressCounter(total: settings.resamples, report: progress)
    let statistic: @Sendable (PLSResult) throws -> [Double] = { r in
      defer { counter.increment() }
      return r.outerWeights + r.loadings + edges.map { r.pathCoefficients[$0.0, $0.1] }
        + effectPairs.map { r.totalEffects[$0.0, $0.1] } + (try CSIIndex.compute(r, scale: scale, respondents: false).map(\.index))
    }
    let original =
      result.outerWeights + result.loadings + edges.map { result.pathCoefficients[$0.0, $0.1] }
      + effectPairs.map { result.totalEffects[$0.0, $0.1] } + (try CSIIndex.compute(result, scale: scale, respondents: false).map(\.index))
    let draws = try PLSBootstrap.resampleStatistics(result, settings: settings, statistic: statistic)
    counter.finish()
    let ci = PLSBootstrap.percentileIntervals(original: original, draws: draws, level: settings.confidenceLevel)
    let p = result.indicatorNames.count
    let pathStart = 2 * p, effectStart = pathStart + edges.count, indexStart = effectStart + effectPairs.count
    return CSIBootstrap(
      resamples: settings.resamples, seed: settings.seed, confidenceLevel: settings.confidenceLevel, successful: draws.count,
      outerWeights: Array(ci[0..<p]), loadings: Array(ci[p..<(2 * p)]),
      paths: edges.enumerated().map { (from: $1.0, to: $1.1, interval: ci[pathStart + $0]) },
      totalEffects: effectPairs.enumerated().map { (from: $1.0, to: $1.1, interval: ci[effectStart + $0]) },
      index: Array(ci[indexStart..<(indexStart + names.count)]))
  }

  static func reachability(_ adj: [[Bool]]) -> [[Bool]] {
    var r = adj
    let n = adj.count
    for k in 0..<n { for i in 0..<n where r[i][k] { for j in 0..<n where r[k][j] { r[i][j] = true } } }
    return r
  }
}
