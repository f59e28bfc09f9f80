import Foundation

extension RandomSource {
    /// A draw from N(mean, std²) by the Box–Muller transform on two uniforms:
    /// `z = √(-2·ln u1)·cos(2π·u2)`, u1 ∈ (0, 1], u2 ∈ [0, 1), computed in double precision.
    public func normal(mean: Double = 0, std: Double = 1) -> Double {
        let u1 = 1 - Double(next() >> 11) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        return mean + std * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// A tensor of independent N(mean, std²) draws, in row-major order.
    public func normal(shape: [Int], mean: Double = 0, std: Double = 1) -> Tensor {
        var t = Tensor(zeros: shape)
        for i in 0..<t.count { t.data[i] = Float(normal(mean: mean, std: std)) }
        return t
    }
}
