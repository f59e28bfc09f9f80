/// A BatchNorm layer's running-average factor as a run file states it: a number, or `null` for
/// PyTorch's `momentum=None`, a cumulative average over every batch.
public enum BNMomentum: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// `running ← (1 − m)·running + m·batch`.
    case factor(Double)
    /// `running ← running + (batch − running)/N`, N = num_batches_tracked after the update.
    case cumulative

    /// The momentum of a layer whose `momentum` option is `value` (nil: cumulative).
    public init(_ value: Double?) {
        self = value.map(BNMomentum.factor) ?? .cumulative
    }

    /// The factor, nil for the cumulative average.
    public var factor: Double? {
        if case .factor(let m) = self { m } else { nil }
    }

    /// The factor applied at the update that brings num_batches_tracked to `tracked`:
    /// `m`, or `1/N` for the cumulative average.
    public func weight(tracked: Int) -> Double {
        switch self {
        case .factor(let m): m
        case .cumulative: 1 / Double(max(1, tracked))
        }
    }

    /// `0.1`, or `null (cumulative)`.
    public var description: String {
        switch self {
        case .factor(let m): "\(m)"
        case .cumulative: "null (cumulative)"
        }
    }
}
