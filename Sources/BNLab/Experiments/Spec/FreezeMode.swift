/// Which parameters training leaves alone.
///
/// Freezing turns off `requires_grad`; it does **not** stop BatchNorm's running statistics, which
/// are buffers and keep updating on every training-mode forward (see ``BNMode``).
public enum FreezeMode: String, Codable, Sendable, CaseIterable {
    /// Every parameter trains.
    case none
    /// Every parameter except those of the last `Linear` layer is frozen (fine-tuning a head).
    case body

    /// Decodes `none` or `body`, naming the allowed values when the text is something else.
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().choice(FreezeMode.self, named: "freeze mode")
    }
}
