import Domain
import Foundation

/// Fixtures shared by more than one suite of this target.
enum SamplingFixtures {
  /// Candidates with consecutive ids, `sizes` per segment in allCases order, none excluded.
  static func population(_ sizes: [Int]) -> [SamplingCandidate] {
    var id: Int64 = 1000
    var result: [SamplingCandidate] = []
    for (segment, size) in zip(CustomerSegment.allCases, sizes) {
      for _ in 0..<size {
        result.append(SamplingCandidate(id: id, segment: segment, lastSurveyedOn: nil, hasOpenComplaint: false))
        id += 1
      }
    }
    return result
  }
}
