/// A tiny seeded pseudo-random generator, so randomised tests see the same inputs on every run.
///
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014; constants as published by Vigna). Not for anything secret.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator whose output is fixed by `seed`.
    ///
    /// - Parameters:
    ///   - seed: Any value; equal seeds give equal sequences.
    init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 pseudo-random bits.
    ///
    /// - Returns: A value determined by the seed and the number of earlier calls.
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Returns `count` pseudo-random bytes.
    ///
    /// - Parameters:
    ///   - count: How many bytes to produce.
    /// - Returns: The bytes.
    mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}
