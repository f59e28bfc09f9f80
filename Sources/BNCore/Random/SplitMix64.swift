/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seeded generator for shuffling.
///
/// The whole sequence is fixed by the seed, on every platform and Swift version (unlike the
/// standard library's `shuffle(using:)`, whose algorithm is not specified), so a run's batches
/// are a pure function of its seed.
///
///     state += 0x9E3779B97F4A7C15
///     z = state;  z = (z ⊕ z≫30)·0xBF58476D1CE4E5B9;  z = (z ⊕ z≫27)·0x94D049BB133111EB;  z ⊕ z≫31
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state: the seed plus the number of steps times the golden-ratio increment.
    public private(set) var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for stream `stream` of `seed` (e.g. one per epoch), independent of the others:
    /// seeded with mix(mix(seed) ⊕ stream).
    public init(seed: UInt64, stream: UInt64) {
        state = Self.mix(Self.mix(seed) ^ stream)
    }

    /// SplitMix64's output function: a bijective 64-bit mixer.
    @inlinable public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let z = Self.mix(state)
        state &+= 0x9E37_79B9_7F4A_7C15
        return z
    }

    /// A uniform integer in `0 ..< bound` (bound > 0), without modulo bias (Lemire 2019):
    /// the high word of `next() · bound`, redrawn while the low word falls below `2⁶⁴ mod bound`.
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound   // 2⁶⁴ mod bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// Shuffles `values` in place (Fisher–Yates, from the end: swap i with a uniform j ≤ i).
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = Int(next(below: UInt64(i + 1)))
            values.swapAt(i, j)
        }
    }
}
