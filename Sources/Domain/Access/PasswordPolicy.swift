import Foundation

/// What a new password must be, for every path that sets one (user pages, API, CLI, password
/// change, demo): at least 10 characters (at most 128), not the username nor containing it, and
/// not one of the common passwords shipped with the product. Configuration, with these numbers
/// as defaults.
public struct PasswordPolicy: Sendable {
  public enum Problem: Equatable, Sendable {
    case tooShort(minimum: Int)
    case tooLong(maximum: Int)
    case containsUsername
    case common
  }

  public var minimumLength: Int
  public var maximumLength: Int
  /// Lower-case common passwords.
  public var commonPasswords: Set<String>

  public init(minimumLength: Int = 10, maximumLength: Int = 128, commonPasswords: Set<String> = []) {
    self.minimumLength = minimumLength
    self.maximumLength = maximumLength
    self.commonPasswords = commonPasswords
  }

  /// The first rule the password breaks, or nil. Comparisons ignore case.
  public func problem(password: String, username: String) -> Problem? {
    if password.count < minimumLength { return .tooShort(minimum: minimumLength) }
    if password.count > maximumLength { return .tooLong(maximum: maximumLength) }
    let lowered = password.lowercased()
    let name = username.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    if !name.isEmpty, lowered.contains(name) { return .containsUsername }
    if commonPasswords.contains(lowered) { return .common }
    return nil
  }

  /// The common-password list file: one per line, `#` comments and blank lines skipped.
  public static func commonPasswords(fromList text: String) -> Set<String> {
    Set(
      text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") })
  }
}
