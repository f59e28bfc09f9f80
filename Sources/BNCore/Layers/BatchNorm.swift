/// Batch normalization over every axis but the channel axis (1), PyTorch's `_BatchNorm`.
///
/// Input (N, C, *) is viewed as (N, C, S) with S the product of the trailing dimensions; each
/// channel c normalizes its n = N·S values.
///
/// Training (or `trackRunningStats == false`), per channel:
/// ```
/// mu = Σx / n,   var = Σ(x - mu)² / n            (biased: used to normalize)
/// y  = (x - mu) · invstd · gamma + beta,   invstd = 1 / √(var + eps)
/// ```
/// and, when tracking, after `numBatchesTracked += 1`:
/// ```
/// f  = momentum ?? 1 / numBatchesTracked          (nil momentum: cumulative average)
/// rm = (1 - f) · rm + f · mu
/// rv = (1 - f) · rv + f · var · n / (n - 1)       (unbiased into the running variance)
/// ```
/// Eval with running statistics: `y = (x - rm) / √(rv + eps) · gamma + beta`, nothing updates.
///
/// Use ``BatchNorm1d`` for (N, C) or (N, C, L), ``BatchNorm2d`` for (N, C, H, W) and
/// ``BatchNorm3d`` for (N, C, D, H, W). Parameters and buffers are set up by ``NormBase``.
public class BatchNorm: NormBase {
    /// The statistics of the last forward that normalized with batch statistics: per-channel
    /// mean and biased variance, and the count n they were taken over.
    public private(set) var lastBatchStatistics: (mean: [Float], variance: [Float], count: Int)?
    /// Values per channel in the last forward's input, N·S, in train or eval mode (0 before any).
    public private(set) var lastValuesPerChannel = 0

    // Saved by forward for backward: the input and the per-channel shift and scale it was
    // normalized with, from which backward recomputes xhat = (x - shift) · invstd bit for bit
    // (cheaper than writing xhat out in forward and reading it back).
    private var input = Tensor(zeros: [0])
    private var shift: [Float] = []
    private var invstd: [Float] = []
    private var usedBatchStatistics = true

    public override var summary: String {
        var options: [String] = []
        if eps != 1e-5 { options.append("eps=\(eps)") }
        if momentum != 0.1 { options.append("momentum=\(momentum.map { "\($0)" } ?? "None")") }
        if !affine { options.append("affine=False") }
        if !trackRunningStats { options.append("track_running_stats=False") }
        return "\(type(of: self))(\(([String(numFeatures)] + options).joined(separator: ", ")))"
    }

    /// Checks the input's rank; each subclass words the error as PyTorch does.
    func checkInputDimensions(_ x: Tensor) throws {}

    /// Normalizes `x` (see the type's documentation for the formulas).
    public override func forward(_ x: Tensor) throws -> Tensor {
        try checkInputDimensions(x)
        // PyTorch's module forward: the counter moves first, before any other check.
        if training, let numBatchesTracked { numBatchesTracked.value += 1 }
        let useBatchStatistics = training || !trackRunningStats
        let batch = x.shape[0], spatial = x.shape.dropFirst(2).reduce(1, *)
        lastValuesPerChannel = batch * spatial
        // F.batch_norm verifies the batch whenever batch statistics are needed.
        if useBatchStatistics && batch * spatial == 1 {
            throw CoreError.value("Expected more than 1 value per channel when training, got input size \(torchSize(x.shape))")
        }
        if useBatchStatistics && eps <= 0 {
            throw CoreError.value("batch_norm eps must be positive during training, but got \(eps)")
        }
        let channels = x.shape[1]
        if channels != numFeatures {
            // ATen checks running_mean first, then weight, against the input's channel count.
            let name = trackRunningStats ? "running_mean" : (affine ? "weight" : "input channels")
            throw CoreError.runtime("\(name) should contain \(channels) elements not \(numFeatures)")
        }
        if x.count == 0 {
            input = x
            return x
        }
        return useBatchStatistics ? forwardWithBatchStatistics(x, batch: batch, spatial: spatial)
                                  : forwardWithRunningStatistics(x, batch: batch, spatial: spatial)
    }

    private func forwardWithBatchStatistics(_ x: Tensor, batch: Int, spatial: Int) -> Tensor {
        let c = numFeatures, n = batch * spatial
        var mean = [Float](repeating: 0, count: c)
        var variance = [Float](repeating: 0, count: c)
        x.data.withUnsafeBufferPointer { xp in
            mean.withUnsafeMutableBufferPointer { mp in
                // mu = Σx / n
                sumPerChannel(xp, batch: batch, spatial: spatial, into: mp)
                for k in 0..<c { mp[k] /= Float(n) }
                // var = Σ(x - mu)² / n   (two passes: no cancellation)
                variance.withUnsafeMutableBufferPointer { vp in
                    squaredDeviations(xp, mean: UnsafeBufferPointer(mp), batch: batch, spatial: spatial, into: vp)
                    for k in 0..<c { vp[k] /= Float(n) }
                }
            }
        }
        lastBatchStatistics = (mean, variance, n)
        invstd = variance.map { 1 / ($0 + Float(eps)).squareRoot() }
        usedBatchStatistics = true

        if training, let runningMean, let runningVar, let numBatchesTracked {
            let f = Float(momentum ?? 1 / Double(numBatchesTracked.value))
            let unbiasing = Float(n) / Float(max(n - 1, 1))
            for k in 0..<c {
                runningMean.value.data[k] = (1 - f) * runningMean.value.data[k] + f * mean[k]
                runningVar.value.data[k] = (1 - f) * runningVar.value.data[k] + f * variance[k] * unbiasing
            }
        }
        return normalize(x, shift: mean, scale: invstd, batch: batch, spatial: spatial)
    }

    private func forwardWithRunningStatistics(_ x: Tensor, batch: Int, spatial: Int) -> Tensor {
        guard let runningMean, let runningVar else { preconditionFailure("no running statistics") }
        // y = (x - rm) / √(rv + eps) · gamma + beta
        invstd = runningVar.value.data.map { 1 / ($0 + Float(eps)).squareRoot() }
        usedBatchStatistics = false
        return normalize(x, shift: runningMean.value.data, scale: invstd, batch: batch, spatial: spatial)
    }

    /// xhat = (x - shift) · scale; y = xhat · gamma + beta. Keeps x, shift and scale for backward.
    private func normalize(_ x: Tensor, shift: [Float], scale: [Float], batch: Int, spatial: Int) -> Tensor {
        let c = numFeatures
        let gamma = weight?.value.data ?? [Float](repeating: 1, count: c)
        let beta = bias?.value.data ?? [Float](repeating: 0, count: c)
        input = x
        self.shift = shift
        return Tensor(shape: x.shape) { yp in
        x.data.withUnsafeBufferPointer { xp in
        shift.withUnsafeBufferPointer { sh in scale.withUnsafeBufferPointer { sc in
        gamma.withUnsafeBufferPointer { gp in beta.withUnsafeBufferPointer { bp in
            if spatial == 1 {
                for row in 0..<batch {
                    let o = row * c
                    for k in 0..<c {
                        let h = (xp[o + k] - sh[k]) * sc[k]
                        yp[o + k] = h * gp[k] + bp[k]
                    }
                }
            } else {
                for row in 0..<batch {
                    for k in 0..<c {
                        let o = (row * c + k) * spatial
                        let s0 = sh[k], s1 = sc[k], g = gp[k], b = bp[k]
                        for s in 0..<spatial {
                            let h = (xp[o + s] - s0) * s1
                            yp[o + s] = h * g + b
                        }
                    }
                }
            }
        }}}}}}
    }

    /// Back-propagates through the normalization of the last forward.
    ///
    /// Batch statistics (sums over each channel's n values, g = dL/dy):
    /// `dbeta = Σg`, `dgamma = Σ g·xhat`, `dx = gamma·invstd·(g - Σg/n - xhat·Σ(g·xhat)/n)`.
    /// Running statistics: `dx = g·gamma·invstd`, same dgamma and dbeta.
    public override func backward(_ g: Tensor) throws -> Tensor {
        precondition(g.count == input.count, "gradient \(g.shape) for a batch norm output of \(input.count) elements")
        let c = numFeatures
        let batch = g.shape[0], spatial = g.shape.dropFirst(2).reduce(1, *)
        let n = Float(batch * spatial)
        var sumG = [Float](repeating: 0, count: c)
        var sumGX = [Float](repeating: 0, count: c)
        g.data.withUnsafeBufferPointer { gp in
        input.data.withUnsafeBufferPointer { xp in
        shift.withUnsafeBufferPointer { sh in invstd.withUnsafeBufferPointer { sc in
        sumG.withUnsafeMutableBufferPointer { sg in sumGX.withUnsafeMutableBufferPointer { sgx in
            gradientSums(gp, xp, shift: sh, scale: sc, batch: batch, spatial: spatial, sumG: sg, sumGX: sgx)
        }}}}}}
        weight?.withGradient { dw, overwrite in
            for k in 0..<c { dw[k] = (overwrite ? 0 : dw[k]) + sumGX[k] }
        }
        bias?.withGradient { db, overwrite in
            for k in 0..<c { db[k] = (overwrite ? 0 : db[k]) + sumG[k] }
        }
        let gamma = weight?.value.data ?? [Float](repeating: 1, count: c)
        // Per channel: dx = a·g + b·xhat + d, with a = gamma·invstd and, for batch statistics,
        // b = -a·Σ(g·xhat)/n, d = -a·Σg/n (zero for running statistics).
        var a = [Float](repeating: 0, count: c), b = a, d = a
        for k in 0..<c {
            a[k] = gamma[k] * invstd[k]
            if usedBatchStatistics {
                b[k] = -a[k] * sumGX[k] / n
                d[k] = -a[k] * sumG[k] / n
            }
        }
        // dx = a·g + b·xhat + d, every element written.
        return Tensor(shape: g.shape) { dp in
        g.data.withUnsafeBufferPointer { gp in
        input.data.withUnsafeBufferPointer { xp in
        shift.withUnsafeBufferPointer { sh in invstd.withUnsafeBufferPointer { sc in
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in d.withUnsafeBufferPointer { cp in
            inputGradient(gp, xp, shift: sh, scale: sc, a: ap, b: bp, d: cp, batch: batch, spatial: spatial, into: dp)
        }}}}}}}}
    }

    // MARK: - Per-channel reductions over an (N, C, S) layout

    /// `sumG[k] = Σ_{n,s} g[n, k, s]` and `sumGX[k] = Σ_{n,s} g·xhat`, where
    /// `xhat = (x - shift[k]) · scale[k]` is recomputed exactly as forward computed it; one
    /// pass over g and x. (The buffers come in as arguments, so their addresses stay in
    /// registers across the stores.)
    private func gradientSums(_ g: UnsafeBufferPointer<Float>, _ x: UnsafeBufferPointer<Float>,
                              shift: UnsafeBufferPointer<Float>, scale: UnsafeBufferPointer<Float>,
                              batch: Int, spatial: Int,
                              sumG: UnsafeMutableBufferPointer<Float>, sumGX: UnsafeMutableBufferPointer<Float>) {
        let c = numFeatures
        if spatial == 1 {
            // Row by row, vectorized across channels.
            for row in 0..<batch {
                let o = row * c
                for k in 0..<c { sumG[k] += g[o + k] }
                for k in 0..<c { sumGX[k] += g[o + k] * ((x[o + k] - shift[k]) * scale[k]) }
            }
        } else {
            for row in 0..<batch {
                for k in 0..<c {
                    let o = (row * c + k) * spatial
                    let sums = FloatKernels.sumAndNormalizedDot(g.baseAddress! + o, x.baseAddress! + o, count: spatial,
                                                                shift: shift[k], scale: scale[k])
                    sumG[k] += sums.sum
                    sumGX[k] += sums.dot
                }
            }
        }
    }

    /// `dx = a[k]·g + b[k]·xhat + d[k]` per channel k, xhat recomputed as in `gradientSums`.
    private func inputGradient(_ g: UnsafeBufferPointer<Float>, _ x: UnsafeBufferPointer<Float>,
                               shift: UnsafeBufferPointer<Float>, scale: UnsafeBufferPointer<Float>,
                               a: UnsafeBufferPointer<Float>, b: UnsafeBufferPointer<Float>,
                               d: UnsafeBufferPointer<Float>, batch: Int, spatial: Int,
                               into dx: UnsafeMutableBufferPointer<Float>) {
        let c = numFeatures
        if spatial == 1 {
            for row in 0..<batch {
                let o = row * c
                for k in 0..<c {
                    let h = (x[o + k] - shift[k]) * scale[k]
                    dx[o + k] = a[k] * g[o + k] + b[k] * h + d[k]
                }
            }
        } else {
            for row in 0..<batch {
                for k in 0..<c {
                    let o = (row * c + k) * spatial
                    let s0 = shift[k], s1 = scale[k], a0 = a[k], b0 = b[k], d0 = d[k]
                    for s in 0..<spatial {
                        let h = (x[o + s] - s0) * s1
                        dx[o + s] = a0 * g[o + s] + b0 * h + d0
                    }
                }
            }
        }
    }

    /// `out[k] = Σ_{n,s} x[n, k, s]`.
    private func sumPerChannel(_ x: UnsafeBufferPointer<Float>, batch: Int, spatial: Int,
                               into out: UnsafeMutableBufferPointer<Float>) {
        let c = numFeatures
        for k in 0..<c { out[k] = 0 }
        if spatial == 1 {
            for row in 0..<batch {
                let o = row * c
                for k in 0..<c { out[k] += x[o + k] }
            }
        } else {
            for row in 0..<batch {
                for k in 0..<c {
                    out[k] += FloatKernels.sum(x.baseAddress! + (row * c + k) * spatial, count: spatial)
                }
            }
        }
    }

    /// `out[k] = Σ_{n,s} (x[n, k, s] - mean[k])²`.
    private func squaredDeviations(_ x: UnsafeBufferPointer<Float>, mean: UnsafeBufferPointer<Float>,
                                   batch: Int, spatial: Int, into out: UnsafeMutableBufferPointer<Float>) {
        let c = numFeatures
        for k in 0..<c { out[k] = 0 }
        if spatial == 1 {
            for row in 0..<batch {
                let o = row * c
                for k in 0..<c { let d = x[o + k] - mean[k]; out[k] += d * d }
            }
        } else {
            for row in 0..<batch {
                for k in 0..<c {
                    out[k] += FloatKernels.squaredDeviations(x.baseAddress! + (row * c + k) * spatial,
                                                            count: spatial, from: mean[k])
                }
            }
        }
    }
}

/// Batch normalization for (N, C) or (N, C, L) input (PyTorch's `BatchNorm1d`).
public final class BatchNorm1d: BatchNorm {
    /// A layer over `numFeatures` channels with PyTorch's defaults.
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1,
                affine: Bool = true, trackRunningStats: Bool = true) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats)
    }

    override func checkInputDimensions(_ x: Tensor) throws {
        guard x.rank == 2 || x.rank == 3 else {
            throw CoreError.value("expected 2D or 3D input (got \(x.rank)D input)")
        }
    }
}

/// Batch normalization for (N, C, H, W) input (PyTorch's `BatchNorm2d`).
public final class BatchNorm2d: BatchNorm {
    /// A layer over `numFeatures` channels with PyTorch's defaults.
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1,
                affine: Bool = true, trackRunningStats: Bool = true) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats)
    }

    override func checkInputDimensions(_ x: Tensor) throws {
        guard x.rank == 4 else {
            throw CoreError.value("expected 4D input (got \(x.rank)D input)")
        }
    }
}

/// Batch normalization for (N, C, D, H, W) input (PyTorch's `BatchNorm3d`): each channel
/// normalizes its N·D·H·W values.
public final class BatchNorm3d: BatchNorm {
    /// A layer over `numFeatures` channels with PyTorch's defaults.
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1,
                affine: Bool = true, trackRunningStats: Bool = true) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats)
    }

    override func checkInputDimensions(_ x: Tensor) throws {
        guard x.rank == 5 else {
            throw CoreError.value("expected 5D input (got \(x.rank)D input)")
        }
    }
}
