/// "Nice" tick values — 1, 2 or 5 times a power of ten (Heckbert, *Graphics Gems*, 1990).
///
/// ```swift
/// NiceTicks.linear(min: 0, max: 10, maxCount: 5, loose: true).values     // [0, 2, 4, 6, 8, 10]
/// NiceTicks.logarithmic(min: 0.02, max: 2.3, maxCount: 6).values          // [0.01, 0.1, 1, 10]
/// ```
public enum NiceTicks {
    /// A nice number near `x`: with `f = x / 10^⌊log10 x⌋` ∈ [1, 10),
    /// rounding picks 1, 2, 5 or 10 by `f < 1.5, 3, 7`; otherwise the ceiling among 1, 2, 5, 10.
    public static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x.isFinite, x > 0 else { return 1 }
        let e = ChartMath.log10Of(x).rounded(.down)
        let p = ChartMath.pow10(e)
        let f = x / p
        let nf: Double
        if round {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
        } else {
            nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        }
        return nf * p
    }

    /// Ticks for `[min, max]` with about `maxCount` values: step `nice((max − min) / (maxCount − 1))`,
    /// rounded to the nearest of 1, 2, 5 × 10^k.
    ///
    /// Loose ticks widen the range to whole steps (`lower = ⌊min/step⌋·step`, `upper = ⌈max/step⌉·step`),
    /// so the first and last ticks are the axis ends; tight ticks keep `[min, max]` and list the
    /// multiples of the step inside it. An empty range is widened by 10 % of its value (or ±1 at 0).
    public static func linear(min: Double, max: Double, maxCount: Int, loose: Bool) -> AxisTicks {
        var lo = min.isFinite ? min : 0
        var hi = max.isFinite ? max : 1
        if lo > hi { swap(&lo, &hi) }
        if hi - lo <= 0 {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let span = hi - lo
        guard span.isFinite, span > 0 else {
            return AxisTicks(values: [], lower: lo, upper: hi, step: 0)
        }
        let n = Swift.max(2, maxCount)
        let step = niceNumber(span / Double(n - 1), round: true)
        let eps = 1e-9
        let firstK = loose ? (lo / step + eps).rounded(.down) : (lo / step - eps).rounded(.up)
        let lastK = loose ? (hi / step - eps).rounded(.up) : (hi / step + eps).rounded(.down)
        guard firstK.isFinite, lastK.isFinite, lastK >= firstK, lastK - firstK <= 1000 else {
            return AxisTicks(values: [lo, hi], lower: lo, upper: hi, step: span)
        }
        // Multiples of a step below 1 are computed as k / (1/step) so that 3 × 0.1 prints as 0.3.
        let inverse = (1 / step).rounded()
        let divide = step < 1 && abs(inverse * step - 1) < 1e-9
        let values = stride(from: firstK, through: lastK, by: 1).map { k -> Double in
            let v = divide ? k / inverse : k * step
            return abs(v) < step * 1e-9 ? 0 : v
        }
        return AxisTicks(
            values: values,
            lower: loose ? values.first! : lo,
            upper: loose ? values.last! : hi,
            step: step
        )
    }

    /// Ticks for a logarithmic axis over `[min, max]` (both must be positive).
    ///
    /// When few decades are shown, so that the 1-2-5 values (`…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …`)
    /// from the largest one ≤ min to the smallest one ≥ max number at most `maxCount`, those are the
    /// ticks and the axis ends (the plot's height is used, not wasted on whole empty decades).
    /// Otherwise: powers of ten widened to whole decades, every k-th decade when there are more
    /// than `maxCount`.
    public static func logarithmic(min: Double, max: Double, maxCount: Int) -> AxisTicks {
        var lo = min, hi = max
        if !(lo.isFinite && lo > 0) { lo = hi.isFinite && hi > 0 ? hi / 10 : 1 }
        if !(hi.isFinite && hi > 0) { hi = lo * 10 }
        if lo > hi { swap(&lo, &hi) }
        let eps = 1e-9
        let d0 = (ChartMath.log10Of(lo) + eps).rounded(.down)
        var d1 = (ChartMath.log10Of(hi) - eps).rounded(.up)
        if d1 <= d0 { d1 = d0 + 1 }
        let first = Int(d0), last = Int(d1)
        let decades = last - first
        if lo < hi, decades * 3 + 1 <= 3 * Swift.max(2, maxCount), let t = oneTwoFive(lo, hi, first, last, maxCount) {
            return t
        }
        // At most maxCount ticks: ⌊decades / every⌋ + 1 ≤ maxCount  ⇔  every ≥ decades / (maxCount − 1).
        let gaps = Swift.max(1, maxCount - 1)
        let every = Swift.max(1, (decades + gaps - 1) / gaps)
        let values = stride(from: first, through: last, by: every).map { ChartMath.pow10(Double($0)) }
        return AxisTicks(values: values, lower: ChartMath.pow10(d0), upper: ChartMath.pow10(d1), step: Double(every))
    }

    /// The 1-2-5 ticks `m·10^k` (m ∈ {1, 2, 5}) from the largest ≤ `lo` to the smallest ≥ `hi`, or
    /// nil when there are more than `maxCount` of them.
    private static func oneTwoFive(_ lo: Double, _ hi: Double, _ first: Int, _ last: Int, _ maxCount: Int) -> AxisTicks? {
        var all: [Double] = []
        for k in first...last {
            for m in [1.0, 2, 5] {
                // m·10^k written as m / 10^−k below 1, so that 0.2 prints as 0.2.
                all.append(k < 0 ? m / ChartMath.pow10(Double(-k)) : m * ChartMath.pow10(Double(k)))
            }
        }
        all.append(ChartMath.pow10(Double(last + 1)))
        let tol = 1e-9
        guard let startIndex = all.lastIndex(where: { $0 <= lo * (1 + tol) }),
              let endIndex = all.firstIndex(where: { $0 >= hi * (1 - tol) }), startIndex < endIndex else { return nil }
        let values = Array(all[startIndex...endIndex])
        guard values.count <= Swift.max(2, maxCount) else { return nil }
        return AxisTicks(values: values, lower: values[0], upper: values[values.count - 1], step: 0)
    }

    /// Labels for tick values in ONE notation, with just enough significant digits to tell them
    /// apart: all scientific (`1e-3`, `2.5e30`) when any value is outside
    /// ``NumberFormat/plainRange``, all plain (`0.1`, `250`, `12000`) otherwise.
    public static func labels(for values: [Double]) -> [String] {
        let scientific = values.contains { NumberFormat.needsScientific($0) }
        var labels: [String] = []
        for digits in (scientific ? 1 : 3)...8 {
            labels = values.map {
                scientific ? NumberFormat.scientific($0, significantDigits: digits, trimmingZeros: true)
                    : NumberFormat.value($0, significantDigits: digits)
            }
            if Set(labels).count == labels.count { break }
        }
        return labels
    }
}
