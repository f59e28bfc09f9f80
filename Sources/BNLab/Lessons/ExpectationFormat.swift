import Foundation

/// How expectations and their values are written in reports and on screen.
public enum ExpectationFormat {
    /// A number in at most 4 significant decimals: `0.8421`, `12`, `1.5e-05`.
    public static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
        if abs(x) >= 1e-3, abs(x) < 1e6 {
            var text = String(format: "%.4f", x)
            while text.hasSuffix("0") { text.removeLast() }
            return text
        }
        return String(format: "%.3g", x)
    }

    /// The claim as a formula: `bn.loss@300 < no-bn.loss@300`, `0.8 <= bn.accuracy@end <= 0.9`,
    /// `|bn.accuracy@epoch1 - bn.train_mode_accuracy@epoch1| <= 0.01`.
    public static func claim(_ e: LessonExpectation) -> String {
        let o = e.operands.map(\.description)
        switch e.relation {
        case .less: return "\(o[0]) < \(o[1])"
        case .greater: return "\(o[0]) > \(o[1])"
        case .between: return "\(o[1]) <= \(o[0]) <= \(o[2])"
        case .near: return "|\(o[0]) - \(o[1])| <= \(number(e.within ?? 0))"
        }
    }

    /// The claim with the values read: `0.41 < 0.78`, `|0.847 - 0.845| = 0.002 <= 0.01`.
    public static func values(_ e: LessonExpectation, _ v: [Double]) -> String {
        let n = v.map(number)
        switch e.relation {
        case .less: return "\(n[0]) < \(n[1])"
        case .greater: return "\(n[0]) > \(n[1])"
        case .between: return "\(n[1]) <= \(n[0]) <= \(n[2])"
        case .near: return "|\(n[0]) - \(n[1])| = \(number(abs(v[0] - v[1]))) <= \(number(e.within ?? 0))"
        }
    }
}
