/// A 2D convolution (PyTorch's `nn.Conv2d`, groups = 1, dilation = 1, zero padding).
///
/// Input (N, C, H, W) or unbatched (C, H, W); weight (O, C, kH, kW); output (N, O, OH, OW) with
/// `OH = (H + 2·pH - kH) / sH + 1`, likewise OW.
///
/// The whole minibatch is lowered to one matrix (im2col) with a row per (c, ki, kj) and a column
/// per (n, oh, ow), so each direction is a single `BLAS.gemm`:
/// `Y = W · col`, `dW += G · colᵀ`, `dcol = Wᵀ · G`, and `dx = col2im(dcol)`, where W is the
/// weight viewed as (O, C·kH·kW) and G the output gradient viewed as (O, N·OH·OW).
///
/// PyTorch's default initialization: weight and bias ~ U(-1/√fan_in, 1/√fan_in) with
/// fan_in = C·kH·kW, the weight drawn before the bias.
///
/// ```swift
/// let conv = Conv2d(1, 6, kernelSize: 3, rng: rng)
/// let y = try conv.forward(Tensor(zeros: [64, 1, 28, 28]))   // shape [64, 6, 26, 26]
/// ```
public final class Conv2d: Module {
    /// The weight, shape (out, in, kH, kW).
    public let weight: Parameter
    /// The bias, shape (out), or nil (`bias=False`, as before a BatchNorm).
    public let bias: Parameter?
    /// Input and output channels.
    public let inChannels: Int, outChannels: Int
    /// Kernel height and width.
    public let kernelSize: (Int, Int)
    /// Step between windows, vertically and horizontally.
    public let stride: (Int, Int)
    /// Zero padding on each side, vertically and horizontally.
    public let padding: (Int, Int)

    /// The geometry of the last forward (batch, channels, sizes), for backward.
    private var geometry = Geometry(batch: 0, channels: 0, height: 0, width: 0, outHeight: 0, outWidth: 0)
    private var inputShape: [Int] = []
    /// im2col of the last input: (C·kH·kW) × (N·OH·OW), kept for the weight gradient.
    private var columns: [Float] = []
    /// Channel-major output of the gemm / permuted output gradient: O × (N·OH·OW).
    private var channelMajor: [Float] = []
    /// The gradient of `columns`, before col2im.
    private var columnGradient: [Float] = []

    /// A convolution from `inChannels` to `outChannels` with a kH×kW kernel, initialized from
    /// `rng` (weight first, then bias).
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), bias: Bool = true, rng: RandomSource) {
        precondition(inChannels > 0 && outChannels > 0, "channel counts must be positive")
        precondition(kernelSize.0 > 0 && kernelSize.1 > 0, "kernel size must be positive")
        precondition(stride.0 > 0 && stride.1 > 0, "non-positive stride is not supported")
        precondition(padding.0 >= 0 && padding.1 >= 0, "negative padding is not supported")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        let fanIn = inChannels * kernelSize.0 * kernelSize.1
        // kaiming_uniform(a=√5) on the weight and the bias rule both give U(-1/√fan_in, 1/√fan_in).
        let bound = 1 / Float(fanIn).squareRoot()
        weight = Parameter(rng.uniform(shape: [outChannels, inChannels, kernelSize.0, kernelSize.1],
                                       low: -bound, high: bound))
        self.bias = bias ? Parameter(rng.uniform(shape: [outChannels], low: -bound, high: bound)) : nil
        super.init()
    }

    /// A convolution with a square kernel, stride and padding.
    public convenience init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1,
                            padding: Int = 0, bias: Bool = true, rng: RandomSource) {
        self.init(inChannels, outChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
                  padding: (padding, padding), bias: bias, rng: rng)
    }

    /// `weight`, then `bias` when there is one (PyTorch's state-dict order).
    public override var stateEntries: [StateEntry] {
        [.parameter("weight", weight)] + (bias.map { [.parameter("bias", $0)] } ?? [])
    }

    /// `Conv2d(1, 6, kernel_size=3)`, with stride, padding and bias when not the defaults.
    public override var summary: String {
        func pair(_ p: (Int, Int)) -> String { p.0 == p.1 ? "\(p.0)" : "(\(p.0), \(p.1))" }
        var text = "Conv2d(\(inChannels), \(outChannels), kernel_size=\(pair(kernelSize))"
        if stride != (1, 1) { text += ", stride=\(pair(stride))" }
        if padding != (0, 0) { text += ", padding=\(pair(padding))" }
        if bias == nil { text += ", bias=False" }
        return text + ")"
    }

    /// Sizes of one forward pass.
    struct Geometry {
        var batch: Int, channels: Int, height: Int, width: Int, outHeight: Int, outWidth: Int
        /// Output positions per sample, OH·OW.
        var plane: Int { outHeight * outWidth }
        /// Columns of the im2col matrix, N·OH·OW.
        var columns: Int { batch * plane }
    }

    /// The number of rows of the im2col matrix, C·kH·kW.
    private var patchSize: Int { inChannels * kernelSize.0 * kernelSize.1 }

    /// `y[n, o, i, j] = b[o] + Σ_{c,ki,kj} W[o, c, ki, kj] · x[n, c, i·sH - pH + ki, j·sW - pW + kj]`
    /// (zero outside the input), computed as `Y = W · im2col(x)`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        guard x.rank == 3 || x.rank == 4 else {
            throw CoreError.runtime("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [\(x.shape.map(String.init).joined(separator: ", "))]")
        }
        let shape4 = x.rank == 4 ? x.shape : [1] + x.shape
        guard shape4[1] == inChannels else {
            let weightShape = weight.value.shape.map(String.init).joined(separator: ", ")
            let inputSizes = shape4.map(String.init).joined(separator: ", ")
            throw CoreError.runtime("Given groups=1, weight of size [\(weightShape)], expected input[\(inputSizes)] to have \(inChannels) channels, but got \(shape4[1]) channels instead")
        }
        let (kh, kw) = kernelSize, (sh, sw) = stride, (ph, pw) = padding
        let paddedHeight = shape4[2] + 2 * ph, paddedWidth = shape4[3] + 2 * pw
        guard paddedHeight >= kh && paddedWidth >= kw else {
            throw CoreError.runtime("Calculated padded input size per channel: (\(paddedHeight) x \(paddedWidth)). Kernel size: (\(kh) x \(kw)). Kernel size can't be greater than actual input size")
        }
        let geo = Geometry(batch: shape4[0], channels: inChannels, height: shape4[2], width: shape4[3],
                           outHeight: (paddedHeight - kh) / sh + 1, outWidth: (paddedWidth - kw) / sw + 1)
        geometry = geo
        inputShape = x.shape
        let outShape = [geo.batch, outChannels, geo.outHeight, geo.outWidth]
        let shape = x.rank == 4 ? outShape : Array(outShape.dropFirst())
        guard geo.columns > 0 else { return Tensor(zeros: shape) }

        let k = patchSize, cols = geo.columns, o = outChannels
        resize(&columns, to: k * cols)
        resize(&channelMajor, to: o * cols)
        x.data.withUnsafeBufferPointer { xp in
            columns.withUnsafeMutableBufferPointer { cp in
                Conv2d.im2col(xp.baseAddress!, geo, kernel: kernelSize, stride: stride, padding: padding,
                              into: cp.baseAddress!)
            }
        }
        // Ycm (O × N·L) = W (O × K) · col (K × N·L)
        weight.value.data.withUnsafeBufferPointer { wp in
            columns.withUnsafeBufferPointer { cp in
                channelMajor.withUnsafeMutableBufferPointer { yp in
                    BLAS.gemm(transA: false, transB: false, m: o, n: cols, k: k,
                              a: wp.baseAddress!, lda: k, b: cp.baseAddress!, ldb: cols,
                              c: yp.baseAddress!, ldc: cols)
                }
            }
        }
        // y[n, o, :] = Ycm[o, n·L ..< (n+1)·L] + b[o]  (every element written: no zero fill)
        let plane = geo.plane
        let biasValues = bias?.value.data ?? [Float](repeating: 0, count: o)
        let data = [Float](unsafeUninitializedCapacity: o * cols) { out, initialized in
            channelMajor.withUnsafeBufferPointer { sp in
                let src = sp.baseAddress!, dst = out.baseAddress!
                for n in 0..<geo.batch {
                    for oc in 0..<o {
                        let from = src + oc * cols + n * plane
                        let to = dst + (n * o + oc) * plane
                        let b = biasValues[oc]
                        for i in 0..<plane { to[i] = from[i] + b }
                    }
                }
            }
            initialized = o * cols
        }
        return Tensor(shape: shape, data: data)
    }

    /// `dW += G · colᵀ`, `db += Σ_{n,i,j} g`, `dx = col2im(Wᵀ · G)`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        accumulateParameterGradients(g)
        var dx = Tensor(zeros: inputShape)
        let geo = geometry, k = patchSize, cols = geo.columns
        guard cols > 0 else { return dx }
        resize(&columnGradient, to: k * cols)
        // dcol (K × N·L) = Wᵀ (K × O) · G (O × N·L)
        weight.value.data.withUnsafeBufferPointer { wp in
            channelMajor.withUnsafeBufferPointer { gp in
                columnGradient.withUnsafeMutableBufferPointer { dp in
                    BLAS.gemm(transA: true, transB: false, m: k, n: cols, k: outChannels,
                              a: wp.baseAddress!, lda: k, b: gp.baseAddress!, ldb: cols,
                              c: dp.baseAddress!, ldc: cols)
                }
            }
        }
        // dx[n, c, i·sH - pH + ki, j·sW - pW + kj] += dcol[(c, ki, kj), (n, i, j)]
        columnGradient.withUnsafeBufferPointer { dp in
            dx.data.withUnsafeMutableBufferPointer { xp in
                Conv2d.col2im(dp.baseAddress!, geo, kernel: kernelSize, stride: stride, padding: padding,
                              into: xp.baseAddress!)
            }
        }
        return dx
    }

    /// Accumulates dW and db only (no input gradient: the first layer of a network).
    public override func backwardParameters(_ g: Tensor) throws {
        accumulateParameterGradients(g)
    }

    /// Permutes g to channel-major G (O × N·L) into `channelMajor`, summing db on the way, then
    /// `dW (O × K) += G · colᵀ`.
    private func accumulateParameterGradients(_ g: Tensor) {
        let geo = geometry, k = patchSize, cols = geo.columns, o = outChannels, plane = geo.plane
        precondition(g.count == o * cols, "gradient \(g.shape) for a conv2d output of \(o * cols) elements")
        guard cols > 0 else {
            weight.accumulate(Tensor(zeros: weight.value.shape))
            bias?.accumulate(Tensor(zeros: [o]))
            return
        }
        resize(&channelMajor, to: o * cols)
        var biasGradient = [Float](repeating: 0, count: o)
        g.data.withUnsafeBufferPointer { gp in
            channelMajor.withUnsafeMutableBufferPointer { cp in
                let src = gp.baseAddress!, dst = cp.baseAddress!
                for n in 0..<geo.batch {
                    for oc in 0..<o {
                        let from = src + (n * o + oc) * plane
                        let to = dst + oc * cols + n * plane
                        to.update(from: from, count: plane)
                        // db[o] += Σ_{i,j} g[n, o, i, j]
                        biasGradient[oc] += Conv2d.sum(from, count: plane)
                    }
                }
            }
        }
        // dW (O × K) += G (O × N·L) · colᵀ (N·L × K)
        channelMajor.withUnsafeBufferPointer { gp in
            columns.withUnsafeBufferPointer { cp in
                weight.withGradient { dw, overwrite in
                    BLAS.gemm(transA: false, transB: true, m: o, n: k, k: cols,
                              a: gp.baseAddress!, lda: cols, b: cp.baseAddress!, ldb: cols,
                              beta: overwrite ? 0 : 1, c: dw.baseAddress!, ldc: k)
                }
            }
        }
        bias?.accumulate(Tensor(shape: [o], data: biasGradient))
    }

    // MARK: - Kernels

    /// Resizes a scratch buffer (its contents are overwritten by every user).
    private func resize(_ buffer: inout [Float], to count: Int) {
        if buffer.count != count { buffer = [Float](repeating: 0, count: count) }
    }

    /// `⌊a / b⌋` for b > 0 (Swift's `/` rounds toward zero).
    @inline(__always)
    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// The range of output columns j whose input column `j·s - p + kj` lies in [0, width).
    @inline(__always)
    private static func validColumns(width: Int, outWidth: Int, stride s: Int, padding p: Int,
                                     offset kj: Int) -> Range<Int> {
        // j·s ≥ p - kj  and  j·s ≤ width - 1 + p - kj
        let lo = min(outWidth, max(0, -floorDivide(kj - p, s)))
        let hi = min(outWidth, floorDivide(width - 1 + p - kj, s) + 1)
        return lo < hi ? lo..<hi : lo..<lo
    }

    /// `col[(c, ki, kj), (n, i, j)] = x[n, c, i·sH - pH + ki, j·sW - pW + kj]`, zero outside.
    ///
    /// Row by row of the output: a run of zeros (left padding), the in-bounds input elements
    /// (one vectorized copy when the stride is 1), a run of zeros (right padding).
    static func im2col(_ x: UnsafePointer<Float>, _ geo: Geometry, kernel: (Int, Int), stride: (Int, Int),
                       padding: (Int, Int), into col: UnsafeMutablePointer<Float>) {
        let (kh, kw) = kernel, (sh, sw) = stride, (ph, pw) = padding
        let h = geo.height, w = geo.width, oh = geo.outHeight, ow = geo.outWidth
        let cols = geo.columns, plane = geo.plane
        for c in 0..<geo.channels {
            for ki in 0..<kh {
                for kj in 0..<kw {
                    let row = col + ((c * kh + ki) * kw + kj) * cols
                    let valid = validColumns(width: w, outWidth: ow, stride: sw, padding: pw, offset: kj)
                    let lo = valid.lowerBound, hi = valid.upperBound
                    // Column j reads x[r, j·sW + shift]; j·sW + shift ≥ 0 for j ≥ lo.
                    let shift = kj - pw
                    for n in 0..<geo.batch {
                        let src = x + (n * geo.channels + c) * h * w
                        var dst = row + n * plane
                        for i in 0..<oh {
                            let r = i * sh - ph + ki
                            if r < 0 || r >= h {
                                dst.update(repeating: 0, count: ow)
                            } else {
                                for j in 0..<lo { dst[j] = 0 }
                                let line = src + r * w
                                if sw == 1 {
                                    copy(from: line + (lo + shift), to: dst + lo, count: hi - lo)
                                } else {
                                    for j in lo..<hi { dst[j] = line[j * sw + shift] }
                                }
                                for j in hi..<ow { dst[j] = 0 }
                            }
                            dst += ow
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of im2col: `dx[n, c, i·sH - pH + ki, j·sW - pW + kj] += dcol[(c, ki, kj), (n, i, j)]`
    /// for every in-bounds position; `dx` must start zeroed.
    static func col2im(_ col: UnsafePointer<Float>, _ geo: Geometry, kernel: (Int, Int), stride: (Int, Int),
                       padding: (Int, Int), into dx: UnsafeMutablePointer<Float>) {
        let (kh, kw) = kernel, (sh, sw) = stride, (ph, pw) = padding
        let h = geo.height, w = geo.width, oh = geo.outHeight, ow = geo.outWidth
        let cols = geo.columns, plane = geo.plane
        for c in 0..<geo.channels {
            for ki in 0..<kh {
                for kj in 0..<kw {
                    let row = col + ((c * kh + ki) * kw + kj) * cols
                    let valid = validColumns(width: w, outWidth: ow, stride: sw, padding: pw, offset: kj)
                    let lo = valid.lowerBound, hi = valid.upperBound
                    let shift = kj - pw
                    for n in 0..<geo.batch {
                        let dst = dx + (n * geo.channels + c) * h * w
                        var src = row + n * plane
                        for i in 0..<oh {
                            let r = i * sh - ph + ki
                            if r >= 0 && r < h {
                                let line = dst + r * w
                                if sw == 1 {
                                    add(src + lo, into: line + (lo + shift), count: hi - lo)
                                } else {
                                    for j in lo..<hi { line[j * sw + shift] += src[j] }
                                }
                            }
                            src += ow
                        }
                    }
                }
            }
        }
    }

    /// Copies `count` floats eight at a time; a short row tail is covered by one overlapping
    /// eight-wide copy instead of a scalar loop.
    @inline(__always)
    static func copy(from src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int) {
        guard count >= 8 else {
            for j in 0..<count { dst[j] = src[j] }
            return
        }
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        var j = 0
        while j + 8 <= count {
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self),
                         toByteOffset: j * 4, as: SIMD8<Float>.self)
            j += 8
        }
        if j < count {
            let t = (count - 8) * 4
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: t, as: SIMD8<Float>.self),
                         toByteOffset: t, as: SIMD8<Float>.self)
        }
    }

    /// `dst[j] += src[j]` for `count` floats, eight at a time.
    @inline(__always)
    static func add(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int) {
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        var j = 0
        while j + 8 <= count {
            let sum = s.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
                + UnsafeRawPointer(d).loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            d.storeBytes(of: sum, toByteOffset: j * 4, as: SIMD8<Float>.self)
            j += 8
        }
        while j < count {
            dst[j] += src[j]
            j += 1
        }
    }

    /// The sum of `count` floats, with eight independent accumulators.
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, count: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= count {
            acc += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var total = acc.sum()
        while i < count {
            total += p[i]
            i += 1
        }
        return total
    }
}
