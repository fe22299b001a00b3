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
    let json = try JSONParser.parse(AnalysisFiles.read(path, what: "model"), source: path)
    return try model(from: json, source: path)
  }

  static func model(from json: JSONValue, source: String) throws -> PLSModel {
    func bad(_ message: String) -> AnalysisFailure { AnalysisFailure("model file \(source): \(message)") }
    guard case .object = json else { throw bad("expected a JSON object with \"constructs\" and \"paths\"") }
    guard let constructs = json["constructs"]?.arrayValue else { throw bad("\"constructs\" must be an array") }
    guard !constructs.isEmpty else { throw bad("\"constructs\" is empty") }
    var specs: [ConstructSpec] = []
    for (k, c) in constructs.enumerated() {
      guard case .object = c else { throw bad("constructs[\(k)] must be an object") }
      guard let name = c["name"]?.stringValue, !name.isEmpty else { throw bad("constructs[\(k)] needs a non-empty \"name\"") }
      guard let list = c["indicators"]?.arrayValue else { throw bad("construct '\(name)' needs an \"indicators\" array") }
      let indicators = try list.map { v -> String in
        guard let s = v.stringValue, !s.isEmpty else { throw bad("indicators of '\(name)' must be non-empty strings") }
        return s
      }
      var mode = MeasurementMode.reflective
      if let m = c["mode"] {
        switch m.stringValue?.uppercased() {
        case "A", "REFLECTIVE": mode = .reflective
        case "B", "FORMATIVE": mode = .formative
        default: throw bad("construct '\(name)' has mode \(m.stringValue.map { "\"\($0)\"" } ?? "of the wrong type"); use \"A\" or \"B\"")
        }
      }
      specs.append(ConstructSpec(name: name, indicators: indicators, mode: mode))
    }
    var paths: [StructuralPath] = []
    if let p = json["paths"] {
      guard let list = p.arrayValue else { throw bad("\"paths\" must be an array of [from, to] pairs") }
      for (k, item) in list.enumerated() {
        if let pair = item.arrayValue, pair.count == 2, let f = pair[0].stringValue, let t = pair[1].stringValue {
          paths.append(StructuralPath(from: f, to: t))
        } else if let f = item["from"]?.stringValue, let t = item["to"]?.stringValue {
          paths.append(StructuralPath(from: f, to: t))
        } else {
          throw bad("paths[\(k)] must be a pair of construct names like [\"IMAG\", \"EXPE\"]")
        }
      }
    }
    guard !paths.isEmpty else { throw bad("\"paths\" is missing or empty; a path model needs at least one path") }
    let model = PLSModel(constructs: specs, paths: paths)
    _ = try model.validatedAdjacency()
    return model
  }

  static func parseScale(_ text: String) throws -> IndicatorScale {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let lo = Double(parts[0].trimmingCharacters(in: .whitespaces)),
      let hi = Double(parts[1].trimmingCharacters(in: .whitespaces))
    else { throw AnalysisFailure("--scale must look like MIN:MAX, e.g. 0:10, got '\(text)'") }
    return try IndicatorScale(minimum: lo, maximum: hi)
  }

  static func parseScheme(_ text: String?) throws -> InnerWeightingScheme {
    guard let text else { return .path }
    guard let s = InnerWeightingScheme(rawValue: text.lowercased()) else {
      throw AnalysisFailure("--scheme must be path, centroid or factorial, got '\(text)'")
    }
    return s
  }

  /// Reads the model's indicators (and the weight column) from the CSV file.
  static func loadData(path: String, model: PLSModel, weightColumn: String?) throws -> (Dataset, [Double]?) {
    try loadData(bytes: FastCSV.readBytes(path), source: path, model: model, weightColumn: weightColumn)
  }

  /// The same from CSV bytes already in memory (an upload); `source` names them in messages.
  static func loadData(bytes: [UInt8], source path: String, model: PLSModel, weightColumn: String?) throws -> (Dataset, [Double]?) {
    let wanted = model.indicatorNames
    if let w = weightColumn, wanted.contains(w) {
      throw AnalysisFailure("--weight-column '\(w)' is also an indicator of the model")
    }
    var positions: [Int] = []
    var weightPosition: Int?
    let table = try FastCSV.parse(bytes, source: path) { header in
      var index: [String: Int] = [:]
      for (j, h) in header.enumerated() where index[h] == nil { index[h] = j }
      positions = try wanted.map { name in
        guard let j = index[name] else {
          throw AnalysisFailure(
            "\(AnalyticsError.unknownColumn(name: name).description) (data file '\(path)'; the model uses it as an indicator)")
        }
        return j
      }
      if let w = weightColumn {
        guard let j = index[w] else {
          throw AnalysisFailure("--weight-column: \(AnalyticsError.unknownColumn(name: w).description) (data file '\(path)')")
        }
        weightPosition = j
      }
      var kinds = [CSVColumnKind](repeating: .skip, count: header.count)
      for j in positions { kinds[j] = .numeric }
      if let j = weightPosition { kinds[j] = .numeric }
      return kinds
    }
    guard table.rowCount > 0 else { throw AnalysisFailure("data file '\(path)' has a header but no data rows") }
    var table2 = table
    var weights: [Double]?
    if let j = weightPosition {
      let col = table2.numeric[j]!
      var w = [Double](repeating: 0, count: col.count)
      for (i, v) in col.enumerated() {
        guard let v else {
          throw AnalysisFailure("data file '\(path)', line \(table.lineNumbers[i]): the weight column '\(weightColumn!)' is empty")
        }
        guard v >= 0 else {
          throw AnalysisFailure("data file '\(path)', line \(table.lineNumbers[i]): weight \(v) is negative")
        }
        w[i] = v
      }
      guard w.contains(where: { $0 > 0 }) else { throw AnalysisFailure("every case weight in '\(weightColumn!)' is zero") }
      weights = w
    }
    var columns: [[Double?]] = []
    columns.reserveCapacity(positions.count)
    for j in positions {
      // Take the column out of the table so it is moved, not copied (1M rows × 24 columns).
      columns.append(table2.numeric.removeValue(forKey: j) ?? [])
    }
    table2.numeric.removeAll()
    return (try Dataset(columnNames: wanted, columns: columns), weights)
  }

  /// Estimates the model and everything the report shows. `progress(done, total)` is called
  /// from worker threads during the bootstrap.
  static func run(_ options: CSIOptions, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> CSIOutcome {
    try run(
      options, progress: progress, model: { try loadModel(path: options.modelPath) },
      data: { try loadData(path: options.dataPath, model: $0, weightColumn: options.weightColumn) })
  }

  /// The same with the model and the data from elsewhere (the App: a pasted model and an
  /// upload, or a survey wave's answers). Options are checked first, then the model, then the data.
  static func run(
    _ options: CSIOptions, progress: (@Sendable (Int, Int) -> Void)? = nil, model loadModel: () throws -> PLSModel,
    data loadData: (PLSModel) throws -> (Dataset, [Double]?)
  ) throws -> CSIOutcome {
    let scheme = try parseScheme(options.scheme)
    let explicitScale = try options.scale.map(parseScale)
    var resamples: Int?
    if let b = options.bootstrap {
      guard let n = Int(b), n >= 2, n <= 1_000_000 else {
        throw AnalysisFailure("--bootstrap must be a whole number from 2 to 1000000, got '\(b)'")
      }
      resamples = n
    }
    var seed = BootstrapSettings().seed
    if let s = options.seed {
      guard let v = UInt64(s) else { throw AnalysisFailure("--seed must be a non-negative whole number, got '\(s)'") }
      guard resamples != nil else { throw AnalysisFailure("--seed only applies with --bootstrap N") }
      seed = v
    }
    var settings = PLSSettings(scheme: scheme, scaling: options.raw ? .raw : .standardized)
    if let t = options.tolerance {
      guard let v = Double(t), v > 0, v.isFinite else { throw AnalysisFailure("--tolerance must be a positive number, got '\(t)'") }
      settings.tolerance = v
    }
    if let m = options.maxIterations {
      guard let v = Int(m), v >= 1 else { throw AnalysisFailure("--max-iterations must be a whole number ≥ 1, got '\(m)'") }
      settings.maxIterations = v
    }
    let model = try loadModel()
    if let t = options.target, !model.constructNames.contains(t) {
      throw AnalysisFailure("--target: \(AnalyticsError.unknownConstruct(name: t).description)")
    }
    let clock = LapTimer()
    let result: PLSResult
    do {
      let (data, weights) = try loadData(model)
      clock.lap("read CSV")
      settings.caseWeights = weights
      result = try PLSEstimator.estimate(model: model, data: data, settings: settings)
      clock.lap("estimate")
    }
    let scale = try explicitScale ?? dataScale(result)
    let indices = try CSIIndex.compute(result, scale: scale)
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
    return CSIOutcome(result: result, scale: scale, indices: indices, ipma: ipma, quality: quality, htmt: htmt, bootstrap: boot)
  }

  /// Default scale: the smallest and largest indicator value in the analysed data.
  static func dataScale(_ result: PLSResult) throws -> IndicatorScale {
    let v = result.data.values.values
    guard let lo = v.min(), let hi = v.max(), hi > lo else {
      throw AnalysisFailure("every indicator value is the same, so no scale can be derived; give --scale MIN:MAX")
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
        + effectPairs.map { r.totalEffects[$0.0, $0.1] } + (try CSIIndex.compute(r, scale: scale).map(\.index))
    }
    let original =
      result.outerWeights + result.loadings + edges.map { result.pathCoefficients[$0.0, $0.1] }
      + effectPairs.map { result.totalEffects[$0.0, $0.1] } + (try CSIIndex.compute(result, scale: scale).map(\.index))
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

  // MARK: - JSON

  /// Diagnostics that can be undefined for an odd block (e.g. ρA of a formative block with
  /// collinear weights) print as null rather than failing the whole run; estimates never do.
  static func optional(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }

  static func json(_ o: CSIOutcome) -> JSONValue {
    let r = o.result
    let names = r.constructNames
    func perIndicator(_ values: [Double]) -> JSONValue {
      .object(names.indices.map { l in (names[l], .object(r.block(of: l).map { (r.indicatorNames[$0], .number(values[$0])) })) })
    }
    func matrixObject(_ m: Matrix, include: (Int, Int) -> Bool) -> JSONValue {
      .object(
        names.indices.compactMap { f in
          let row = names.indices.filter { include(f, $0) }.map { (names[$0], JSONValue.number(m[f, $0])) }
          return row.isEmpty ? nil : (names[f], .object(row))
        })
    }
    let adjacency = r.adjacency
    let reach = reachability(adjacency)
    var members: [(String, JSONValue)] = [
      ("outerWeights", perIndicator(r.outerWeights)),
      ("loadings", perIndicator(r.loadings)),
      ("paths", matrixObject(r.pathCoefficients) { adjacency[$0][$1] }),
      ("rSquared", .object(names.indices.filter { r.isEndogenous[$0] }.map { (names[$0], .number(r.rSquared[$0])) })),
      ("totalEffects", matrixObject(r.totalEffects) { $0 != $1 && reach[$0][$1] }),
      ("index", .object(o.indices.map { ($0.construct, .number($0.index)) })),
      (
        "ipma",
        .array(
          (o.ipma?.constructs ?? []).map {
            .object([("construct", .string($0.name)), ("importance", .number($0.importance)), ("performance", .number($0.performance))])
          })
      ),
      (
        "quality",
        .object(
          o.quality.map {
            (
              $0.construct,
              .object([
                ("alpha", optional($0.cronbachAlpha)), ("rhoA", optional($0.rhoA)), ("rhoC", optional($0.compositeReliability)),
                ("ave", optional($0.ave)),
              ])
            )
          })
      ),
      (
        "htmt",
        .object(
          names.indices.map { a in (names[a], .object(names.indices.filter { $0 != a }.map { (names[$0], optional(o.htmt[a, $0])) })) })
      ),
      ("iterations", .integer(r.iterations)),
      ("converged", .bool(r.converged)),
    ]
    if let ipma = o.ipma { members.insert(("ipmaTarget", .string(ipma.target)), at: 7) }
    members.append(("scale", .object([("min", .number(o.scale.minimum)), ("max", .number(o.scale.maximum))])))
    members.append(
      ("rows", .object([("input", .integer(r.missingValueReport.rowsInput)), ("used", .integer(r.missingValueReport.rowsUsed))])))
    if let b = o.bootstrap {
      func interval(_ c: ConfidenceInterval) -> JSONValue {
        .object([
          ("estimate", .number(c.estimate)), ("mean", .number(c.bootstrapMean)), ("se", .number(c.standardError)),
          ("lower", .number(c.lower)), ("upper", .number(c.upper)),
        ])
      }
      func perIndicatorCI(_ values: [ConfidenceInterval]) -> JSONValue {
        .object(names.indices.map { l in (names[l], .object(r.block(of: l).map { (r.indicatorNames[$0], interval(values[$0])) })) })
      }
      func relations(_ list: [(from: Int, to: Int, interval: ConfidenceInterval)]) -> JSONValue {
        .object(
          names.indices.compactMap { f in
            let row = list.filter { $0.from == f }.map { (names[$0.to], interval($0.interval)) }
            return row.isEmpty ? nil : (names[f], .object(row))
          })
      }
      members.append(
        (
          "bootstrap",
          .object([
            ("resamples", .integer(b.resamples)), ("successful", .integer(b.successful)), ("seed", .string(String(b.seed))),
            ("confidenceLevel", .number(b.confidenceLevel)),
            ("outerWeights", perIndicatorCI(b.outerWeights)), ("loadings", perIndicatorCI(b.loadings)),
            ("paths", relations(b.paths)), ("totalEffects", relations(b.totalEffects)),
            ("index", .object(names.indices.map { (names[$0], interval(b.index[$0])) })),
          ])
        ))
    }
    return .object(members)
  }

  // MARK: - Tables

  static func tables(_ o: CSIOutcome) -> String {
    let r = o.result
    let names = r.constructNames
    var out: [String] = []
    out.append(
      "PLS path model: \(r.missingValueReport.rowsUsed) of \(r.missingValueReport.rowsInput) rows, scheme \(r.settings.scheme.rawValue), "
        + "\(r.settings.scaling == .raw ? "raw (centred) indicators" : "standardised indicators"), "
        + "\(r.converged ? "converged" : "NOT converged") after \(r.iterations) iterations")
    let boot = o.bootstrap
    var outer = TextTable(
      header: ["construct", "indicator", "weight", "loading"] + (boot != nil ? ["weight 95% CI", "loading 95% CI"] : []))
    for l in names.indices {
      for j in r.block(of: l) {
        var row = [names[l], r.indicatorNames[j], TextTable.fmt(r.outerWeights[j]), TextTable.fmt(r.loadings[j])]
        if let b = boot { row += [TextTable.interval(b.outerWeights[j]), TextTable.interval(b.loadings[j])] }
        outer.add(row)
      }
    }
    out.append("\nOuter model\n" + outer.render())
    var inner = TextTable(header: ["from", "to", "path", "total effect"] + (boot != nil ? ["path 95% CI"] : []))
    for (k, p) in r.model.paths.enumerated() {
      let f = (try? r.constructIndex(p.from)) ?? 0, t = (try? r.constructIndex(p.to)) ?? 0
      var row = [p.from, p.to, TextTable.fmt(r.pathCoefficients[f, t]), TextTable.fmt(r.totalEffects[f, t])]
      if let b = boot { row.append(TextTable.interval(b.paths[k].interval)) }
      inner.add(row)
    }
    out.append("\nStructural model\n" + inner.render())
    var cons = TextTable(header: ["construct", "R²", "index", "alpha", "rhoA", "rhoC", "AVE"] + (boot != nil ? ["index 95% CI"] : []))
    for l in names.indices {
      let q = o.quality[l]
      var row = [
        names[l], r.isEndogenous[l] ? TextTable.fmt(r.rSquared[l]) : "", TextTable.fmt(o.indices[l].index, digits: 2),
        TextTable.fmt(q.cronbachAlpha), TextTable.fmt(q.rhoA), TextTable.fmt(q.compositeReliability), TextTable.fmt(q.ave),
      ]
      if let b = boot { row.append(TextTable.interval(b.index[l], digits: 2)) }
      cons.add(row)
    }
    out.append(
      "\nConstructs (index on 0–100 from the scale \(TextTable.fmt(o.scale.minimum, digits: 6, trim: true))…\(TextTable.fmt(o.scale.maximum, digits: 6, trim: true)))\n"
        + cons.render())
    var h = TextTable(header: [""] + names)
    for a in names.indices {
      h.add([names[a]] + names.indices.map { b in b < a ? TextTable.fmt(o.htmt[a, b], digits: 3) : "" })
    }
    out.append("\nHTMT\n" + h.render())
    if let ipma = o.ipma {
      var t = TextTable(header: ["construct", "importance", "performance", "quadrant"])
      for e in ipma.constructs {
        t.add([
          e.name, TextTable.fmt(e.importance), TextTable.fmt(e.performance, digits: 2), "\(e.quadrant.chineseLabel) \(e.quadrant.rawValue)",
        ])
      }
      out.append(
        "\nImportance–performance map, target \(ipma.target) (performance \(TextTable.fmt(ipma.targetPerformance, digits: 2)))\n"
          + t.render())
    }
    if let b = boot {
      out.append(
        "\nBootstrap: \(b.successful) of \(b.resamples) resamples estimated, seed \(b.seed), percentile intervals at \(Int(b.confidenceLevel * 100))%"
      )
    }
    return out.joined(separator: "\n")
  }
}
