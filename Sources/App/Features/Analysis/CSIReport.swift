import Analytics
import Foundation

/// `analyze csi` output as text tables (the JSON is `CSIOutputs`).
extension CSIAnalysis {
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
