/// One entry of an experiment's `scheduler:` list: a schedule and when it is stepped.
///
/// ```yaml
/// scheduler:
///   - {type: LinearLR, start_factor: 0.1, total_iters: 100, interval: step}
///   - {type: StepLR, step_size: 3, gamma: 0.5, interval: epoch}
/// ```
/// Every entry acts on the same optimizer, as when a PyTorch script creates several schedulers
/// and calls each one's `step()`: entries with `interval: step` after every optimizer step, those
/// with `interval: epoch` after every epoch, in the list's order. To run schedules one after
/// another, use one `SequentialLR` entry.
public struct SchedulerSpec: Codable, Sendable, Equatable {
    /// The schedule.
    public var schedule: Schedule
    /// When its `step()` is called (`interval`, required).
    public var interval: SchedulerInterval

    /// A scheduler entry.
    public init(_ schedule: Schedule, interval: SchedulerInterval) {
        self.schedule = schedule
        self.interval = interval
    }

    private enum CodingKeys: String, CodingKey {
        case interval
    }

    /// Decodes `{type, …options, interval}`.
    public init(from decoder: any Decoder) throws {
        schedule = try Schedule(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let interval = try c.decodeIfPresent(SchedulerInterval.self, forKey: .interval) else {
            throw SpecIssue(c.path(.interval), "is missing",
                            hint: "say when the scheduler steps: interval: epoch (after each epoch) or interval: step (after each optimizer step)",
                            kind: .missingField)
        }
        self.interval = interval
    }

    /// Encodes the schedule's fields and `interval` in one mapping.
    public func encode(to encoder: any Encoder) throws {
        try schedule.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(interval, forKey: .interval)
    }
}
