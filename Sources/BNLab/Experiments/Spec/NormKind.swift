/// The normalization a variant puts where the experiment's model has BatchNorm layers.
public enum NormKind: String, Codable, Sendable, CaseIterable {
    /// Keep the BatchNorm layers (statistics over the batch).
    case batch
    /// Replace each by GroupNorm (per sample, over groups of channels; batch-size independent).
    case group
    /// Replace each by LayerNorm (per sample, over all of its features).
    case layer

    /// Decodes `batch`, `group` or `layer`, naming the allowed values otherwise.
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().choice(NormKind.self, named: "normalization")
    }
}
