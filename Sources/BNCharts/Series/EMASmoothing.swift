/// Exponential moving average smoothing, as TensorBoard's scalar dashboard does it.
///
/// With weight `w` ∈ [0, 1):
///
///     s_t = w · s_{t−1} + (1 − w) · x_t
///
/// Debiased (TensorBoard's default), `s_0 = 0` and each output is divided by `1 − w^n` (n = number
/// of finite values so far), which removes the pull toward zero at the start. Not debiased, `s_0` is
/// the first finite value. Non-finite inputs are passed through unchanged and do not update the state.
///
/// ```swift
/// EMASmoothing(weight: 0.6).apply([1, 0, 1, 0])   // debiased, variance much smaller
/// ```
public struct EMASmoothing: Sendable, Hashable {
    /// The smoothing strength `w`, clamped into [0, 0.999]; 0 returns the input.
    public var weight: Double
    /// Whether to divide by `1 − w^n` (start at 0) instead of starting at the first value.
    public var debias: Bool

    /// Creates a smoother; debiased by default, as TensorBoard.
    public init(weight: Double, debias: Bool = true) {
        self.weight = weight
        self.debias = debias
    }

    /// The weight actually used: NaN → 0, otherwise clamped into [0, 0.999].
    public var effectiveWeight: Double { ChartMath.clamp(weight, 0...0.999) }

    /// The smoothed values, one per input value.
    public func apply(_ values: [Double]) -> [Double] {
        let w = effectiveWeight
        guard w > 0 else { return values }
        var out: [Double] = []
        out.reserveCapacity(values.count)
        var last: Double? = debias ? 0 : nil
        var n = 0.0
        var decay = 1.0          // w^n, kept by multiplication
        for x in values {
            guard x.isFinite else { out.append(x); continue }
            let previous = last ?? x
            let s = w * previous + (1 - w) * x
            last = s
            n += 1
            decay *= w
            out.append(debias ? s / (1 - decay) : s)
        }
        return out
    }
}
