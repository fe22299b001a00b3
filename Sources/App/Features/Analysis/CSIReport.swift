import Analytics
import Foundation

/// `analyze csi` output: the JSON object of the CLI contract and the text tables.
extension CSIAnalysis {
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
      members.append(
        (
          "indexInterval",
          .object(
            names.indices.map {
              (names[$0], .object([("lower", .number(b.index[$0].lower)), ("upper", .number(b.index[$0].upper))]))
            })
        ))
    }
    if let g = o.groups {
      members.append(("groupColumn", .string(g.column)))
      members.append(
        (
          "groups",
          .object(
            g.groups.map { group in
              (
                group.label,
                .object([
                  ("n", .integer(group.count)),
                  ("index", .object(names.indices.map { (names[$0], optional(group.index[$0])) })),
                ])
              )
            })
        ))
    }
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
    if let g = o.groups {
      var t = TextTable(header: [g.column, "n"] + names)
      for group in g.groups {
        t.add([group.label, String(group.count)] + group.index.map { TextTable.fmt($0, digits: 2) })
      }
      out.append("\nIndex per group (\(g.column); the whole model's weights)\n" + t.render())
    }
    if let b = boot {
      out.append(
        "\nBootstrap: \(b.successful) of \(b.resamples) resamples estimated, seed \(b.seed), percentile intervals at \(Int(b.confidenceLevel * 100))%"
      )
    }
    return out.joined(separator: "\n")
  }
}
