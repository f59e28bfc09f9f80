/// The general number rule: plain decimals in a readable range, scientific notation outside it.
extension NumberFormat {
    /// The magnitudes written as plain decimals: `0.001 ≤ |v| < 1,000,000`; others are scientific.
    public static let plainRange: Range<Double> = 0.001..<1_000_000

    /// `value` by the one rule used for every number the user reads (tables, legends, notes):
    ///
    /// - `0.001 ≤ |v| < 10^6`: plain, rounded to `significantDigits` significant digits but never
    ///   dropping integer digits, trailing zeros removed (`0.3512`, `12.5`, `938`, `120000`);
    /// - otherwise scientific with a two-digit mantissa (`3.1e30`, `2.0e-7`);
    /// - zero is `0`; non-finite values are `NaN`, `inf`, `-inf`.
    ///
    /// ```swift
    /// NumberFormat.value(0.351234)   // "0.3512"
    /// NumberFormat.value(3.14e30)    // "3.1e30"
    /// NumberFormat.value(2e-7)       // "2.0e-7"
    /// ```
    public static func value(_ value: Double, significantDigits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let s = min(max(significantDigits, 1), 15)
        let a = abs(value)
        // Round to s significant digits first, so 999999.7 becomes 1.0e6 and 0.00099996 becomes 0.001.
        var e = Int(ChartMath.log10Of(a).rounded(.down))
        let q = ChartMath.pow10(Double(e - s + 1))
        let r = (a / q).rounded() * q
        if r >= ChartMath.pow10(Double(e + 1)) { e += 1 }
        if plainRange.contains(r) {
            return (value < 0 ? "-" : "") + fixed(r, decimals: max(0, s - 1 - e), trimmingZeros: true)
        }
        return scientific(value, significantDigits: 2, trimmingZeros: false)
    }

    /// `value` as `m e k` with `significantDigits` digits in the mantissa `m` ∈ [1, 10):
    /// `scientific(3.14e30, significantDigits: 2)` is `3.1e30`; with `trimmingZeros` `2e-3`, not `2.0e-3`.
    public static func scientific(_ value: Double, significantDigits: Int = 2, trimmingZeros: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let s = min(max(significantDigits, 1), 15)
        var e = Int(ChartMath.log10Of(abs(value)).rounded(.down))
        // m = |v| / 10^e rounded to s − 1 decimals; 9.96 with two digits carries into the exponent.
        var m = abs(value) / ChartMath.pow10(Double(e))
        let scale = ChartMath.pow10(Double(s - 1))
        m = (m * scale).rounded() / scale
        if m >= 10 { m /= 10; e += 1 }
        return (value < 0 ? "-" : "") + fixed(m, decimals: s - 1, trimmingZeros: trimmingZeros) + "e" + String(e)
    }

    /// Whether `value` is outside ``plainRange`` (and not zero), so ``value(_:significantDigits:)``
    /// writes it in scientific notation.
    public static func needsScientific(_ value: Double) -> Bool {
        guard value.isFinite, value != 0 else { return false }
        return !plainRange.contains(abs(value))
    }
}
