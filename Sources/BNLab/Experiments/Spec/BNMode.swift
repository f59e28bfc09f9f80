/// The mode BatchNorm layers are put in while the rest of the network trains.
public enum BNMode: String, Codable, Sendable, CaseIterable {
    /// Ordinary training: normalize with batch statistics and update the running statistics.
    case train
    /// Normalize with the running statistics and leave them unchanged (the fix for fine-tuning a
    /// frozen network; must be re-applied after every `model.train()`).
    case eval

    /// Decodes `train` or `eval`, naming the allowed values when the text is something else.
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().choice(BNMode.self, named: "BatchNorm mode")
    }
}
