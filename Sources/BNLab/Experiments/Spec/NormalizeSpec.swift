/// torchvision's `Normalize`: `x' = (x - mean[c]) / std[c]` per channel c, after ToTensor.
///
/// One value applies to every channel. Fashion-MNIST's training set has mean 0.2860, std 0.3530.
public struct NormalizeSpec: Codable, Sendable, Equatable {
    /// The value subtracted, per channel (or one for all).
    public var mean: [Double]
    /// The divisor, per channel (or one for all); every value greater than 0.
    public var std: [Double]

    /// A normalization with the given per-channel values.
    public init(mean: [Double], std: [Double]) {
        self.mean = mean
        self.std = std
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case mean, std
    }

    /// Decodes the mapping; the lists must be equally long and every std positive.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "the normalization")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mean = try c.decode([Double].self, forKey: .mean)
        std = try c.decode([Double].self, forKey: .std)
        if mean.isEmpty {
            throw SpecIssue(c.path(.mean), "is empty", hint: "write one value per channel, e.g. [0.2860]")
        }
        if std.count != mean.count {
            throw SpecIssue(c.path(.std), "has \(std.count) values but mean has \(mean.count)",
                            hint: "give mean and std one value per channel each")
        }
        if let bad = std.first(where: { !($0 > 0) || !$0.isFinite }) {
            throw SpecIssue(c.path(.std), "must hold positive numbers, got \(bad)", hint: "a standard deviation such as 0.3530")
        }
        if let bad = mean.first(where: { !$0.isFinite }) {
            throw SpecIssue(c.path(.mean), "must hold finite numbers, got \(bad)", hint: "a mean such as 0.2860")
        }
    }
}
