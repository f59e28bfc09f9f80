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

extension ChartMath {
    /// The `p`-quantile (0…1) of sorted values by linear interpolation between closest ranks:
    /// position `h = p·(n − 1)`, value `s[⌊h⌋] + (h − ⌊h⌋)·(s[⌊h⌋+1] − s[⌊h⌋])`; NaN when empty.
    static func quantile(sorted s: [Double], _ p: Double) -> Double {
        guard !s.isEmpty else { return .nan }
        let h = min(max(p, 0), 1) * Double(s.count - 1)
        let i = Int(h.rounded(.down))
        guard i + 1 < s.count else { return s[s.count - 1] }
        return s[i] + (h - Double(i)) * (s[i + 1] - s[i])
    }
}
