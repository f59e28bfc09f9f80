/// The quick fresh run that checks an experiment's lesson (`lesson_check:`): every expectation
/// without `when: full` must hold on it, and every point the lesson names must exist in it.
///
/// ```yaml
/// lesson_check: {subset: 6000, epochs: 2}
/// ```
public struct LessonCheckSpec: Codable, Sendable, Equatable {
    /// Train on a balanced subset of this many training images (and a fifth as many test
    /// images); nil: all of them.
    public var subset: Int?
    /// Epochs to train; nil: the experiment's own.
    public var epochs: Int?

    /// A check size built in code.
    public init(subset: Int? = nil, epochs: Int? = nil) {
        self.subset = subset
        self.epochs = epochs
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case subset, epochs
    }

    /// Decodes the mapping; `subset` is at least 10 (one image per class), `epochs` at least 1.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "lesson_check")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subset = try c.positiveIntIfPresent(.subset, hint: "training images of the quick check, e.g. 6000")
        if let subset, subset < 10 {
            throw SpecIssue(c.path(.subset), "must be at least 10, got \(subset)",
                            hint: "a balanced subset needs one image per class at least")
        }
        epochs = try c.positiveIntIfPresent(.epochs, hint: "epochs of the quick check, e.g. 2")
    }

    /// Encodes the sizes that are set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(subset, forKey: .subset)
        try c.encodeIfPresent(epochs, forKey: .epochs)
    }
}
