#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// The few libm functions the charts need, behind one import.
enum ChartMath {
    /// Base-10 logarithm.
    static func log10Of(_ x: Double) -> Double { log10(x) }

    /// `10^e`.
    static func pow10(_ e: Double) -> Double { pow(10.0, e) }

    /// Clamps `value` into `range`, mapping NaN to the lower bound.
    static func clamp(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        guard !value.isNaN else { return range.lowerBound }
        return min(max(value, range.lowerBound), range.upperBound)
    }

    /// Rounds a finite double to an `Int`, or returns nil when it is not finite or out of `Int` range.
    static func roundedInt(_ value: Double) -> Int? {
        guard value.isFinite, abs(value) < 1e15 else { return nil }
        return Int(value.rounded())
    }
}
