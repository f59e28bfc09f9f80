import BNCore

/// A batch of samples: the normalized input tensor (N, C, H, W) and the labels.
public struct Batch: Sendable, Equatable {
    /// The images after ToTensor and Normalize, shape (N, C, H, W).
    public var input: Tensor
    /// The label of each image, in `0 ..< classCount`.
    public var labels: [Int]
    /// The index of each image in its split (for checks and for showing samples).
    public var indices: [Int]

    /// A batch from its parts (`labels` and `indices` one per image of `input`).
    public init(input: Tensor, labels: [Int], indices: [Int]) {
        self.input = input
        self.labels = labels
        self.indices = indices
    }

    /// An empty batch, to be filled by `BatchLoader.EpochIterator.next(into:)`.
    public init() {
        self.init(input: Tensor(zeros: [0]), labels: [], indices: [])
    }

    /// The number of samples.
    public var count: Int { labels.count }
}
