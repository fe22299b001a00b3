/// What a complaint order records beyond the common fields (WO-INTAKE,
/// WO-INTAKE-ATTITUDE-SEVERITY).
public struct ComplaintDetails: Hashable, Codable, Sendable {
  public var taxonomyVersion: Int
  public var categoryCode: String
  public var itemCode: String
  public var attitude: CustomerAttitude
  public var severity: Severity
  /// Set after investigation; nil until then.
  public var verified: Bool?
  public var supplyResponsibility: Bool?

  public init(
    taxonomyVersion: Int, categoryCode: String, itemCode: String, attitude: CustomerAttitude = .calm,
    severity: Severity = .general, verified: Bool? = nil, supplyResponsibility: Bool? = nil
  ) {
    self.taxonomyVersion = taxonomyVersion
    self.categoryCode = categoryCode
    self.itemCode = itemCode
    self.attitude = attitude
    self.severity = severity
    self.verified = verified
    self.supplyResponsibility = supplyResponsibility
  }

  /// Classifies against a taxonomy, checking the item belongs to the category.
  public static func classify(
    category: String, item: String, in taxonomy: Taxonomy, attitude: CustomerAttitude = .calm,
    severity: Severity = .general
  ) throws(TaxonomyError) -> ComplaintDetails {
    _ = try taxonomy.item(item, in: category)
    return ComplaintDetails(
      taxonomyVersion: taxonomy.version, categoryCode: category, itemCode: item, attitude: attitude,
      severity: severity)
  }

  /// WO-VERIFIED-COMPLAINT: counted in complaint statistics and accountability only once verified
  /// as the supply side's responsibility (核实属实).
  public var countsInStatistics: Bool { verified == true && supplyResponsibility == true }
}

/// What a report (举报) order records. The reporter's identity is confidential (ORG-MASK-REPORTER):
/// the app shows it only to roles cleared for it.
public struct ReportDetails: Hashable, Codable, Sendable {
  public var taxonomyVersion: Int
  public var misconductCode: String
  public var reporterConfidential: Bool

  public init(taxonomyVersion: Int, misconductCode: String, reporterConfidential: Bool = true) {
    self.taxonomyVersion = taxonomyVersion
    self.misconductCode = misconductCode
    self.reporterConfidential = reporterConfidential
  }

  public static func classify(
    _ code: String, in taxonomy: Taxonomy = .misconductV1
  ) throws(TaxonomyError)
    -> ReportDetails
  {
    guard let category = taxonomy.categories.first else { throw .unknownItem(code) }
    _ = try taxonomy.item(code, in: category.code)
    return ReportDetails(taxonomyVersion: taxonomy.version, misconductCode: code)
  }
}
