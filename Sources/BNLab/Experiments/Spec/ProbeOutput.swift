/// Which output of the network the probe watches for drift.
public enum ProbeOutput: String, Codable, Sendable, CaseIterable {
    /// The input of the last `Linear` layer: the frozen body's output when fine-tuning. Drift
    /// here comes only from the body, so running statistics that move show up unmixed.
    case features
    /// The network's output (logits), which also moves as the trainable head learns.
    case logits

    /// Decodes `features` or `logits`, naming the allowed values otherwise.
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().choice(ProbeOutput.self, named: "probe output")
    }
}
