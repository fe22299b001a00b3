import Foundation
import Testing

@testable import Analytics

@Suite struct LinearAlgebraTests {
  @Test("Gaussian elimination with partial pivoting solves a system with a zero leading pivot")
  func gaussianPivoting() throws {
    // [0 2 1; 1 1 1; 2 1 0] x = [5, 4, 4] has solution x = (1, 2, 1)
    let a = try Matrix(rowArrays: [[0, 2, 1], [1, 1, 1], [2, 1, 0]])
    let x = try LinearSolver.solve(a, [5, 4, 4])
    for (v, e) in zip(x, [1.0, 2, 1]) { expectClose(v, e, 1e-12, "x") }
  }

  @Test("singular systems throw singularMatrix (Gaussian and Cholesky), never NaN")
  func singular() throws {
    let a = try Matrix(rowArrays: [[1, 2], [2, 4]])
    #expect(throws: AnalyticsError.singularMatrix(context: "test")) { try LinearSolver.solve(a, [1, 2], context: "test") }
    #expect(throws: AnalyticsError.singularMatrix(context: "test")) { try LinearSolver.solveCholesky(a, [1, 2], context: "test") }
    #expect(throws: AnalyticsError.self) { try LinearSolver.solve(a, [1]) }
  }

  @Test("Cholesky solves a symmetric positive-definite system; inverse times matrix is identity")
  func choleskyAndInverse() throws {
    let a = try Matrix(rowArrays: [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]])
    let b = [1.0, 2, 3]
    let x1 = try LinearSolver.solveCholesky(a, b)
    let x2 = try LinearSolver.solve(a, b)
    for (u, v) in zip(x1, x2) { expectClose(u, v, 1e-12, "Cholesky = Gauss") }
    let product = try a.multiplied(by: try LinearSolver.inverse(a))
    for i in 0..<3 { for j in 0..<3 { expectClose(product[i, j], i == j ? 1 : 0, 1e-12, "A·A⁻¹") } }
  }

  @Test("OLS recovers exact coefficients and R² = 1 on noiseless data; weighted OLS equals row duplication")
  func ordinaryLeastSquares() throws {
    let x = try Matrix(rowArrays: [[1, 0], [2, 1], [3, 5], [4, 2], [5, 3]])
    let y = (0..<5).map { 1.5 + 2 * x[$0, 0] - 0.5 * x[$0, 1] }
    let fit = try LeastSquares.fit(x: x, y: y)
    expectClose(fit.intercept, 1.5, 1e-10, "b0")
    expectClose(fit.coefficients[0], 2, 1e-10, "b1")
    expectClose(fit.coefficients[1], -0.5, 1e-10, "b2")
    expectClose(fit.rSquared, 1, 1e-12, "R²")
    let noisy = [2.0, 1, 4, 3, 6]
    let weighted = try LeastSquares.fit(x: x, y: noisy, weights: [1, 2, 1, 1, 3])
    let dupX = try Matrix(rowArrays: [x.row(0), x.row(1), x.row(1), x.row(2), x.row(3), x.row(4), x.row(4), x.row(4)])
    let dup = try LeastSquares.fit(x: dupX, y: [2, 1, 1, 4, 3, 6, 6, 6])
    expectClose(weighted.coefficients[0], dup.coefficients[0], 1e-10, "weighted b1")
    expectClose(weighted.rSquared, dup.rSquared, 1e-10, "weighted R²")
    #expect(throws: AnalyticsError.self) { try LeastSquares.fit(x: x, y: [1, 2]) }
    #expect(throws: AnalyticsError.self) { try LeastSquares.fit(x: try Matrix(rowArrays: [[1, 2], [2, 4], [3, 6]]), y: [1, 2, 3]) }
  }

  @Test("weighted mean/variance use divisor Σw; correlation of a constant is 0, not NaN")
  func weightedStatistics() {
    let x = [1.0, 2, 3, 4]
    expectClose(WeightedStatistics.mean(x), 2.5, 1e-15, "mean")
    expectClose(WeightedStatistics.variance(x), 1.25, 1e-15, "population variance")
    expectClose(WeightedStatistics.mean(x, weights: [1, 1, 1, 3]), 3, 1e-15, "weighted mean")
    // weights (1,1,1,3): mean 3, Σw(x−3)² = 4 + 1 + 0 + 3 = 8, /6
    expectClose(WeightedStatistics.variance(x, weights: [1, 1, 1, 3]), 8.0 / 6, 1e-15, "weighted variance")
    expectClose(WeightedStatistics.correlation(x, [2, 4, 6, 8]), 1, 1e-15, "r = 1")
    #expect(WeightedStatistics.correlation(x, [5, 5, 5, 5]) == 0)
    expectClose(WeightedStatistics.quantile(sorted: [1, 2, 3, 4], probability: 0.25), 1.75, 1e-15, "type-7 quantile")
  }

  @Test("Jacobi eigen-decomposition returns sorted eigenvalues with A·v = λ·v")
  func eigen() throws {
    let a = try Matrix(rowArrays: [[2, 1, 0], [1, 2, 1], [0, 1, 2]])
    let e = try SymmetricEigen(a)
    let expected = [2 + 2.0.squareRoot(), 2, 2 - 2.0.squareRoot()]
    for (v, x) in zip(e.values, expected) { expectClose(v, x, 1e-12, "λ") }
    for k in 0..<3 {
      let v = e.vectors.column(k)
      let av = try a.multiplied(by: v)
      for i in 0..<3 { expectClose(av[i], e.values[k] * v[i], 1e-12, "A v = λ v") }
    }
  }

  @Test("matrix constructors and products reject mismatched sizes instead of crashing")
  func matrixValidation() throws {
    #expect(throws: AnalyticsError.self) { try Matrix(rows: 2, cols: 2, values: [1, 2, 3]) }
    #expect(throws: AnalyticsError.self) { try Matrix(rowArrays: [[1, 2], [3]]) }
    let a = try Matrix(rowArrays: [[1, 2], [3, 4]])
    #expect(throws: AnalyticsError.self) { try a.multiplied(by: try Matrix(rowArrays: [[1, 2, 3]])) }
    let p = try a.multiplied(by: a.transposed())
    #expect(p.rowArrays == [[5, 11], [11, 25]])
  }

  @Test("CSV parsing handles quotes, NA and text as missing; duplicate names and NaN are rejected")
  func dataset() throws {
    let d = try Dataset(csv: "\"a\",b,c\n1,NA,x\n\"2\",3,\"y,z\"\n")
    #expect(d.columnNames == ["a", "b", "c"])
    #expect(d.columns[0] == [1, 2])
    #expect(d.columns[1] == [nil, 3])
    #expect(d.columns[2] == [nil, nil])
    #expect(throws: AnalyticsError.duplicateName(name: "a")) { try Dataset(columnNames: ["a", "a"], columns: [[1], [2]]) }
    #expect(throws: AnalyticsError.self) { try Dataset(columnNames: ["a"], columns: [[.nan]]) }
    #expect(throws: AnalyticsError.self) { try Dataset(csv: "a,b\n1\n") }
    #expect(throws: AnalyticsError.unknownColumn(name: "q")) { try d.column(named: "q") }
  }

  @Test("case weights must match the row count and be non-negative")
  func caseWeightValidation() throws {
    let data = try Fixtures.smallData()
    #expect(throws: AnalyticsError.self) {
      try PLSEstimator.estimate(model: Fixtures.twoConstructs, data: data, settings: PLSSettings(caseWeights: [1, 2]))
    }
    var w = Array(repeating: 1.0, count: data.rowCount)
    w[0] = -1
    #expect(throws: AnalyticsError.self) {
      try PLSEstimator.estimate(model: Fixtures.twoConstructs, data: data, settings: PLSSettings(caseWeights: w))
    }
  }

  @Test("every error message names its cause")
  func errorMessages() {
    #expect(AnalyticsError.constantIndicator(name: "sat2").description.contains("sat2"))
    #expect(AnalyticsError.cycleInPaths(constructs: ["A", "B", "A"]).description.contains("A -> B -> A"))
    #expect(AnalyticsError.nonReciprocalMatrix(row: 0, column: 2, value: 3, mirror: 3).description.contains("(1, 3)"))
    #expect(AnalyticsError.tooManyCriteria(count: 16, maximum: 15).description.contains("16"))
    #expect(AnalyticsError.singleValuedDecision(attribute: "Flu").description.contains("Flu"))
  }
}
