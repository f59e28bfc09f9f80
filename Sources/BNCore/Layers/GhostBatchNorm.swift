/// Ghost batch normalization: BatchNorm whose training statistics come from consecutive virtual
/// sub-batches of `ghostBatch` samples, the way `DistributedDataParallel` without
/// `SyncBatchNorm` normalizes a global batch split over workers.
///
/// The batch of N samples is split like `x.split(ghostBatch)`: sub-batches j = 0, 1, … of
/// `ghostBatch` consecutive samples, the last holding the remainder. In training, per sub-batch
/// j and channel c (n_j values: the sub-batch's samples × spatial positions):
/// ```
/// mu_j  = Σ_{i∈j} x / n_j,   var_j = Σ_{i∈j} (x - mu_j)² / n_j       (biased)
/// y_i   = (x_i - mu_j) / √(var_j + eps) · gamma + beta              (i in sub-batch j)
/// ```
/// Only sub-batch 0 (worker rank 0) updates the running statistics and `num_batches_tracked`,
/// with its own statistics and the usual rule
/// `running = (1 - m) · running + m · stat_0` (unbiased variance, `n_0 / (n_0 - 1)`): under DDP
/// each worker updates its own buffers, and rank 0's are broadcast to every worker before the
/// next forward, so rank 0's are the ones that last. Gradients of gamma and beta are the sums of
/// every sub-batch's (DDP averages per-worker means of the loss, which equals the gradient of
/// the mean over the whole batch when the sub-batches are equal).
///
/// In eval mode with running statistics the whole batch is normalized by them, as by BatchNorm.
/// Without running statistics each sub-batch is normalized by its own statistics in eval too.
/// A batch of at most `ghostBatch` samples is exactly ``BatchNorm``'s computation. The state is
/// a BatchNorm's (`weight`, `bias`, `running_mean`, `running_var`, `num_batches_tracked`), so a
/// checkpoint loads into PyTorch's `BatchNorm1d`/`BatchNorm2d`.
public final class GhostBatchNorm: BatchNorm {
    /// The input a ghost BatchNorm takes: like ``BatchNorm1d`` or like ``BatchNorm2d``.
    public enum Kind: Sendable {
        /// (N, C) or (N, C, L).
        case oneD
        /// (N, C, H, W).
        case twoD
    }

    /// Samples per virtual sub-batch (one simulated worker's share of the batch).
    public let ghostBatch: Int
    /// The input ranks accepted, as the matching BatchNorm.
    public let kind: Kind

    /// Normalizers for sub-batches 1, 2, … (workers other than rank 0): no running statistics;
    /// gamma and beta are copied in before each forward and their gradients added back after
    /// each backward.
    private var replicas: [BatchNorm] = []
    /// Samples of each sub-batch of the last forward that used batch statistics (empty: one
    /// whole-batch forward of the base layer).
    private var chunkSizes: [Int] = []

    /// A ghost BatchNorm over `numFeatures` channels with sub-batches of `ghostBatch` samples and
    /// PyTorch's BatchNorm defaults. Throws for a `ghostBatch` below 1.
    public init(_ numFeatures: Int, ghostBatch: Int, kind: Kind, eps: Double = 1e-5, momentum: Double? = 0.1,
                affine: Bool = true, trackRunningStats: Bool = true) throws {
        guard ghostBatch >= 1 else {
            throw CoreError.value("ghost batch size must be at least 1, got \(ghostBatch)")
        }
        self.ghostBatch = ghostBatch
        self.kind = kind
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats)
    }

    public override var summary: String {
        let base = super.summary
        let name = kind == .oneD ? "BatchNorm1d" : "BatchNorm2d"
        return base.replacingOccurrences(of: "GhostBatchNorm(", with: "\(name)(ghost_batch=\(ghostBatch), ")
    }

    override func checkInputDimensions(_ x: Tensor) throws {
        switch kind {
        case .oneD where x.rank != 2 && x.rank != 3:
            throw CoreError.value("expected 2D or 3D input (got \(x.rank)D input)")
        case .twoD where x.rank != 4:
            throw CoreError.value("expected 4D input (got \(x.rank)D input)")
        default: break
        }
    }

    /// Normalizes `x` per sub-batch in training (see the type's documentation).
    public override func forward(_ x: Tensor) throws -> Tensor {
        let batch = x.shape.first ?? 0
        let useBatchStatistics = training || !trackRunningStats
        guard useBatchStatistics, batch > ghostBatch else {
            chunkSizes = []
            return try super.forward(x)
        }
        try checkInputDimensions(x)
        // x.split(ghostBatch): full sub-batches, then the remainder.
        let sizes = stride(from: 0, to: batch, by: ghostBatch).map { min(ghostBatch, batch - $0) }
        while replicas.count < sizes.count - 1 {
            replicas.append(BatchNorm1d(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: false))
        }
        let perSample = x.count / batch
        var out = [Float]()
        out.reserveCapacity(x.count)
        var start = 0
        for (j, size) in sizes.enumerated() {
            let part = Self.rows(x, from: start, count: size, perSample: perSample)
            let y: Tensor
            if j == 0 {
                y = try super.forward(part)   // rank 0: updates the running statistics
            } else {
                let replica = replicas[j - 1]
                replica.train(true)
                if let weight, let bias, let rw = replica.weight, let rb = replica.bias {
                    rw.value = weight.value
                    rb.value = bias.value
                }
                replica.zeroGrad()
                y = try replica.forward(part.reshaped([size, numFeatures, part.count / (size * numFeatures)]))
            }
            out.append(contentsOf: y.data)
            start += size
        }
        chunkSizes = sizes
        return Tensor(shape: x.shape, data: out)
    }

    /// Back-propagates each sub-batch through the normalizer that computed it; gamma and beta
    /// receive the sum of every sub-batch's gradient.
    public override func backward(_ g: Tensor) throws -> Tensor {
        guard !chunkSizes.isEmpty else { return try super.backward(g) }
        let batch = g.shape[0], perSample = g.count / max(batch, 1)
        var out = [Float]()
        out.reserveCapacity(g.count)
        var start = 0
        for (j, size) in chunkSizes.enumerated() {
            let part = Self.rows(g, from: start, count: size, perSample: perSample)
            if j == 0 {
                out.append(contentsOf: try super.backward(part).data)
            } else {
                let replica = replicas[j - 1]
                out.append(contentsOf: try replica.backward(part.reshaped([size, numFeatures, part.count / (size * numFeatures)])).data)
                if let weight, let bias, let dw = replica.weight?.gradient, let db = replica.bias?.gradient {
                    weight.accumulate(dw)
                    bias.accumulate(db)
                }
            }
            start += size
        }
        return Tensor(shape: g.shape, data: out)
    }

    /// Samples `from ..< from + count` of `x` (rows of `perSample` values), keeping the other axes.
    private static func rows(_ x: Tensor, from: Int, count: Int, perSample: Int) -> Tensor {
        var shape = x.shape
        shape[0] = count
        return Tensor(shape: shape, data: Array(x.data[from * perSample ..< (from + count) * perSample]))
    }
}
