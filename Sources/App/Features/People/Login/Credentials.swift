import Domain
import Foundation
import Vapor

/// The password hasher and the policy every new password meets, handed to each path that sets
/// one (user pages, API, CLI, password change, demo) so that none can skip the policy.
struct Credentials: Sendable {
  let hasher: AsyncPasswordHasher
  let policy: PasswordPolicy

  /// The password when it meets the policy for this username; otherwise the field error.
  func check(_ value: String?, username: String, field: String, into errors: inout FieldErrors) -> String {
    let password = value ?? ""
    switch policy.problem(password: password, username: username) {
    case nil: break
    case .tooShort(let minimum): errors.add(field, "validation.password_short", String(minimum))
    case .tooLong(let maximum): errors.add(field, "validation.too_long", String(maximum))
    case .containsUsername: errors.add(field, "validation.password_username")
    case .common: errors.add(field, "validation.password_common")
    }
    return password
  }

  func hash(_ password: String) async throws -> String {
    try await hasher.hash(password).get()
  }

  /// The policy with the common-password list under `Resources/Passwords`.
  static func loadPolicy(resourcesDirectory: String) throws -> PasswordPolicy {
    let path = resourcesDirectory + "Passwords/common-passwords.txt"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw CommandFailure("\(path) is missing: start wanjia in the folder that holds Resources/ (the repository root)")
    }
    return PasswordPolicy(commonPasswords: PasswordPolicy.commonPasswords(fromList: text))
  }
}

struct PasswordPolicyKey: StorageKey {
  typealias Value = PasswordPolicy
}

extension Application {
  /// Loaded by `configure`.
  var passwordPolicy: PasswordPolicy {
    get { storage[PasswordPolicyKey.self] ?? PasswordPolicy() }
    set { storage[PasswordPolicyKey.self] = newValue }
  }

  var credentials: Credentials { Credentials(hasher: password.async, policy: passwordPolicy) }
}

extension Request {
  var credentials: Credentials { Credentials(hasher: password.async, policy: application.passwordPolicy) }
}
