/// Instance normalization (PyTorch's `nn.InstanceNorm2d`): every (sample, channel) plane is
/// normalized with its own biased mean and variance over H·W.
///
/// Input (N, C, H, W), or (C, H, W) unbatched. With `affine`, a per-channel weight (ones) and
/// bias (zeros) follow. With `trackRunningStats`, training also keeps `running_mean` and
/// `running_var` (the per-instance mean and unbiased variance averaged over the batch, blended
/// with `momentum`) and eval normalizes with them; otherwise eval uses instance statistics too.
/// Like PyTorch, the layer never advances `num_batches_tracked`, and a nil momentum (which
/// PyTorch passes on as 0) leaves the running statistics unchanged.
///
/// ```swift
/// let norm = InstanceNorm2d(3, affine: true)
/// let y = try norm.forward(Tensor(zeros: [2, 3, 8, 8]))
/// ```
public final class InstanceNorm2d: NormBase {
    private var inputShape: [Int] = []
    private var layout = NormalizationLayout(groups: 0, groupSize: 0, groupsPerSample: 1, span: 1)
    /// Whether the last forward normalized with instance statistics (else running ones).
    private var usedInputStatistics = true
    private var xhat: [Float] = []
    private var invstd: [Float] = []
    private var mean: [Float] = []
    private var variance: [Float] = []

    /// A layer over `numFeatures` channels; see the type's documentation for the options.
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = false,
                trackRunningStats: Bool = false) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats)
    }

    /// `InstanceNorm2d(3)`, with the options that differ from the defaults.
    public override var summary: String {
        var text = "InstanceNorm2d(\(numFeatures)"
        if eps != 1e-5 { text += ", eps=\(pythonFloat(eps))" }
        if momentum != 0.1 { text += ", momentum=\(momentum.map(pythonFloat) ?? "None")" }
        if weight != nil { text += ", affine=True" }
        if runningMean != nil { text += ", track_running_stats=True" }
        return text + ")"
    }

    /// Per (n, c) plane of S = H·W values: `mean = Σx/S`, `var = Σ(x-mean)²/S`,
    /// `y = (x-mean)/sqrt(var+eps) * w[c] + b[c]`; in eval with running statistics,
    /// `y = (x-running_mean[c])/sqrt(running_var[c]+eps) * w[c] + b[c]`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        guard x.rank == 3 || x.rank == 4 else {
            throw CoreError.value("expected 3D or 4D input (got \(x.rank)D input)")
        }
        let featureDim = x.rank - 3
        let batched = x.rank == 4
        let n = batched ? x.shape[0] : 1
        let c = x.shape[featureDim]
        let spatial = x.shape[featureDim + 1] * x.shape[featureDim + 2]
        let shape4 = [n, c, x.shape[featureDim + 1], x.shape[featureDim + 2]]
        if c != numFeatures {
            if weight != nil {
                throw CoreError.value("expected input's size at dim=\(featureDim) to match num_features (\(numFeatures)), but got: \(c).")
            }
            if runningMean != nil {
                throw CoreError.runtime("running_mean should contain \(n * c) elements not \(n * numFeatures)")
            }
        }
        let useInputStatistics = training || runningMean == nil
        if useInputStatistics && spatial == 1 {
            throw CoreError.value("Expected more than 1 spatial element when training, got input size \(torchSize(shape4))")
        }
        inputShape = x.shape
        usedInputStatistics = useInputStatistics
        layout = NormalizationLayout(groups: n * c, groupSize: spatial, groupsPerSample: c, span: spatial)
        guard x.count > 0 else { return x }
        if xhat.count != x.count { xhat = [Float](repeating: 0, count: x.count) }
        if invstd.count != layout.groups {
            invstd = [Float](repeating: 0, count: layout.groups)
            mean = invstd
            variance = invstd
        }
        var y = Tensor(zeros: x.shape)
        if useInputStatistics {
            let layout = self.layout, w = weight?.value.data, b = bias?.value.data
            x.data.withUnsafeBufferPointer { xp in
                y.data.withUnsafeMutableBufferPointer { yp in
                    xhat.withUnsafeMutableBufferPointer { hp in
                        mean.withUnsafeMutableBufferPointer { mp in
                            variance.withUnsafeMutableBufferPointer { vp in
                                invstd.withUnsafeMutableBufferPointer { ip in
                                    GroupedNormalization.withPointer(w) { wp in
                                        GroupedNormalization.withPointer(b) { bp in
                                            GroupedNormalization.forward(
                                                xp.baseAddress!, layout: layout, eps: Float(eps),
                                                weight: wp, bias: bp, y: yp.baseAddress!, xhat: hp.baseAddress!,
                                                mean: mp.baseAddress!, variance: vp.baseAddress!,
                                                invstd: ip.baseAddress!)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if training, let runningMean, let runningVar {
                updateRunningStatistics(runningMean, runningVar, batch: n, channels: c, spatial: spatial)
            }
        } else {
            normalizeWithRunningStatistics(x, into: &y, batch: n, channels: c, spatial: spatial)
        }
        return y
    }

    /// Per channel, averaging the per-instance copies over the batch as PyTorch does:
    /// `running_mean = mean_n((1-m)·running_mean + m·mean[n,c])`,
    /// `running_var = mean_n((1-m)·running_var + m·var[n,c]·S/(S-1))` (unbiased variance).
    private func updateRunningStatistics(_ runningMean: Buffer, _ runningVar: Buffer, batch n: Int,
                                         channels c: Int, spatial: Int) {
        guard let m = momentum.map(Float.init), n > 0 else { return }
        let correction = Float(spatial) / Float(spatial - 1)
        for ch in 0..<c {
            let rm = runningMean.value.data[ch], rv = runningVar.value.data[ch]
            var sumMean: Float = 0, sumVar: Float = 0
            for s in 0..<n {
                sumMean += m * mean[s * c + ch] + (1 - m) * rm
                sumVar += m * (variance[s * c + ch] * correction) + (1 - m) * rv
            }
            runningMean.value.data[ch] = sumMean / Float(n)
            runningVar.value.data[ch] = sumVar / Float(n)
        }
    }

    /// Eval with running statistics: `invstd[c] = 1/sqrt(running_var[c] + eps)`,
    /// `xhat = (x - running_mean[c]) * invstd[c]`, `y = xhat * w[c] + b[c]`.
    private func normalizeWithRunningStatistics(_ x: Tensor, into y: inout Tensor, batch n: Int,
                                                channels c: Int, spatial: Int) {
        guard let runningMean, let runningVar else { return }
        for ch in 0..<c {
            invstd[ch] = 1 / (runningVar.value.data[ch] + Float(eps)).squareRoot()
        }
        let w = weight?.value.data, b = bias?.value.data
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { yp in
                xhat.withUnsafeMutableBufferPointer { hp in
                    for plane in 0..<(n * c) {
                        let ch = plane % c
                        let mu = runningMean.value.data[ch], istd = invstd[ch]
                        let scale = w?[ch] ?? 1, shift = b?[ch] ?? 0
                        let base = plane * spatial
                        for i in base..<(base + spatial) {
                            let h = (xp[i] - mu) * istd
                            hp[i] = h
                            yp[i] = w == nil ? h : h * scale + shift
                        }
                    }
                }
            }
        }
    }

    /// Instance statistics, per plane with `gh = g * w[c]`:
    /// `dx = invstd * (gh - mean(gh) - xhat * mean(gh * xhat))`. Running statistics (constants):
    /// `dx = g * w[c] * invstd[c]`. Both: `dw[c] += Σ_{n,s} g * xhat`, `db[c] += Σ_{n,s} g`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        precondition(g.count == Tensor.count(of: inputShape), "gradient \(g.shape) for output \(inputShape)")
        let c = layout.groupsPerSample, spatial = layout.span
        var dx = Tensor(zeros: inputShape)
        var dw = [Float](repeating: 0, count: weight == nil ? 0 : c)
        var db = dw
        let layout = self.layout, w = weight?.value.data
        if dx.count > 0 && usedInputStatistics {
            g.data.withUnsafeBufferPointer { gp in
                xhat.withUnsafeBufferPointer { hp in
                    invstd.withUnsafeBufferPointer { ip in
                        dx.data.withUnsafeMutableBufferPointer { dxp in
                            dw.withUnsafeMutableBufferPointer { dwp in
                                db.withUnsafeMutableBufferPointer { dbp in
                                    GroupedNormalization.withPointer(w) { wp in
                                        GroupedNormalization.backward(
                                            gp.baseAddress!, xhat: hp.baseAddress!, invstd: ip.baseAddress!,
                                            layout: layout, weight: wp, dx: dxp.baseAddress,
                                            dweight: dwp.isEmpty ? nil : dwp.baseAddress,
                                            dbias: dbp.isEmpty ? nil : dbp.baseAddress)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } else if dx.count > 0 {
            for plane in 0..<layout.groups {
                let ch = plane % c
                let scale = (w?[ch] ?? 1) * invstd[ch]
                let base = plane * spatial
                var sumG: Float = 0, sumGXhat: Float = 0
                for i in base..<(base + spatial) {
                    // dx = g * w[c] * invstd[c]
                    dx.data[i] = g.data[i] * scale
                    sumG += g.data[i]
                    sumGXhat += g.data[i] * xhat[i]
                }
                if !dw.isEmpty {
                    dw[ch] += sumGXhat
                    db[ch] += sumG
                }
            }
        }
        if let weight { weight.accumulate(Tensor(shape: [weight.value.count], data: dw)) }
        if let bias { bias.accumulate(Tensor(shape: [bias.value.count], data: db)) }
        return dx
    }
}
