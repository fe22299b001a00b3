import Foundation
import Vapor

/// A problem with an analysis input (a data or model file, an option, a pasted model) as a
/// locale key with its arguments: names, numbers, file names and lines. The pages show it in
/// the analyst's language (`appError(field:)`); `wanjia analyze` prints it in English.
struct AnalysisFailure: Error, CustomStringConvertible, Equatable {
  let key: String
  let args: [String]

  init(_ key: String, _ args: String...) { self.init(key: key, args: args) }
  init(key: String, args: [String]) {
    self.key = key
    self.args = args
  }

  /// English, for the command line and logs.
  var description: String {
    guard Self.english.tables["en"]?[key] != nil else { return ([key] + args).joined(separator: " | ") }
    return Self.english.text(key, locale: "en", args: args)
  }

  /// A 422 on `field` carrying this message.
  func appError(field: String) -> AppError {
    AppError(.unprocessableEntity, code: .invalidField, key: key, args: args, field: field)
  }

  /// The locale tables, read once: the command line does not boot the web application. Without
  /// them the message is its key and arguments, so nothing is lost.
  private static let english: Localizer =
    (try? Localizer.load(from: DirectoryConfiguration.detect().resourcesDirectory + "Locales")) ?? Localizer(tables: [:])
}
