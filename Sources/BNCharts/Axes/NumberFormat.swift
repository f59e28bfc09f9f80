/// Number text for axes, legends, tables and bars. ``value(_:significantDigits:)`` is the one
/// general rule (plain in a readable range, scientific outside it); ``compact(_:significantDigits:)``
/// is the k/M/G/T short form for tight bar labels, ``fixed(_:decimals:trimmingZeros:)`` and
/// ``percent(_:decimals:)`` write fixed decimals.
public enum NumberFormat {
    /// `value` with `significantDigits` significant digits in the shortest of three forms:
    ///
    /// - `0.01 ≤ |v| < 1000`: plain decimals, trailing zeros dropped (`0.35`, `12.5`, `250`);
    /// - `1000 ≤ |v| < 10^15`: a k/M/G/T suffix (`1.2k`, `15k`, `3.4M`);
    /// - otherwise: a short exponent (`3e-4`, `2.5e-3`, `1e15`).
    ///
    /// Zero is `0`; non-finite values are `NaN`, `inf`, `-inf`.
    public static func compact(_ value: Double, significantDigits: Int = 3) -> String {
        guard value.isFinite else { return nonFinite(value) }
        if value == 0 { return "0" }
        let s = min(max(significantDigits, 1), 15)
        let sign = value < 0 ? "-" : ""
        let a = abs(value)
        var e = Int((ChartMath.log10Of(a)).rounded(.down))
        // Round to s significant digits first: 999.6 must become 1k, not 1000.
        let q = ChartMath.pow10(Double(e - s + 1))
        let r = (a / q).rounded() * q
        if r >= ChartMath.pow10(Double(e + 1)) { e += 1 }
        if r >= 0.01 && r < 1000 {
            return sign + fixed(r, decimals: max(0, s - 1 - e), trimmingZeros: true)
        }
        if r >= 1000 && e < 15 {
            let suffixes = ["k", "M", "G", "T"]
            let group = e / 3
            let mantissa = r / ChartMath.pow10(Double(3 * group))
            let digits = fixed(mantissa, decimals: max(0, s - 1 - (e - 3 * group)), trimmingZeros: true)
            return sign + digits + suffixes[group - 1]
        }
        return scientific(value, significantDigits: s, trimmingZeros: true)
    }

    /// `value` with exactly `decimals` digits after the point (half away from zero), optionally with
    /// trailing zeros (and a bare point) removed. `fixed(2.5, decimals: 1)` is `"2.5"`.
    public static func fixed(_ value: Double, decimals: Int, trimmingZeros: Bool = false) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let d = min(max(decimals, 0), 15)
        let scaled = (abs(value) * ChartMath.pow10(Double(d))).rounded()
        guard scaled < 9e15 else { return compactExponent(value) }
        var digits = String(Int64(scaled))
        if d > 0 {
            if digits.count < d + 1 {
                digits = String(repeating: "0", count: d + 1 - digits.count) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
            if trimmingZeros {
                while digits.last == "0" { digits.removeLast() }
                if digits.last == "." { digits.removeLast() }
            }
        }
        let negative = value < 0 && scaled != 0
        return (negative ? "-" : "") + digits
    }

    /// A fraction as a percentage with `decimals` decimals: `percent(0.852)` is `"85.2%"`.
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return nonFinite(fraction) }
        return fixed(fraction * 100, decimals: decimals) + "%"
    }

    private static func nonFinite(_ v: Double) -> String {
        v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf")
    }

    private static func compactExponent(_ v: Double) -> String {
        let e = Int(ChartMath.log10Of(abs(v)).rounded(.down))
        let m = v / ChartMath.pow10(Double(e))
        return fixed(m, decimals: 2, trimmingZeros: true) + "e" + String(e)
    }
}
