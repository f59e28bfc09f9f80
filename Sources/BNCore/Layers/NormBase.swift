/// The parameters and buffers every batch-style normalization over channels shares, as
/// PyTorch's `_NormBase` sets them up for BatchNorm1d/2d/3d and InstanceNorm:
///
/// - with `affine`: `weight` (ones) and `bias` (zeros), learnable, one per channel;
/// - with `trackRunningStats`: `running_mean` (zeros), `running_var` (ones) and
///   `num_batches_tracked` (0),
///
/// in that state-dict order. Subclasses implement forward and backward.
public class NormBase: Module {
    /// The number of channels C.
    public let numFeatures: Int
    /// Added to the variance before the square root.
    public let eps: Double
    /// The running-average factor; nil means a cumulative average (BatchNorm) or no update
    /// (InstanceNorm).
    public let momentum: Double?
    /// gamma (ones) and beta (zeros), or nil when `affine == false`.
    public let weight: Parameter?, bias: Parameter?
    /// Running statistics, or nil when `trackRunningStats == false`.
    public let runningMean: Buffer?, runningVar: Buffer?
    /// Training forwards seen while tracking (PyTorch's `num_batches_tracked`).
    public let numBatchesTracked: Counter?

    init(numFeatures: Int, eps: Double, momentum: Double?, affine: Bool, trackRunningStats: Bool) {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        weight = affine ? Parameter(Tensor(repeating: 1, shape: [numFeatures])) : nil
        bias = affine ? Parameter(Tensor(zeros: [numFeatures])) : nil
        runningMean = trackRunningStats ? Buffer(Tensor(zeros: [numFeatures])) : nil
        runningVar = trackRunningStats ? Buffer(Tensor(repeating: 1, shape: [numFeatures])) : nil
        numBatchesTracked = trackRunningStats ? Counter(0) : nil
        super.init()
    }

    /// Whether the layer has gamma and beta.
    public var affine: Bool { weight != nil }
    /// Whether the layer keeps running statistics.
    public var trackRunningStats: Bool { runningMean != nil }

    /// `weight`, `bias` (affine), then `running_mean`, `running_var`, `num_batches_tracked` (tracking).
    public override var stateEntries: [StateEntry] {
        var entries: [StateEntry] = []
        if let weight, let bias { entries += [.parameter("weight", weight), .parameter("bias", bias)] }
        if let runningMean, let runningVar, let numBatchesTracked {
            entries += [.buffer("running_mean", runningMean), .buffer("running_var", runningVar),
                        .counter("num_batches_tracked", numBatchesTracked)]
        }
        return entries
    }
}
