/// When a learning-rate scheduler's `step()` is called.
public enum SchedulerInterval: String, Codable, Sendable, CaseIterable {
    /// After every epoch (`for epoch …: train(); scheduler.step()`).
    case epoch
    /// After every optimizer step (`optimizer.step(); scheduler.step()` inside the batch loop).
    case step

    /// Decodes `epoch` or `step`, naming both otherwise.
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().choice(Self.self, named: "scheduler interval")
    }
}
