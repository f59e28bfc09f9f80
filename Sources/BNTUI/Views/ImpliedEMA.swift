/// The exponential moving average a BN layer's running mean should follow, recomputed from the
/// batch means recorded in snapshots.
///
/// Per step, PyTorch does `ema_t = (1 − m)·ema_{t−1} + m·batchMean_t`. Snapshots may be `g` steps
/// apart, and only the last batch of each gap is recorded; treating the unseen batches as equal to it
/// gives, per snapshot, `ema_k = (1 − m')·ema_{k−1} + m'·batchMean_k` with `m' = 1 − (1 − m)^g`
/// (for `g = 1` exactly PyTorch's rule). The first value is the first snapshot's running mean when
/// recorded (else its batch mean).
public enum ImpliedEMA {
    /// The EMA at each snapshot; `steps`, `batchMeans` and `initial` line up (`steps` increasing).
    public static func compute(steps: [Int], batchMeans: [Double], initial: Double?, momentum: Double) -> [Double] {
        guard let first = batchMeans.first else { return [] }
        var ema = initial ?? first
        var out = [ema]
        for k in 1..<min(steps.count, batchMeans.count) {
            let gap = max(1, steps[k] - steps[k - 1])
            let m = 1 - pow1m(momentum, gap)
            ema = (1 - m) * ema + m * batchMeans[k]
            out.append(ema)
        }
        return out
    }

    /// The momentum per snapshot, `1 − (1 − m)^gap`.
    public static func perSnapshotMomentum(_ momentum: Double, gap: Int) -> Double {
        1 - pow1m(momentum, max(1, gap))
    }

    /// `(1 − m)^n` by repeated squaring.
    private static func pow1m(_ m: Double, _ n: Int) -> Double {
        var base = 1 - m, result = 1.0, e = n
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }
}
