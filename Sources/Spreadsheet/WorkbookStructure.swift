import Foundation

/// Where the parts of a workbook live. Found through the relationships, as the format requires: real files do not
/// always use `xl/workbook.xml` or `sheetN.xml` in sheet order.
struct WorkbookStructure {
  struct Sheet {
    let name: String
    /// Package path of the sheet's part; nil when the relationship is missing.
    let path: String?
    /// Whether the part is a worksheet (chart sheets and dialog sheets have no cells).
    let isWorksheet: Bool
  }

  let sheets: [Sheet]
  let sharedStringsPath: String?

  init(package: ZipReader) throws(SpreadsheetError) {
    let workbookPath = try Self.workbookPath(in: package)
    guard let workbookData = try ZipPackage.part(workbookPath, in: package) else {
      throw SpreadsheetError("not an XLSX file: missing workbook part \(workbookPath)")
    }
    let relationships = try Self.relationships(of: workbookPath, in: package)
    let sheetElements = try ElementCollector.collect(["sheet"], in: workbookData, part: workbookPath)
    sheets = sheetElements.map { element in
      let name = element.attributes["name"] ?? ""
      let target = PartParsing.attribute("id", in: element.attributes).flatMap { relationships[$0] }
      let isWorksheet = target.map { $0.type.hasSuffix("/worksheet") } ?? false
      return Sheet(name: name, path: target?.path, isWorksheet: isWorksheet)
    }
    sharedStringsPath =
      relationships.values.first { $0.type.hasSuffix("/sharedStrings") }?.path
      ?? (package.entry("xl/sharedStrings.xml") != nil ? "xl/sharedStrings.xml" : nil)
  }

  /// The main part named by the package's root relationships, falling back to the conventional path.
  private static func workbookPath(in package: ZipReader) throws(SpreadsheetError) -> String {
    let root = try relationships(of: "", in: package)
    let main = root.values.first { $0.type.hasSuffix("/officeDocument") }
    if main == nil && package.entry("[Content_Types].xml") == nil && package.entry("xl/workbook.xml") == nil {
      throw SpreadsheetError("not an XLSX file: missing workbook")
    }
    return main?.path ?? "xl/workbook.xml"
  }

  /// Relationships of `part` (the package itself for ""), keyed by id, with targets resolved to package paths.
  private static func relationships(
    of part: String, in package: ZipReader
  ) throws(SpreadsheetError)
    -> [String: (type: String, path: String)]
  {
    let folder = part.split(separator: "/").dropLast().joined(separator: "/")
    let file = part.split(separator: "/").last.map(String.init) ?? ""
    let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    guard let data = try ZipPackage.part(relsPath, in: package) else { return [:] }
    var result: [String: (type: String, path: String)] = [:]
    for element in try ElementCollector.collect(["Relationship"], in: data, part: relsPath) {
      let attributes = element.attributes
      guard let id = attributes["Id"], let target = attributes["Target"], attributes["TargetMode"] != "External"
      else { continue }
      result[id] = (attributes["Type"] ?? "", PartParsing.resolve(target, relativeTo: part))
    }
    return result
  }
}
