/// The optimizers bnlab implements.
public enum OptimizerKind: String, Codable, Sendable, CaseIterable {
    /// Stochastic gradient descent with PyTorch's momentum, dampening, Nesterov and weight decay.
    case sgd

    /// Decodes `sgd` (any letter case), naming the allowed values otherwise.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        if let kind = OptimizerKind(rawValue: raw.lowercased()) {
            self = kind
        } else {
            throw SpecIssue(container.codingPath, "unknown optimizer '\(raw)'",
                            hint: "bnlab implements: \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }
}
