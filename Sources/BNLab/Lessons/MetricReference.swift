/// A reference to one number of a run: `VARIANT.METRIC@POINT`, e.g. `no-bn.loss@300`,
/// `bn.accuracy[Shirt]@epoch1`, `m0.01.running_mean[2:0]@end`.
public struct MetricReference: Sendable, Hashable, CustomStringConvertible {
    /// The variant whose run it reads.
    public var variant: String
    /// What it reads.
    public var metric: LessonMetric
    /// Where in the run.
    public var point: MetricPoint

    /// A reference built in code.
    public init(variant: String, metric: LessonMetric, point: MetricPoint) {
        self.variant = variant
        self.metric = metric
        self.point = point
    }

    /// Why a reference could not be parsed.
    public enum ParseError: Error, Sendable, Equatable {
        /// No `@POINT`, or nothing before it.
        case noPoint
        /// The text after `@` is not a step, `epochN` or `end`.
        case badPoint(String)
        /// No `VARIANT.` before the metric.
        case noVariant
        /// The metric is not in the vocabulary.
        case badMetric(String)
    }

    /// Parses `VARIANT.METRIC@POINT`. Variant names may contain dots (`m0.01`): when `variants`
    /// are given, a split whose variant is one of them wins; otherwise the first dot (outside
    /// brackets) after which a known metric follows.
    public static func parse(_ text: String, variants: [String] = []) -> Result<MetricReference, ParseError> {
        guard let at = text.lastIndex(of: "@"), at != text.startIndex else { return .failure(.noPoint) }
        let pointText = String(text[text.index(after: at)...])
        guard let point = MetricPoint(parsing: pointText) else { return .failure(.badPoint(pointText)) }
        let head = String(text[..<at])
        // Candidate splits: every dot outside brackets.
        var depth = 0
        var splits: [(String, String)] = []
        for i in head.indices {
            switch head[i] {
            case "[": depth += 1
            case "]": depth -= 1
            case "." where depth == 0 && i != head.startIndex:
                splits.append((String(head[..<i]), String(head[head.index(after: i)...])))
            default: break
            }
        }
        guard !splits.isEmpty else { return .failure(.noVariant) }
        let parsed = splits.compactMap { v, m in LessonMetric(parsing: m).map { (v, $0) } }
        guard let chosen = parsed.first(where: { variants.contains($0.0) }) ?? parsed.first else {
            return .failure(.badMetric(splits.first { variants.contains($0.0) }?.1 ?? splits[0].1))
        }
        return .success(MetricReference(variant: chosen.0, metric: chosen.1, point: point))
    }

    /// As written: `bn.loss@300`.
    public var description: String { "\(variant).\(metric)@\(point)" }
}
