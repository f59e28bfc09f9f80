/// A fixed set of test images whose eval-mode outputs are compared from epoch to epoch.
///
/// ```yaml
/// probe: {size: 64, output: features}
/// ```
/// If nothing that affects eval mode changed, the outputs are identical and the drift is 0.
/// With a frozen body in train mode the running statistics still move, and the drift shows it.
public struct ProbeSpec: Codable, Sendable, Equatable {
    /// How many test images (the first ones of the test set); at least 1.
    public var size: Int
    /// Which output is compared; default ``ProbeOutput/features``.
    public var output: ProbeOutput

    /// A probe of `size` images watching `output`.
    public init(size: Int, output: ProbeOutput = .features) {
        self.size = size
        self.output = output
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case size, output
    }

    /// Decodes the mapping; `size` is required and at least 1.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "the probe")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        size = try c.positiveInt(.size, hint: "the number of test images to watch, e.g. 64")
        output = try c.value(.output, default: .features)
    }
}
