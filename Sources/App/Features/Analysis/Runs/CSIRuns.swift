import Analytics
import Domain
import Fluent
import Foundation
import Vapor

/// CSI runs: the PLS path model (`CSIAnalysis`, as `wanjia analyze csi`) on an uploaded CSV with
/// a pasted model, or on a survey wave's CSI items with the standard ACSI/ECSI model. Every
/// problem with the input becomes a 422 naming the form field, never a 500.
enum CSIRuns {
  struct Upload: Sendable {
    var fileName: String
    var data: Data
    var model: String
    var weightColumn: String?
    var scale: String?
    var target: String?
    var groupColumn: String? = nil
    var bootstrap: String? = nil
  }

  /// Bootstrap resamples a page run may ask for (it runs while the analyst waits).
  static let maximumPageResamples = 5000

  /// The questionnaire's CSI items are on the ten-point scale.
  static let waveScale = "1:10"
  static let waveTarget = CSIConstruct.satisfaction.rawValue
  /// Fewer complete responses than this cannot support a seven-construct model.
  static let minimumResponses = 30

  static func fromUpload(_ upload: Upload, app: Application) async throws -> AnalysisRunService.Result {
    var errors = FieldErrors()
    if upload.data.isEmpty { errors.add("file", "validation.required") }
    if upload.model.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.add("model", "validation.required") }
    let scale = blank(upload.scale)
    if let scale, (try? CSIAnalysis.parseScale(scale)) == nil { errors.add("scale", "analysis.error.scale", scale) }
    let bootstrap = blank(upload.bootstrap)
    checkBootstrap(bootstrap, into: &errors)
    if !errors.isEmpty { throw ValidationFailure(errors: errors) }
    var options = CSIOptions(dataPath: "", modelPath: "")
    options.bootstrap = bootstrap
    options.groupColumn = blank(upload.groupColumn)
    options.scale = scale
    options.target = blank(upload.target)
    options.weightColumn = blank(upload.weightColumn)
    let model = try parseModel(upload.model, target: options.target)
    let weightColumn = options.weightColumn
    let groupColumn = options.groupColumn
    let bytes = [UInt8](upload.data)
    let name = upload.fileName.isEmpty ? "upload.csv" : upload.fileName
    let outcome = try await estimate(app, options: options, model: model) { model in
      do {
        return try CSIAnalysis.loadData(bytes: bytes, source: name, model: model, weightColumn: weightColumn, groupColumn: groupColumn)
      } catch let failure as AnalysisFailure {
        switch failure.key {
        case "analysis.fail.weight_column_is_indicator", "analysis.fail.weight_column_missing":
          throw failure.appError(field: "weightColumn")
        case "analysis.fail.group_column_is_indicator", "analysis.fail.group_column_is_weight", "analysis.fail.group_column_missing":
          throw failure.appError(field: "groupColumn")
        case "analysis.fail.csv_nul":
          // NUL is refused as at every door text comes in by: 400 naming the line, shown beside
          // the file field.
          throw AppError(
            .badRequest, code: NulCharacters.refusalCode, key: "error.nul_character_line", args: [failure.args.last ?? ""],
            field: "file")
        default:
          throw failure.appError(field: "file")
        }
      } catch let error as AnalyticsError {
        throw AnalyticsMessages.invalid("file", error)
      }
    }
    var settings = settings(.upload, outcome, model: model)
    settings.fileName = name
    settings.weightColumn = options.weightColumn
    settings.groupColumn = options.groupColumn
    return .init(
      content: .csi(settings, CSIOutputs(outcome)), inputHash: AnalysisRunService.sha256(upload.data), inputDescription: name)
  }

  /// A wave run: the wave, an optional grouping and optional bootstrap resamples.
  struct WaveRequest: Sendable {
    var waveId: String?
    var groupBy: String? = nil
    var bootstrap: String? = nil
  }

  /// What a wave run's index can be broken down by: each response's unit or customer segment.
  /// The group labels saved are unit names and segment codes.
  enum WaveGrouping: String, Codable, CaseIterable, Sendable {
    case unit, segment
  }

  /// Reads only the responses of units in `scope`.
  static func fromWave(
    _ request: WaveRequest, scope: AnalysisScope, app: Application, on db: any Database
  ) async throws -> AnalysisRunService.Result {
    var errors = FieldErrors()
    let groupBy = blank(request.groupBy)
    let grouping = groupBy.flatMap(WaveGrouping.init(rawValue:))
    if groupBy != nil, grouping == nil { errors.add("groupBy", "validation.choice") }
    let bootstrap = blank(request.bootstrap)
    checkBootstrap(bootstrap, into: &errors)
    if !errors.isEmpty { throw ValidationFailure(errors: errors) }
    guard let id = UUID(uuidString: request.waveId ?? ""), let wave = try await WaveSummaries.find(id, on: db) else {
      throw AppError.invalid("waveId", "analysis.error.unknown_wave")
    }
    let matrix = try await CSIItemMatrix.load(waveID: id, units: scope.unitIDs, on: db)
    guard matrix.rows.count >= minimumResponses, matrix.blocks.count >= 2 else {
      throw AppError.invalid("waveId", "analysis.error.too_few_responses", wave.code, String(matrix.rows.count))
    }
    let model = StandardCSIModels.waveModel(matrix.blocks)
    var options = CSIOptions(dataPath: "", modelPath: "")
    options.scale = waveScale
    options.target = model.constructNames.contains(waveTarget) ? waveTarget : nil
    options.bootstrap = bootstrap
    options.groupColumn = grouping?.rawValue
    let labels = try await groupLabels(grouping, matrix, on: db)
    let items = matrix.items
    let rows = matrix.rows
    let weights = matrix.weights
    let outcome = try await estimate(app, options: options, model: model) { _ in
      let columns = items.indices.map { j in rows.map { $0[j] } }
      return CSIInput(dataset: try Dataset(columnNames: items, columns: columns), weights: weights, groups: labels)
    }
    var settings = settings(.wave, outcome, model: model)
    settings.waveId = id
    settings.waveCode = wave.code
    settings.channels = CSIItemMatrix.channels
    settings.responses = rows.count
    settings.caseWeights = "response weight"
    settings.groupBy = grouping
    return .init(
      content: .csi(settings, CSIOutputs(outcome)), inputHash: AnalysisRunService.sha256(Data(matrix.csv.utf8)),
      inputDescription: wave.code)
  }

  /// One label per response row: its unit's name or its segment code; nil without a grouping.
  static func groupLabels(_ grouping: WaveGrouping?, _ matrix: CSIItemMatrix, on db: any Database) async throws -> [String?]? {
    switch grouping {
    case nil: return nil
    case .segment: return matrix.segments
    case .unit:
      let units = try await OrgUnit.query(on: db).filter(\.$id ~~ Set(matrix.units)).all()
      // Two stations may share a name under different counties: those get their code added.
      let repeated = Dictionary(grouping: units, by: \.name).filter { $0.value.count > 1 }
      let labels = Dictionary(
        uniqueKeysWithValues: try units.map { (try $0.requireID(), repeated[$0.name] == nil ? $0.name : "\($0.name) (\($0.code))") })
      return matrix.units.map { labels[$0] }
    }
  }

  /// Resamples a page or API run may ask for: a whole number from 2 to `maximumPageResamples`.
  static func checkBootstrap(_ bootstrap: String?, into errors: inout FieldErrors) {
    if let bootstrap, (Int(bootstrap).map { $0 >= 2 && $0 <= maximumPageResamples } ?? false) == false {
      errors.add("bootstrap", "analysis.error.bootstrap", bootstrap, String(maximumPageResamples))
    }
  }

  /// The pasted model, or a 422 on `model` (or `target`) saying what is wrong with it.
  static func parseModel(_ text: String, target: String?) throws -> PLSModel {
    let model: PLSModel
    do {
      model = try CSIAnalysis.model(from: Data(text.utf8), source: "model")
    } catch let failure as AnalysisFailure {
      throw failure.appError(field: "model")
    } catch let error as AnalyticsError {
      throw AnalyticsMessages.invalid("model", error)
    }
    if let target, !model.constructNames.contains(target) {
      throw AppError.invalid("target", "analysis.error.unknown_construct", target)
    }
    return model
  }

  /// Runs the estimation on the thread pool; a model the data cannot support is a 422 on `file`.
  static func estimate(
    _ app: Application, options: CSIOptions, model: PLSModel,
    data: @escaping @Sendable (PLSModel) throws -> CSIInput
  ) async throws -> CSIOutcome {
    try await AnalysisRunService.compute(app) {
      do {
        let outcome = try CSIAnalysis.run(options, model: { model }, data: data)
        _ = try AnalysisJSON.text(CSIOutputs(outcome))  // refuse a result holding NaN here, not on saving
        return outcome
      } catch let failure as AnalysisFailure {
        throw failure.appError(field: "file")
      } catch let error as AnalyticsError {
        throw AnalyticsMessages.invalid("file", error)
      }
    }
  }

  /// The settings every CSI run saves: the model, the estimation and the bootstrap's resamples
  /// and seed when there was one.
  static func settings(_ source: CSIRunSettings.Source, _ outcome: CSIOutcome, model: PLSModel) -> CSIRunSettings {
    CSIRunSettings(
      source: source, model: PLSModelFile(model), scheme: outcome.result.settings.scheme,
      scaling: outcome.result.settings.scaling, scale: .init(min: outcome.scale.minimum, max: outcome.scale.maximum),
      ipmaTarget: outcome.ipma?.target,
      bootstrap: outcome.bootstrap.map { .init(resamples: $0.resamples, seed: String($0.seed)) })
  }

  static func blank(_ text: String?) -> String? {
    let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
  }
}
