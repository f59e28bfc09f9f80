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
