/// A smaller part of the dataset, for short experiments.
///
/// ```yaml
/// subset: {train: 4096, test: 1000, balanced: true}
/// ```
public struct SubsetSpec: Codable, Sendable, Equatable {
    /// How many training images to use; nil uses all of them.
    public var train: Int?
    /// How many test images to use; nil uses all of them.
    public var test: Int?
    /// Take the same number of images from every class (default false: the first ones).
    public var balanced: Bool

    /// A subset of the given sizes.
    public init(train: Int? = nil, test: Int? = nil, balanced: Bool = false) {
        self.train = train
        self.test = test
        self.balanced = balanced
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case train, test, balanced
    }

    /// Decodes the mapping; sizes must be 1 or more and at least one must be given.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "the subset")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        train = try c.positiveIntIfPresent(.train, hint: "the number of training images, e.g. 4096")
        test = try c.positiveIntIfPresent(.test, hint: "the number of test images, e.g. 1000")
        balanced = try c.value(.balanced, default: false)
        if train == nil && test == nil {
            throw SpecIssue(c.codingPath, "gives neither 'train' nor 'test'",
                            hint: "write e.g. {train: 4096, test: 1000}, or remove 'subset' to use all the data",
                            kind: .missingField)
        }
    }

    /// Encodes the sizes that are set and `balanced`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(train, forKey: .train)
        try c.encodeIfPresent(test, forKey: .test)
        try c.encode(balanced, forKey: .balanced)
    }
}
