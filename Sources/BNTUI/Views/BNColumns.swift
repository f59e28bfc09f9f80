import BNCharts
import Foundation

/// Spreads values recorded at (possibly irregular) steps over a fixed number of columns.
///
/// Column j stands for step `s_j = first + (last − first)·j/(width − 1)` and shows the value of
/// the last record at or before `s_j`, so gaps between records hold the previous value and the
/// columns always fill the width, however few or many records there are.
enum BNColumns {
    /// `values[i]` recorded at `steps[i]` (increasing), resampled to `width` columns.
    static func resample(steps: [Double], values: [Double], width: Int) -> [Double] {
        guard width > 0, let first = steps.first, let last = steps.last, steps.count == values.count else { return [] }
        var out: [Double] = []
        out.reserveCapacity(width)
        var i = 0
        for j in 0..<width {
            let s = width == 1 ? last : first + (last - first) * Double(j) / Double(width - 1)
            while i + 1 < steps.count && steps[i + 1] <= s { i += 1 }
            out.append(values[i])
        }
        return out
    }

    /// The p-quantile (0…1) of the finite values, by linear interpolation; nil when there are none.
    static func quantile(_ values: [Double], _ p: Double) -> Double? {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        let pos = p * Double(sorted.count - 1)
        let lo = Int(pos), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - Double(lo))
    }

    /// `3.1e-7`, `0.0123`, `12.5`: two significant digits, an exponent for tiny or huge values.
    static func short(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if v == 0 { return "0" }
        let magnitude = abs(v)
        if magnitude >= 1e-3 && magnitude < 1e5 { return NumberFormat.compact(v, significantDigits: 2) }
        var exponent = Int((log10(magnitude)).rounded(.down))
        var mantissa = v / pow10(exponent)
        if abs((mantissa * 10).rounded()) >= 100 { exponent += 1; mantissa = v / pow10(exponent) }
        let m = (mantissa * 10).rounded() / 10
        let text = m == m.rounded() ? String(Int(m)) : String(m)
        return "\(text)e\(exponent)"
    }

    private static func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(e) { r *= 10 }
        return e >= 0 ? r : 1 / r
    }
}
