import Foundation

/// Recomputes a BatchNorm layer's running statistics from its `bn_watch` events by PyTorch's
/// rule, in double precision, and measures how far the recorded ones are from it.
///
/// Seeded from the first event's running values; for every later event, per watched channel,
/// with `n = count`, `N = num_batches_tracked` after the update, `b`/`v` the batch mean and
/// biased variance:
/// ```
/// momentum m:     mean ← (1 − m)·mean + m·b          var ← (1 − m)·var + m·v·n/(n − 1)
/// momentum null:  mean ← mean + (b − mean)/N          var ← var + (v·n/(n − 1) − var)/N
/// training false: unchanged
/// ```
/// The unbiased factor n/(n − 1) is PyTorch's: `running_var` averages unbiased batch variances
/// while the batch is normalized with the biased one.
///
/// Feed events in order with ``apply(_:)`` (constant memory: a live run's whole history is
/// checked even when only part of it is kept), or check a finished list with ``check(_:fallbackMomentum:)``.
public struct RunningStatsRule: Sendable, Equatable {
    /// The momentum to use for events that leave `momentum` out (from the config), if known.
    public var fallbackMomentum: BNMomentum?
    /// The watched channel indices, from the first event.
    public private(set) var channels: [Int] = []
    /// The expected running mean and variance per watched channel after the last event applied.
    public private(set) var mean: [Double] = [], variance: [Double] = []
    /// The largest relative difference |expected − recorded| / max(|recorded|, floor) of the
    /// running mean and of the running variance over every event applied (see ``relativeDifference(expected:recorded:scale:)``).
    public private(set) var maxRelativeMean = 0.0, maxRelativeVariance = 0.0
    /// Events applied, and the updates (train-mode events after the first) compared.
    public private(set) var events = 0, updates = 0
    /// The momentum of the last train-mode event (nil before one, or when unknown).
    public private(set) var momentum: BNMomentum?
    /// Why the rule cannot be applied, e.g. no running statistics or an unknown momentum; nil when it can.
    public private(set) var problem: String?
    /// The largest |running| or |batch| value per channel so far, for the relative difference's floor.
    private var scaleMean: [Double] = [], scaleVariance: [Double] = []
    /// num_batches_tracked after the last event (counted when the events leave it out).
    private var tracked = 0

    /// A rule with nothing applied yet.
    public init(fallbackMomentum: BNMomentum? = nil) {
        self.fallbackMomentum = fallbackMomentum
    }

    /// The fraction of a channel's largest magnitude so far (|running| or |batch|) below which
    /// differences are taken relative to that magnitude instead: a running mean crossing 0 would
    /// otherwise divide float rounding of values 1,000 times larger by ~0.
    public static let floorFraction = 0.1

    /// `|expected − recorded| / max(|recorded|, floorFraction · scale, 1e-30)`; 0 when either is not finite.
    public static func relativeDifference(expected: Double, recorded: Double, scale: Double) -> Double {
        guard expected.isFinite && recorded.isFinite else { return 0 }
        return abs(expected - recorded) / max(abs(recorded), floorFraction * scale, 1e-30)
    }

    /// Applies one event (of this layer, in order) and returns the expected values after it, nil
    /// when the rule cannot be applied (see ``problem``).
    @discardableResult
    public mutating func apply(_ w: BNWatch) -> (mean: [Double], variance: [Double])? {
        guard problem == nil else { return nil }
        guard let rm = w.runningMean, let rv = w.runningVar else {
            problem = "layer \(w.layer) keeps no running statistics"
            return nil
        }
        events += 1
        let previous = tracked
        tracked = w.numBatchesTracked ?? (w.training ? previous + 1 : previous)
        if events == 1 {
            channels = w.channels
            mean = rm.map(Double.init)
            variance = rv.map(Double.init)
            scaleMean = mean.map(abs)
            scaleVariance = variance.map(abs)
            return (mean, variance)
        }
        guard w.channels == channels else {
            problem = "the watched channels changed at step \(w.step)"
            return nil
        }
        if w.training, let b = w.batchMean, let v = w.batchVar {
            guard let m = w.momentum ?? fallbackMomentum else {
                problem = "the momentum is unknown (neither the events nor the config give it)"
                return nil
            }
            momentum = m
            let f = m.weight(tracked: tracked)                    // m, or 1/N for the cumulative average
            let n = Double(w.count)
            let unbiasing = n > 1 ? n / (n - 1) : 1               // v·n/(n − 1): unbiased into running_var
            for k in channels.indices {
                scaleMean[k] = max(scaleMean[k], abs(Double(b[k])).finiteOrZero)
                scaleVariance[k] = max(scaleVariance[k], (abs(Double(v[k])) * unbiasing).finiteOrZero)
                mean[k] = (1 - f) * mean[k] + f * Double(b[k])     // (1 − m)·mean + m·b  =  mean + (b − mean)/N
                variance[k] = (1 - f) * variance[k] + f * Double(v[k]) * unbiasing
            }
            updates += 1
        }
        for k in channels.indices {
            scaleMean[k] = max(scaleMean[k], abs(Double(rm[k])).finiteOrZero)
            scaleVariance[k] = max(scaleVariance[k], abs(Double(rv[k])).finiteOrZero)
            maxRelativeMean = max(maxRelativeMean, Self.relativeDifference(expected: mean[k], recorded: Double(rm[k]), scale: scaleMean[k]))
            maxRelativeVariance = max(maxRelativeVariance,
                                      Self.relativeDifference(expected: variance[k], recorded: Double(rv[k]), scale: scaleVariance[k]))
        }
        return (mean, variance)
    }

    /// The rule applied to a whole list of one layer's events.
    public static func check(_ watches: [BNWatch], fallbackMomentum: BNMomentum? = nil) -> RunningStatsCheck {
        var rule = RunningStatsRule(fallbackMomentum: fallbackMomentum)
        var expectedMean: [[Double]] = [], expectedVariance: [[Double]] = []
        for w in watches {
            guard let e = rule.apply(w) else { break }
            expectedMean.append(e.mean)
            expectedVariance.append(e.variance)
        }
        return RunningStatsCheck(rule: rule, expectedMean: expectedMean, expectedVariance: expectedVariance)
    }

    /// The rule in one short ASCII line, e.g. `run = 0.9*run + 0.1*batch (var: n/(n-1))` or
    /// `run += (batch - run)/N (var: n/(n-1))` for the cumulative average.
    public var formula: String {
        switch momentum ?? fallbackMomentum {
        case .factor(let m): "run = \(Self.short(1 - m))*run + \(Self.short(m))*batch (var: n/(n-1))"
        case .cumulative: "run += (batch - run)/N (var: n/(n-1))"
        case nil: "momentum unknown"
        }
    }

    /// A factor with at most 6 significant digits: `0.1`, `0.9`, `0.025996`.
    static func short(_ x: Double) -> String {
        String(format: "%.6g", x)
    }
}

private extension Double {
    /// The value, or 0 when it is not finite.
    var finiteOrZero: Double { isFinite ? self : 0 }
}
