import Analytics
import Domain

/// The CSI path models the App offers: the ACSI/ECSI structure on a wave's questionnaire items,
/// and the classic 7-construct ECSI model on the column names of the ECSI sample data set
/// (prefilled for uploads).
enum StandardCSIModels {
  /// ACSI/ECSI paths between the questionnaire's constructs.
  static let wavePaths: [(CSIConstruct, CSIConstruct)] = [
    (.image, .expectation), (.image, .satisfaction), (.image, .loyalty), (.expectation, .perceivedQuality),
    (.expectation, .perceivedValue), (.expectation, .satisfaction), (.perceivedQuality, .perceivedValue),
    (.perceivedQuality, .satisfaction), (.perceivedValue, .satisfaction), (.satisfaction, .complaint),
    (.satisfaction, .loyalty), (.complaint, .loyalty),
  ]

  /// The wave's constructs with their items (question codes as indicators); paths between
  /// constructs the wave has no items for are left out.
  static func waveModel(_ blocks: [(construct: CSIConstruct, items: [String])]) -> PLSModel {
    let present = Set(blocks.map(\.construct))
    return PLSModel(
      constructs: blocks.map { ConstructSpec(name: $0.construct.rawValue, indicators: $0.items) },
      paths: wavePaths.filter { present.contains($0.0) && present.contains($0.1) }.map {
        StructuralPath(from: $0.0.rawValue, to: $0.1.rawValue)
      })
  }

  /// ECSI (Tenenhaus et al. 2005 mobile-phone data): image, expectation, quality, value,
  /// satisfaction, complaints, loyalty.
  static let ecsiUpload = PLSModel(
    constructs: [
      ConstructSpec(name: "IMAG", indicators: (1...5).map { "IMAG\($0)" }),
      ConstructSpec(name: "CUEX", indicators: (1...3).map { "CUEX\($0)" }),
      ConstructSpec(name: "PERQ", indicators: (1...7).map { "PERQ\($0)" }),
      ConstructSpec(name: "PERV", indicators: (1...2).map { "PERV\($0)" }),
      ConstructSpec(name: "CUSA", indicators: (1...3).map { "CUSA\($0)" }),
      ConstructSpec(name: "CUSCO", indicators: ["CUSCO"]),
      ConstructSpec(name: "CUSL", indicators: (1...3).map { "CUSL\($0)" }),
    ],
    paths: [
      ("IMAG", "CUEX"), ("IMAG", "CUSA"), ("IMAG", "CUSL"), ("CUEX", "PERQ"), ("CUEX", "PERV"), ("CUEX", "CUSA"),
      ("PERQ", "PERV"), ("PERQ", "CUSA"), ("PERV", "CUSA"), ("CUSA", "CUSCO"), ("CUSA", "CUSL"), ("CUSCO", "CUSL"),
    ].map { StructuralPath(from: $0.0, to: $0.1) })

  static let ecsiUploadTarget = "CUSA"

  /// Readable text for the textarea: one construct and one path per line.
  static func text(_ model: PLSModel) -> String {
    let file = PLSModelFile(model)
    let constructs = (file.constructs ?? []).map { (try? AnalysisJSON.text($0)) ?? "" }
    let paths = (file.paths ?? []).map { (try? AnalysisJSON.text($0)) ?? "" }
    return "{\"constructs\":[\n  " + constructs.joined(separator: ",\n  ") + "\n],\n\"paths\":[\n  "
      + paths.joined(separator: ", ") + "\n]}\n"
  }
}
