import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014). Used to expand a user seed into xoshiro state and to
/// derive an independent stream per bootstrap resample from (seed, index).
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// xoshiro256** (Blackman & Vigna 2018): fast, high-quality and — unlike the system generator —
/// reproducible from a seed, which bootstrap results must be.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
  private var s: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var sm = SplitMix64(seed: seed)
    s = (sm.next(), sm.next(), sm.next(), sm.next())
  }

  /// Independent stream for task `index` of a run seeded with `seed` (bootstrap resample `index`).
  public init(seed: UInt64, stream index: UInt64) {
    var mixer = SplitMix64(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
    self.init(seed: mixer.next())
  }

  public mutating func next() -> UInt64 {
    let result = rotl(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = rotl(s.3, 45)
    return result
  }

  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// Uniform double in [0, 1) from the top 53 bits.
  public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Standard normal deviate (Box–Muller); for simulations and tests.
  public mutating func nextGaussian() -> Double {
    let u1 = max(nextUniform(), 1e-300)
    let u2 = nextUniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
  }
}
