/// An import refused as a whole, with every bad line and why.
struct ImportFailure: AppErrorConvertible {
  struct Line: Sendable {
    let line: Int
    let field: String
    let key: String
    let args: [String]
  }
  let lines: [Line]

  /// Lines reported at most; a file can have millions of bad ones.
  static let reported = 1000

  /// The 422 that names the first bad line and carries the reported ones.
  var appError: AppError {
    var error = AppError(
      .unprocessableEntity, code: .invalidRows, key: "import.error.rejected", args: [String(lines.count)],
      field: lines.first.map { "line \($0.line)" })
    error.lines = Array(lines.prefix(Self.reported))
    return error
  }
}
