/// The product's version, stored with every saved analysis run so a result can be traced to
/// the code that computed it. Raise it with each release.
enum WanjiaVersion {
  static let current = "0.9.0"
}
