/// The AHP judgment entry: criteria, the pairwise grid (upper triangle editable, reciprocals
/// shown below the diagonal), and after "compute" the weights and consistency. The grid carries
/// what `/js/ahp.js` needs to show CR live; the server's figures are the ones saved.
struct AHPPage: Encodable {
  struct Cell: Encodable {
    let field: String
    /// "row criterion : column criterion", for screen readers.
    let label: String
    let value: String
    let editable: Bool
    let diagonal: Bool
    let row: Int
    let column: Int
    let revisit: Bool
    let invalid: Bool
  }
  struct Row: Encodable {
    let criterion: String
    let cells: [Cell]
  }
  struct Problem: Encodable {
    let message: String
  }

  let chrome: Chrome
  let action: String
  let listHref: String
  let title: String
  let criteriaText: String
  let criteria: [String]
  let size: Int
  let rows: [Row]
  let hasGrid: Bool
  let gridUpdated: Bool
  let result: AnalysisRunPage.AHP?
  let errors: [String: String]
  let problems: [Problem]
  /// Saaty's random index for n = 1…15 and the CR threshold, for the live script.
  let randomIndex: String
  let threshold: String
}
