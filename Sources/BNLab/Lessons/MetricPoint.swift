/// Where in a run an expectation reads a metric: the `POINT` of `VARIANT.METRIC@POINT`.
///
/// `300` is optimizer step 300, `epoch2` the end of epoch 2, `end` the end of the run.
public enum MetricPoint: Sendable, Hashable, CustomStringConvertible {
    /// After this optimizer step (from 1).
    case step(Int)
    /// At the end of this epoch (from 1).
    case epoch(Int)
    /// At the end of the run.
    case end

    /// Parses `300`, `epoch2` or `end`; nil for anything else (zero and negative numbers included).
    public init?(parsing text: String) {
        if text == "end" {
            self = .end
        } else if text.hasPrefix("epoch"), let n = Int(text.dropFirst(5)), n >= 1, text.dropFirst(5).allSatisfy(\.isNumber) {
            self = .epoch(n)
        } else if let n = Int(text), n >= 1, text.allSatisfy(\.isNumber) {
            self = .step(n)
        } else {
            return nil
        }
    }

    /// As written in a reference: `300`, `epoch2`, `end`.
    public var description: String {
        switch self {
        case .step(let n): return "\(n)"
        case .epoch(let n): return "epoch\(n)"
        case .end: return "end"
        }
    }

    /// How a person reads it: `step 300`, `the end of epoch 2`, `the end of the run`.
    public var spoken: String {
        switch self {
        case .step(let n): return "step \(n)"
        case .epoch(let n): return "the end of epoch \(n)"
        case .end: return "the end of the run"
        }
    }
}
