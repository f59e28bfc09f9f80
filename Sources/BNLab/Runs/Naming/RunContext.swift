/// How much data and how many epochs a run was planned with, so a result is read in context:
/// `subset 3000/600 · 2 ep` (train/test images) or `full data · 10 ep`.
public struct RunContext: Sendable, Hashable {
    /// Training images used; nil: the whole training set.
    public var trainImages: Int?
    /// Test images used; nil: the whole test set.
    public var testImages: Int?
    /// Planned epochs (all phases).
    public var epochs: Int

    /// A context from its parts.
    public init(trainImages: Int?, testImages: Int?, epochs: Int) {
        self.trainImages = trainImages
        self.testImages = testImages
        self.epochs = epochs
    }

    /// The context of a plan: its dataset subset and total epochs.
    public init(plan: RunPlan) {
        self.init(trainImages: plan.dataset.subset?.train, testImages: plan.dataset.subset?.test, epochs: plan.epochs)
    }

    /// The context of the run a header describes; nil when the header has no readable config.
    public init?(header: RunHeader) {
        guard let plan = header.config else { return nil }
        self.init(plan: plan)
    }

    /// Whether only part of the data was used.
    public var isSubset: Bool { trainImages != nil || testImages != nil }

    /// The data column of a table: `3000/600` (train/test images, `all` for a whole set) or `full`.
    public var dataText: String {
        guard isSubset else { return "full" }
        return "\(trainImages.map(String.init) ?? "all")/\(testImages.map(String.init) ?? "all")"
    }

    /// `2 ep`.
    public var epochsText: String { "\(epochs) ep" }

    /// `subset 3000/600 · 2 ep` or `full data · 10 ep` (`|` for `·` without Unicode).
    public func text(unicode: Bool = true) -> String {
        let separator = unicode ? " · " : " | "
        return (isSubset ? "subset \(dataText)" : "full data") + separator + epochsText
    }
}
