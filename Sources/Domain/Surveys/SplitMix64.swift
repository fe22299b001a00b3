/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fully specified generator, so a sample drawn
/// with a given seed can be redrawn identically on any platform and Swift version (Swift's own
/// `random(in:using:)` algorithm is not guaranteed stable). Internal: Analytics has a public
/// twin, and App imports both modules.
struct SplitMix64: RandomNumberGenerator, Sendable {
  private(set) var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Unbiased integer in 0..<bound (Lemire's multiply-and-reject), spelled out so that it never
  /// depends on the standard library's implementation. `bound` must be positive.
  mutating func next(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      let threshold = (0 &- range) % range
      while product.low < threshold {
        product = next().multipliedFullWidth(by: range)
      }
    }
    return Int(product.high)
  }

  /// FNV-1a over UTF-8, a fixed hash for deriving per-stratum seeds (Swift's `Hasher` is
  /// randomised per process and would break reproducibility).
  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }
}
