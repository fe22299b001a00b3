import Foundation

/// Where "back" may lead: a path on this server only. A referer (or any address a request
/// names) gives its path and query; `//host` and `/\host`, which browsers treat as another
/// site, and anything that is not a plain absolute path are refused.
enum LocalRedirect {
  static func path(from address: String?) -> String? {
    guard let address, let components = URLComponents(string: address) else { return nil }
    let path = components.percentEncodedPath
    guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"),
      !path.contains("\\"), !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
    else { return nil }
    if let query = components.percentEncodedQuery, !query.isEmpty { return path + "?" + query }
    return path
  }
}
