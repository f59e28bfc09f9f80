/// Dropout: `{type: Dropout, p: 0.5}`. In training each element is zeroed with probability p and
/// the survivors scaled by 1/(1−p); in eval it passes its input through.
public struct DropoutOptions: Codable, Sendable, Equatable {
    /// The probability of zeroing an element, 0 ≤ p < 1; default 0.5.
    public var p: Double

    /// A Dropout layer.
    public init(p: Double = 0.5) { self.p = p }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case p
    }

    /// Decodes `{p?}`.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "a Dropout layer", also: ["type"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        p = try c.numberIfPresent(.p, in: 0...1, hint: "a probability from 0 up to (not including) 1, e.g. 0.5") ?? 0.5
        if p == 1 {
            throw SpecIssue(c.path(.p), "must be less than 1, got 1", hint: "p = 1 would zero every element; use e.g. 0.5")
        }
    }

    /// PyTorch's repr: `Dropout(p=0.5, inplace=False)`.
    public var description: String { "Dropout(p=\(p), inplace=False)" }
}
