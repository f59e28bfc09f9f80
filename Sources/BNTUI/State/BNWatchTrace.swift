import BNLab

/// One BN layer's `bn_watch` events as the workbench keeps them, with the running statistics
/// PyTorch's rule expects at each (``RunningStatsRule``).
///
/// **Bound:** at most ``limit`` events are kept per layer. Past that, every second kept event is
/// dropped and from then on only every 2nd (then 4th, 8th …) forward is kept, so the kept events
/// stay evenly spaced over the whole run (a 10-epoch run with 4 accumulation steps, 37,520
/// forwards, keeps every 16th: about 2,300). The rule itself sees **every** event as it arrives,
/// so the expected values and the largest difference are exact whatever is dropped.
public struct BNWatchTrace: Sendable, Equatable {
    /// The most events kept per layer.
    public static let limit = 4096

    /// The kept events, in order.
    public private(set) var events: [BNWatch] = []
    /// The expected running mean per kept event and watched channel (`expectedMean[i][k]`).
    public private(set) var expectedMean: [[Double]] = []
    /// The expected running variance per kept event and watched channel.
    public private(set) var expectedVariance: [[Double]] = []
    /// The rule over every event received: largest differences, momentum, problem.
    public private(set) var rule: RunningStatsRule
    /// Only every `stride`-th event received is kept.
    public private(set) var stride = 1
    /// Events received.
    public private(set) var received = 0
    /// The largest micro-batch index seen: forwards per optimizer step.
    public private(set) var microsPerStep = 1

    /// An empty trace; `fallbackMomentum` serves events that leave the momentum out.
    public init(fallbackMomentum: BNMomentum? = nil) {
        rule = RunningStatsRule(fallbackMomentum: fallbackMomentum)
    }

    /// Adds the next event of the layer.
    public mutating func append(_ watch: BNWatch) {
        let expected = rule.apply(watch)
        received += 1
        microsPerStep = max(microsPerStep, watch.micro)
        guard (received - 1) % stride == 0 else { return }
        events.append(watch)
        expectedMean.append(expected?.mean ?? [])
        expectedVariance.append(expected?.variance ?? [])
        if events.count > Self.limit {
            events = Self.everyOther(events)
            expectedMean = Self.everyOther(expectedMean)
            expectedVariance = Self.everyOther(expectedVariance)
            stride *= 2
        }
    }

    /// The watched channel indices.
    public var channels: [Int] { events.first?.channels ?? [] }

    /// The x position of kept event `i` on a step axis: `step − 1 + micro / microsPerStep`, so a
    /// step's last forward sits on the step itself.
    public func x(_ i: Int) -> Double {
        Double(events[i].step - 1) + Double(events[i].micro) / Double(microsPerStep)
    }

    private static func everyOther<T>(_ list: [T]) -> [T] {
        list.enumerated().compactMap { $0.offset % 2 == 0 ? $0.element : nil }
    }
}
