import Analytics
import ConsoleKit
import Foundation
import Vapor

/// `wanjia analyze csi|ahp|roughset`: the analytics library from the command line.
///
/// A failure prints one line `error: <cause>` on standard error and exits with status 1 (the
/// executable would otherwise crash on an error thrown at top level). Tests construct the group
/// with `exitOnFailure: false` and get the `AnalysisFailure` thrown instead.
struct AnalyzeCommands: AnyAsyncCommand {
  var exitOnFailure = true

  struct Group: AsyncCommandGroup {
    var help: String {
      "Analyses survey data: csi (PLS path model, CSI index, IPMA), ahp (judgment matrices), roughset (attribute weights)."
    }
    var commands: [String: any AnyAsyncCommand] {
      ["csi": AnalyzeCSICommand(), "ahp": AnalyzeAHPCommand(), "roughset": AnalyzeRoughSetCommand()]
    }
  }

  var help: String { Group().help }

  func run(using context: inout CommandContext) async throws {
    do {
      try await Group().run(using: &context)
    } catch {
      let message = Self.message(for: error)
      if exitOnFailure {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(1)
      }
      throw error as? AnalysisFailure ?? AnalysisFailure("analysis.fail.command", message)
    }
  }

  func outputAutoComplete(using context: inout CommandContext) throws { try Group().outputAutoComplete(using: &context) }
  func outputHelp(using context: inout CommandContext) throws { try Group().outputHelp(using: &context) }
  func renderCompletionFunctions(using context: CommandContext, shell: Shell) -> String {
    Group().renderCompletionFunctions(using: context, shell: shell)
  }

  /// One line naming the cause.
  static func message(for error: any Error) -> String {
    let text: String
    switch error {
    case let e as AnalysisFailure: text = e.description
    case let e as AnalyticsError: text = e.description
    case let e as CommandError: text = e.description
    case let e as any CustomStringConvertible: text = e.description
    default: text = "\(error)"
    }
    return text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  /// Writes the result: JSON (one line) or the text tables.
  static func emit<T: Encodable>(_ context: CommandContext, json: T, tables: @autoclosure () -> String, asJSON: Bool) throws {
    let text = try AnalysisJSON.text(json)  // refuses a result holding NaN, as JSON or as tables
    context.console.output((asJSON ? text : tables()).consoleText())
  }
}

struct AnalyzeCSICommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Option(name: "data", help: "CSV file with a header row (one respondent per row)") var data: String?
    @Option(name: "model", help: "Model JSON: {\"constructs\":[{\"name\",\"indicators\",\"mode\"}],\"paths\":[[from,to],…]}") var model:
      String?
    @Option(name: "scheme", help: "Inner weighting scheme: path (default), centroid or factorial") var scheme: String?
    @Flag(name: "raw", help: "Analyse centred, unscaled indicators instead of standardised ones") var raw: Bool
    @Option(name: "weight-column", help: "Column holding case (sampling) weights") var weightColumn: String?
    @Option(name: "bootstrap", help: "Number of bootstrap resamples for percentile intervals") var bootstrap: String?
    @Option(name: "seed", help: "Bootstrap seed (default 20240601)") var seed: String?
    @Option(name: "scale", help: "Response scale MIN:MAX for the 0–100 index (default: min/max of the data)") var scale: String?
    @Option(name: "target", help: "Target construct of the importance–performance map (default SAT)") var target: String?
    @Option(name: "tolerance", help: "Convergence tolerance (default 1e-7)") var tolerance: String?
    @Option(name: "max-iterations", help: "Iteration limit (default 300)") var maxIterations: String?
    @Option(name: "group-column", help: "Column of group labels (unit, segment): the index per group") var groupColumn: String?
    @Flag(name: "json", help: "Print one JSON object instead of tables") var json: Bool
  }

  var help: String {
    "PLS path model with CSI index, IPMA, reliability and HTMT: analyze csi --data F.csv --model M.json [--scheme path|centroid|factorial] [--raw] [--weight-column C] [--bootstrap N --seed S] [--scale MIN:MAX] [--target SAT] [--group-column COL] [--json]"
  }

  func run(using context: CommandContext, signature: Signature) async throws {
    guard let data = signature.data else { throw AnalysisFailure("analysis.fail.required", "--data F.csv") }
    guard let model = signature.model else { throw AnalysisFailure("analysis.fail.required", "--model M.json") }
    var options = CSIOptions(dataPath: data, modelPath: model)
    options.scheme = signature.scheme
    options.raw = signature.raw
    options.weightColumn = signature.weightColumn
    options.bootstrap = signature.bootstrap
    options.seed = signature.seed
    options.scale = signature.scale
    options.target = signature.target
    options.tolerance = signature.tolerance
    options.maxIterations = signature.maxIterations
    options.groupColumn = signature.groupColumn
    let bar = StderrProgressBar(label: "bootstrap")
    let report: @Sendable (Int, Int) -> Void = { done, total in bar.update(done, total) }
    let outcome = try CSIAnalysis.run(options, progress: signature.bootstrap == nil ? nil : report)
    try AnalyzeCommands.emit(context, json: CSIOutputs(outcome), tables: CSIAnalysis.tables(outcome), asJSON: signature.json)
  }
}

struct AnalyzeAHPCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Option(
      name: "input", help: "JSON: {\"criteria\":[…],\"matrix\":[[…]]} or {\"criteria\":[…],\"judges\":[…],\"method\":\"AIJ\"|\"AIP\"}")
    var input: String?
    @Flag(name: "json", help: "Print one JSON object instead of tables") var json: Bool
  }

  var help: String { "AHP weights and consistency of a judgment matrix or a group of judges: analyze ahp --input F.json [--json]" }

  func run(using context: CommandContext, signature: Signature) async throws {
    guard let input = signature.input else { throw AnalysisFailure("analysis.fail.required", "--input F.json") }
    let outcome = try AHPAnalysis.run(inputPath: input)
    try AnalyzeCommands.emit(context, json: AHPOutputs(outcome), tables: AHPAnalysis.tables(outcome), asJSON: signature.json)
  }
}

struct AnalyzeRoughSetCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Option(name: "data", help: "CSV file with a header row (one object per row)") var data: String?
    @Option(name: "decision", help: "Decision column") var decision: String?
    @Option(name: "discretize", help: "equal-frequency:K, equal-width:K or cuts:a,b,… for numeric attributes") var discretize: String?
    @Option(name: "attributes", help: "Comma-separated condition columns (default: all other named columns)") var attributes: String?
    @Flag(name: "json", help: "Print one JSON object instead of tables") var json: Bool
  }

  var help: String {
    "Rough-set dependency, core, reduct and attribute weights: analyze roughset --data F.csv --decision COLUMN [--discretize equal-frequency:3|equal-width:3|cuts:a,b] [--json]"
  }

  func run(using context: CommandContext, signature: Signature) async throws {
    guard let data = signature.data else { throw AnalysisFailure("analysis.fail.required", "--data F.csv") }
    guard let decision = signature.decision else { throw AnalysisFailure("analysis.fail.required", "--decision COLUMN") }
    let outcome = try RoughSetAnalysis.run(
      dataPath: data, decision: decision, discretize: signature.discretize, attributes: signature.attributes)
    try AnalyzeCommands.emit(
      context, json: RoughSetAnalysis.Outputs(outcome), tables: RoughSetAnalysis.tables(outcome), asJSON: signature.json)
  }
}

/// `wanjia analyze …` without booting the web application: the analyses need no database,
/// views, event loops or locale files, so the executable calls this first and skips
/// `Application.make` and `configure` (a third of a second and tens of megabytes at start).
public enum AnalyzeEntry {
  /// Runs `analyze` when it is the command; returns false otherwise. A failure prints one
  /// line on standard error and exits with status 1, as the command does inside the app.
  public static func runIfAnalyze(_ arguments: [String]) async -> Bool {
    guard arguments.count >= 2, arguments[1] == "analyze" else { return false }
    let help = arguments.contains { $0 == "--help" || $0 == "-h" }
    guard !help else { return false }
    var context = CommandContext(
      console: Terminal(), input: CommandInput(arguments: [arguments[0] + " analyze"] + Array(arguments.dropFirst(2))))
    do {
      try await AnalyzeCommands().run(using: &context)
    } catch {
      FileHandle.standardError.write(Data("error: \(AnalyzeCommands.message(for: error))\n".utf8))
      exit(1)
    }
    return true
  }
}
