/// How a per-group normalization (LayerNorm, GroupNorm, InstanceNorm2d) sees its input: `groups`
/// contiguous runs of `groupSize` elements, each normalized with its own statistics, and how
/// the affine parameters map onto a run.
///
/// Element `j` of group `r` uses the affine entry
/// `c = (r % groupsPerSample) * channelsPerGroup + j / span`:
/// - LayerNorm: one group per sample, `span = 1` (an entry per element of `normalized_shape`);
/// - GroupNorm: `G` groups per sample, `span` = spatial size, `C/G` channels per group;
/// - InstanceNorm2d: `C` groups per sample, `span = H·W`, one channel per group.
struct NormalizationLayout {
    /// Number of runs normalized independently.
    var groups: Int
    /// Elements per run.
    var groupSize: Int
    /// Runs per sample (the affine entries repeat with this period).
    var groupsPerSample: Int
    /// Consecutive elements of a run sharing one affine entry.
    var span: Int

    /// Affine entries per run.
    var channelsPerGroup: Int { groupSize / span }
}

/// The shared forward and backward kernels of the per-group normalizations.
///
/// Statistics are biased and computed in two passes (mean, then the sum of squared deviations)
/// with Double accumulators; everything else is Float.
enum GroupedNormalization {
    /// Normalizes every group of `x` into `y`, saving what backward needs.
    ///
    /// Writes `xhat = (x - mean) * invstd` per element and `mean`, biased `variance` and
    /// `invstd = 1 / sqrt(variance + eps)` per group. With `weight`, `y = xhat * weight[c] +
    /// bias[c]` (a missing bias counts as zero); without, `y = xhat`.
    static func forward(
        _ x: UnsafePointer<Float>, layout: NormalizationLayout, eps: Float,
        weight: UnsafePointer<Float>?, bias: UnsafePointer<Float>?,
        y: UnsafeMutablePointer<Float>, xhat: UnsafeMutablePointer<Float>,
        mean: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>,
        invstd: UnsafeMutablePointer<Float>
    ) {
        let n = layout.groupSize, span = layout.span, perGroup = layout.channelsPerGroup
        guard n > 0 else { return }
        for r in 0..<layout.groups {
            let xs = x + r * n, xh = xhat + r * n, ys = y + r * n
            // mean = Σ x / n
            var sum = 0.0
            for j in 0..<n { sum += Double(xs[j]) }
            let mu = Float(sum / Double(n))
            // var = Σ (x - mean)² / n   (biased; second pass over the deviations)
            var squares = 0.0
            for j in 0..<n {
                let d = xs[j] - mu
                squares += Double(d * d)
            }
            let v = Float(squares / Double(n))
            // invstd = 1 / sqrt(var + eps)
            let istd = 1 / (v + eps).squareRoot()
            mean[r] = mu
            variance[r] = v
            invstd[r] = istd
            let firstChannel = (r % layout.groupsPerSample) * perGroup
            for ci in 0..<perGroup {
                let base = ci * span
                if let weight {
                    // y = xhat * gamma[c] + beta[c]
                    let w = weight[firstChannel + ci]
                    let b = bias?[firstChannel + ci] ?? 0
                    for s in base..<(base + span) {
                        let h = (xs[s] - mu) * istd
                        xh[s] = h
                        ys[s] = h * w + b
                    }
                } else {
                    // y = xhat = (x - mean) * invstd
                    for s in base..<(base + span) {
                        let h = (xs[s] - mu) * istd
                        xh[s] = h
                        ys[s] = h
                    }
                }
            }
        }
    }

    /// Back-propagates through the normalization of every group.
    ///
    /// Per group of n values, with `gh = g * gamma[c]` (gamma = 1 without affine):
    /// `dx = invstd * (gh - mean(gh) - xhat * mean(gh * xhat))`; per channel (when the pointers
    /// are given) `dgamma[c] += Σ g * xhat`, `dbeta[c] += Σ g`, summed over every element that
    /// uses entry c.
    static func backward(
        _ g: UnsafePointer<Float>, xhat: UnsafePointer<Float>, invstd: UnsafePointer<Float>,
        layout: NormalizationLayout, weight: UnsafePointer<Float>?,
        dx: UnsafeMutablePointer<Float>?,
        dweight: UnsafeMutablePointer<Float>?, dbias: UnsafeMutablePointer<Float>?
    ) {
        let n = layout.groupSize, span = layout.span, perGroup = layout.channelsPerGroup
        guard n > 0 else { return }
        for r in 0..<layout.groups {
            let gs = g + r * n, xh = xhat + r * n
            let firstChannel = (r % layout.groupsPerSample) * perGroup
            // Σ gh = Σ_c gamma[c] Σ g and Σ gh·xhat = Σ_c gamma[c] Σ g·xhat, from per-channel sums.
            var sumGh = 0.0, sumGhXhat = 0.0
            for ci in 0..<perGroup {
                let base = ci * span
                var sumG = 0.0, sumGXhat = 0.0
                for s in base..<(base + span) {
                    sumG += Double(gs[s])
                    sumGXhat += Double(gs[s] * xh[s])
                }
                // dgamma += Σ g * xhat, dbeta += Σ g
                dweight?[firstChannel + ci] += Float(sumGXhat)
                dbias?[firstChannel + ci] += Float(sumG)
                let w = Double(weight?[firstChannel + ci] ?? 1)
                sumGh += w * sumG
                sumGhXhat += w * sumGXhat
            }
            guard let dx else { continue }
            let ds = dx + r * n
            let istd = invstd[r]
            let meanGh = Float(sumGh / Double(n))
            let meanGhXhat = Float(sumGhXhat / Double(n))
            for ci in 0..<perGroup {
                let base = ci * span
                let w = weight?[firstChannel + ci] ?? 1
                // dx = invstd * (gh - mean(gh) - xhat * mean(gh * xhat))
                for s in base..<(base + span) {
                    ds[s] = istd * (gs[s] * w - meanGh - xh[s] * meanGhXhat)
                }
            }
        }
    }

    /// Calls `body` with a pointer to `array`'s elements, or with nil when there is no array.
    @inline(__always)
    static func withPointer<R>(_ array: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
        guard let array else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

extension GroupedNormalization {
    /// `forward` over Swift arrays: writes y (returned), and xhat, mean, variance and invstd
    /// (resized to the layout when needed) for the backward pass.
    static func forward(_ x: Tensor, layout: NormalizationLayout, eps: Double, weight: [Float]?, bias: [Float]?,
                        xhat: inout [Float], mean: inout [Float], variance: inout [Float],
                        invstd: inout [Float]) -> Tensor {
        if xhat.count != x.count { xhat = [Float](repeating: 0, count: x.count) }
        if invstd.count != layout.groups {
            invstd = [Float](repeating: 0, count: layout.groups)
            mean = invstd
            variance = invstd
        }
        var y = Tensor(zeros: x.shape)
        x.data.withUnsafeBufferPointer { xp in
        y.data.withUnsafeMutableBufferPointer { yp in
        xhat.withUnsafeMutableBufferPointer { hp in
        mean.withUnsafeMutableBufferPointer { mp in
        variance.withUnsafeMutableBufferPointer { vp in
        invstd.withUnsafeMutableBufferPointer { ip in
        withPointer(weight) { wp in
        withPointer(bias) { bp in
            forward(xp.baseAddress!, layout: layout, eps: Float(eps), weight: wp, bias: bp,
                    y: yp.baseAddress!, xhat: hp.baseAddress!, mean: mp.baseAddress!,
                    variance: vp.baseAddress!, invstd: ip.baseAddress!)
        }}}}}}}}
        return y
    }

    /// `backward` over Swift arrays: dx of `inputShape`, and the weight and bias gradients
    /// (`parameterCount` values each; empty when the layer has no weight).
    static func backward(_ g: Tensor, inputShape: [Int], xhat: [Float], invstd: [Float],
                         layout: NormalizationLayout, weight: [Float]?,
                         parameterCount: Int) -> (dx: Tensor, dweight: [Float], dbias: [Float]) {
        var dx = Tensor(zeros: inputShape)
        var dw = [Float](repeating: 0, count: weight == nil ? 0 : parameterCount)
        var db = dw
        guard dx.count > 0 else { return (dx, dw, db) }
        g.data.withUnsafeBufferPointer { gp in
        xhat.withUnsafeBufferPointer { hp in
        invstd.withUnsafeBufferPointer { ip in
        dx.data.withUnsafeMutableBufferPointer { dxp in
        dw.withUnsafeMutableBufferPointer { dwp in
        db.withUnsafeMutableBufferPointer { dbp in
        withPointer(weight) { wp in
            backward(gp.baseAddress!, xhat: hp.baseAddress!, invstd: ip.baseAddress!, layout: layout, weight: wp,
                     dx: dxp.baseAddress, dweight: dwp.isEmpty ? nil : dwp.baseAddress,
                     dbias: dbp.isEmpty ? nil : dbp.baseAddress)
        }}}}}}}
        return (dx, dw, db)
    }
}
