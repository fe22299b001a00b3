import Analytics
import Foundation

/// What `wanjia analyze csi --json` prints and a saved CSI run keeps, key for key, in this order.
/// Diagnostics that can be undefined for an odd block (e.g. ρA of a formative block with
/// collinear weights) are null rather than failing the whole run; estimates never are.
struct CSIOutputs: Codable, Sendable {
  /// Construct → indicator → value.
  typealias ByIndicator<V: Codable & Sendable> = NamedValues<NamedValues<V>>
  /// Construct → construct → value.
  typealias ByRelation<V: Codable & Sendable> = NamedValues<NamedValues<V>>

  struct IPMAEntry: Codable, Sendable {
    let construct: String
    let importance: Double
    let performance: Double
  }

  struct Quality: Codable, Sendable {
    let alpha: Double?
    let rhoA: Double?
    let rhoC: Double?
    let ave: Double?

    /// Undefined values are written as null, not left out.
    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(alpha, forKey: .alpha)
      try container.encode(rhoA, forKey: .rhoA)
      try container.encode(rhoC, forKey: .rhoC)
      try container.encode(ave, forKey: .ave)
    }
  }

  struct Scale: Codable, Sendable {
    let min: Double
    let max: Double
  }

  struct Rows: Codable, Sendable {
    let input: Int
    let used: Int
  }

  struct Bounds: Codable, Sendable {
    let lower: Double
    let upper: Double
  }

  struct Group: Codable, Sendable {
    let n: Int
    let index: NamedValues<Double?>
  }

  struct Interval: Codable, Sendable {
    let estimate: Double
    let mean: Double
    let se: Double
    let lower: Double
    let upper: Double

    init(_ c: ConfidenceInterval) {
      (estimate, mean, se, lower, upper) = (c.estimate, c.bootstrapMean, c.standardError, c.lower, c.upper)
    }
  }

  struct Bootstrap: Codable, Sendable {
    let resamples: Int
    let successful: Int
    /// Text: a seed may exceed what a JSON number holds exactly.
    let seed: String
    let confidenceLevel: Double
    let outerWeights: ByIndicator<Interval>
    let loadings: ByIndicator<Interval>
    let paths: ByRelation<Interval>
    let totalEffects: ByRelation<Interval>
    let index: NamedValues<Interval>
  }

  let outerWeights: ByIndicator<Double>
  let loadings: ByIndicator<Double>
  let paths: ByRelation<Double>
  let rSquared: NamedValues<Double>
  let totalEffects: ByRelation<Double>
  let index: NamedValues<Double>
  let ipma: [IPMAEntry]
  let ipmaTarget: String?
  let quality: NamedValues<Quality>
  let htmt: ByRelation<Double?>
  let iterations: Int
  let converged: Bool
  let scale: Scale
  let rows: Rows
  let indexInterval: NamedValues<Bounds>?
  let groupColumn: String?
  let groups: NamedValues<Group>?
  let bootstrap: Bootstrap?
}

extension CSIOutputs {
  init(_ o: CSIOutcome) {
    let r = o.result
    let names = r.constructNames
    func optional(_ x: Double) -> Double? { x.isFinite ? x : nil }
    func perIndicator<V>(_ values: [V]) -> ByIndicator<V> {
      NamedValues(names.indices.map { l in (names[l], NamedValues(r.block(of: l).map { (r.indicatorNames[$0], values[$0]) })) })
    }
    func relations<V>(_ include: (Int, Int) -> Bool, _ value: (Int, Int) -> V) -> ByRelation<V> {
      NamedValues(
        names.indices.compactMap { f in
          let row = names.indices.filter { include(f, $0) }.map { (names[$0], value(f, $0)) }
          return row.isEmpty ? nil : (names[f], NamedValues(row))
        })
    }
    let adjacency = r.adjacency
    let reach = CSIAnalysis.reachability(adjacency)
    outerWeights = perIndicator(r.outerWeights)
    loadings = perIndicator(r.loadings)
    paths = relations({ adjacency[$0][$1] }, { r.pathCoefficients[$0, $1] })
    rSquared = NamedValues(names.indices.filter { r.isEndogenous[$0] }.map { (names[$0], r.rSquared[$0]) })
    totalEffects = relations({ $0 != $1 && reach[$0][$1] }, { r.totalEffects[$0, $1] })
    index = NamedValues(o.indices.map { ($0.construct, $0.index) })
    ipma = (o.ipma?.constructs ?? []).map { IPMAEntry(construct: $0.name, importance: $0.importance, performance: $0.performance) }
    ipmaTarget = o.ipma?.target
    quality = NamedValues(
      o.quality.map {
        (
          $0.construct,
          Quality(
            alpha: optional($0.cronbachAlpha), rhoA: optional($0.rhoA), rhoC: optional($0.compositeReliability),
            ave: optional($0.ave))
        )
      })
    htmt = NamedValues(
      names.indices.map { a in (names[a], NamedValues(names.indices.filter { $0 != a }.map { (names[$0], optional(o.htmt[a, $0])) })) })
    iterations = r.iterations
    converged = r.converged
    scale = Scale(min: o.scale.minimum, max: o.scale.maximum)
    rows = Rows(input: r.missingValueReport.rowsInput, used: r.missingValueReport.rowsUsed)
    indexInterval = o.bootstrap.map { b in
      NamedValues(names.indices.map { (names[$0], Bounds(lower: b.index[$0].lower, upper: b.index[$0].upper)) })
    }
    groupColumn = o.groups?.column
    groups = o.groups.map { g in
      NamedValues(
        g.groups.map { group in
          (group.label, Group(n: group.count, index: NamedValues(names.indices.map { (names[$0], optional(group.index[$0])) })))
        })
    }
    bootstrap = o.bootstrap.map { b in
      func between(_ list: [(from: Int, to: Int, interval: ConfidenceInterval)]) -> ByRelation<Interval> {
        NamedValues(
          names.indices.compactMap { f in
            let row = list.filter { $0.from == f }.map { (names[$0.to], Interval($0.interval)) }
            return row.isEmpty ? nil : (names[f], NamedValues(row))
          })
      }
      return Bootstrap(
        resamples: b.resamples, successful: b.successful, seed: String(b.seed), confidenceLevel: b.confidenceLevel,
        outerWeights: perIndicator(b.outerWeights.map(Interval.init)), loadings: perIndicator(b.loadings.map(Interval.init)),
        paths: between(b.paths), totalEffects: between(b.totalEffects),
        index: NamedValues(names.indices.map { (names[$0], Interval(b.index[$0])) }))
    }
  }
}
