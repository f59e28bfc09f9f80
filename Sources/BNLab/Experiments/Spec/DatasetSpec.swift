/// Which images an experiment trains and tests on, and how they are preprocessed.
///
/// ```yaml
/// dataset:
///   subset: {train: 4096, test: 1000, balanced: true}
///   normalize: {mean: [0.2860], std: [0.3530]}
/// ```
/// Every field is optional; the defaults describe Fashion-MNIST as bnlab loads it.
public struct DatasetSpec: Codable, Sendable, Equatable {
    /// The folder holding the IDX files; nil lets the data loader find its default dataset.
    public var folder: String?
    /// The shape of one input image, channels first (`input_shape`); default `[1, 28, 28]`.
    /// The model's omitted layer sizes are inferred from it.
    public var inputShape: [Int]
    /// The number of classes, which the model's last layer must output; default 10.
    public var classes: Int
    /// Use only part of the data; nil uses all of it.
    public var subset: SubsetSpec?
    /// Normalization after ToTensor, `(x - mean) / std` per channel; nil applies ToTensor only.
    public var normalize: NormalizeSpec?

    /// A dataset description; the defaults are Fashion-MNIST's shape and class count.
    public init(folder: String? = nil, inputShape: [Int] = [1, 28, 28], classes: Int = 10,
                subset: SubsetSpec? = nil, normalize: NormalizeSpec? = nil) {
        self.folder = folder
        self.inputShape = inputShape
        self.classes = classes
        self.subset = subset
        self.normalize = normalize
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case folder, inputShape = "input_shape", classes, subset, normalize
    }

    /// Decodes the mapping, filling defaults and checking sizes.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "the dataset")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        folder = try c.decodeIfPresent(String.self, forKey: .folder)
        inputShape = try c.value(.inputShape, default: [1, 28, 28])
        if inputShape.count != 1 && inputShape.count != 3 || inputShape.contains(where: { $0 < 1 }) {
            throw SpecIssue(c.path(.inputShape), "must be [channels, height, width] or [features] of sizes 1 or more, got \(inputShape)",
                            hint: "Fashion-MNIST images are [1, 28, 28]")
        }
        classes = try c.positiveIntIfPresent(.classes) ?? 10
        if classes < 2 {
            throw SpecIssue(c.path(.classes), "must be 2 or more, got \(classes)", hint: "Fashion-MNIST has 10 classes")
        }
        subset = try c.decodeIfPresent(SubsetSpec.self, forKey: .subset)
        normalize = try c.decodeIfPresent(NormalizeSpec.self, forKey: .normalize)
        if let normalize, normalize.mean.count != 1 && normalize.mean.count != inputShape[0] {
            throw SpecIssue(c.path(.normalize).appendingKey("mean"),
                            "has \(normalize.mean.count) values but the images have \(inputShape[0]) channels",
                            hint: "give one value for all channels or one per channel")
        }
    }

    /// Encodes every field; an absent folder, subset or normalization is left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(folder, forKey: .folder)
        try c.encode(inputShape, forKey: .inputShape)
        try c.encode(classes, forKey: .classes)
        try c.encodeIfPresent(subset, forKey: .subset)
        try c.encodeIfPresent(normalize, forKey: .normalize)
    }
}
