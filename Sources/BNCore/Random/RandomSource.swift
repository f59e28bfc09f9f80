/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// It is a class so that one source can be shared by every layer of a model (initialization
/// and dropout masks), making a run a pure function of its seed on a given machine.
public final class RandomSource: RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next(); s1 = seeder.next(); s2 = seeder.next(); s3 = seeder.next()
    }

    /// The generator's whole state (four words), to save and restore it (e.g. in a checkpoint).
    public var state: [UInt64] {
        get { [s0, s1, s2, s3] }
        set {
            precondition(newValue.count == 4, "a RandomSource state is four words")
            (s0, s1, s2, s3) = (newValue[0], newValue[1], newValue[2], newValue[3])
        }
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public func next() -> UInt64 {
        nextBits()
    }

    @usableFromInline func nextBits() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// A float uniformly distributed in [0, 1), with 24 random bits.
    @inlinable public func nextUnit() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A float uniformly distributed in [low, high).
    @inlinable public func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * nextUnit()
    }

    /// A tensor of independent U(low, high) draws, in row-major order.
    public func uniform(shape: [Int], low: Float, high: Float) -> Tensor {
        var t = Tensor(zeros: shape)
        for i in 0..<t.count { t.data[i] = uniform(low, high) }
        return t
    }

    /// A new source derived from this one (for giving sub-tasks their own stream).
    public func fork() -> RandomSource { RandomSource(seed: next()) }
}
