/// A 2D convolution (PyTorch's `nn.Conv2d`, groups = 1, dilation = 1, zero padding).
///
/// Input (N, C, H, W) or unbatched (C, H, W); weight (O, C, kH, kW); output (N, O, OH, OW) with
/// `OH = (H + 2·pH - kH) / sH + 1`, likewise OW.
///
/// The minibatch is lowered, a block of samples at a time, to a matrix (im2col) with a row per
/// (c, ki, kj) and a column per output position (n, i, j), so each direction is one `BLAS.gemm`
/// per block: `Y = W · col`, `dW += G · colᵀ`, `dcol = Wᵀ · G`, and `dx = col2im(dcol)`, where W
/// is the weight viewed as (O, C·kH·kW) and G the block's output gradient in the same column
/// order. Blocks are sized so that their matrices stay in the core's cache from one step to the
/// next; backward lowers each block again from the saved input rather than keeping the whole
/// minibatch's matrix.
///
/// With stride 1 and no padding the lowering is *wide*: a sample's columns are the positions
/// i·W + j for j < W (not only j < OW), so each im2col row is one contiguous run of an input
/// plane. The W - OW extra columns per output row are no output: their products are dropped
/// from `Y`; for backward they are zero in `G` and in `col` (so they add nothing to dW, even
/// against infinite inputs) and cleared in `dcol` before col2im (so nothing reaches dx, even
/// from infinite weights).
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
    private var geometry = Geometry(batch: 0, channels: 0, height: 0, width: 0, outHeight: 0, outWidth: 0,
                                   wide: false)
    /// The last input, lowered again block by block for the weight gradient.
    private var input = Tensor(zeros: [0])
    /// Scratch for one block of samples: im2col, (C·kH·kW) × (block columns).
    private var columns: [Float] = []
    /// Scratch: the block's gemm output, or its output gradient, in column order: O × (block columns).
    private var channelMajor: [Float] = []
    /// Scratch: the gradient of `columns`, before col2im.
    private var columnGradient: [Float] = []

    /// The number of floats of one block's im2col matrix to aim for: with the block's other
    /// matrices, well inside a core's L2 cache.
    private static let blockColumnsBudget = 32 * 1024

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

    /// Sizes of one forward pass (or of one block of it) and its column layout.
    struct Geometry {
        var batch: Int, channels: Int, height: Int, width: Int, outHeight: Int, outWidth: Int
        /// Whether the lowering is wide (stride 1, no padding; see the type's documentation).
        var wide: Bool
        /// Output positions per sample, OH·OW.
        var plane: Int { outHeight * outWidth }
        /// Columns per output row: W when wide, else OW.
        var rowStride: Int { wide ? width : outWidth }
        /// Columns per sample, OH · rowStride.
        var span: Int { outHeight * rowStride }
        /// Columns of the im2col matrix, N · span.
        var columns: Int { batch * span }
        /// Input elements per sample, C·H·W.
        var inputSample: Int { channels * height * width }
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
                           outHeight: (paddedHeight - kh) / sh + 1, outWidth: (paddedWidth - kw) / sw + 1,
                           wide: stride == (1, 1) && padding == (0, 0))
        geometry = geo
        input = x
        let outShape = [geo.batch, outChannels, geo.outHeight, geo.outWidth]
        let shape = x.rank == 4 ? outShape : Array(outShape.dropFirst())
        guard geo.columns > 0 else { return Tensor(zeros: shape) }

        let k = patchSize, o = outChannels
        let blockSize = samplesPerBlock(geo)
        resize(&columns, to: k * blockSize * geo.span)
        resize(&channelMajor, to: o * blockSize * geo.span)
        let biasValues = bias?.value.data ?? [Float](repeating: 0, count: o)
        // Every element of y is written by some block: no zero fill.
        return Tensor(shape: shape) { yp in
            x.data.withUnsafeBufferPointer { xp in
            weight.value.data.withUnsafeBufferPointer { wp in
            columns.withUnsafeMutableBufferPointer { cp in
            channelMajor.withUnsafeMutableBufferPointer { mp in
            biasValues.withUnsafeBufferPointer { bp in
                for first in Swift.stride(from: 0, to: geo.batch, by: blockSize) {
                    var block = geo
                    block.batch = min(blockSize, geo.batch - first)
                    let cols = block.columns
                    lower(xp.baseAddress! + first * geo.inputSample, block, into: cp.baseAddress!,
                          clearingExtraColumns: false)
                    // Ycm (O × cols) = W (O × K) · col (K × cols)
                    BLAS.gemm(transA: false, transB: false, m: o, n: cols, k: k,
                              a: wp.baseAddress!, lda: k, b: cp.baseAddress!, ldb: cols,
                              c: mp.baseAddress!, ldc: cols)
                    Conv2d.unpackOutput(mp.baseAddress!, block, bias: bp.baseAddress!, outChannels: o,
                                        into: yp.baseAddress! + first * o * geo.plane)
                }
            }}}}}
        }
    }

    /// `dW += G · colᵀ`, `db += Σ_{n,i,j} g`, `dx = col2im(Wᵀ · G)`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        backward(g, inputGradient: true)!
    }

    /// Accumulates dW and db only (no input gradient: the first layer of a network).
    public override func backwardParameters(_ g: Tensor) throws {
        _ = backward(g, inputGradient: false)
    }

    /// Block by block: lowers the saved input again, reorders g into G (O × block columns)
    /// summing db on the way, `dW (O × K) += G · colᵀ`, and, when `inputGradient`,
    /// `dcol (K × block columns) = Wᵀ · G` and `dx = col2im(dcol)` for the block's samples.
    private func backward(_ g: Tensor, inputGradient: Bool) -> Tensor? {
        let geo = geometry, k = patchSize, o = outChannels, plane = geo.plane
        precondition(g.count == o * geo.batch * plane, "gradient \(g.shape) for a conv2d output of \(o * geo.batch * plane) elements")
        guard geo.columns > 0 else {
            weight.accumulate(Tensor(zeros: weight.value.shape))
            bias?.accumulate(Tensor(zeros: [o]))
            return inputGradient ? Tensor(zeros: input.shape) : nil
        }
        let blockSize = samplesPerBlock(geo)
        resize(&columns, to: k * blockSize * geo.span)
        resize(&channelMajor, to: o * blockSize * geo.span)
        if inputGradient { resize(&columnGradient, to: k * blockSize * geo.span) }
        var biasGradient = [Float](repeating: 0, count: o)

        /// The block of samples from `first`; `dx` is the whole input gradient, or nil.
        func backwardBlock(_ first: Int, dx: UnsafeMutablePointer<Float>?) {
            var block = geo
            block.batch = min(blockSize, geo.batch - first)
            let cols = block.columns
            input.data.withUnsafeBufferPointer { xp in
            columns.withUnsafeMutableBufferPointer { cp in
            channelMajor.withUnsafeMutableBufferPointer { mp in
            g.data.withUnsafeBufferPointer { gp in
            biasGradient.withUnsafeMutableBufferPointer { dbp in
                lower(xp.baseAddress! + first * geo.inputSample, block, into: cp.baseAddress!,
                      clearingExtraColumns: true)
                Conv2d.packGradient(gp.baseAddress! + first * o * plane, block, outChannels: o,
                                    into: mp.baseAddress!, biasGradient: dbp.baseAddress!)
                // dW (O × K) += G (O × cols) · colᵀ (cols × K)
                weight.withGradient { dw, overwrite in
                    BLAS.gemm(transA: false, transB: true, m: o, n: k, k: cols,
                              a: mp.baseAddress!, lda: cols, b: cp.baseAddress!, ldb: cols,
                              beta: overwrite ? 0 : 1, c: dw.baseAddress!, ldc: k)
                }
                guard let dx else { return }
                weight.value.data.withUnsafeBufferPointer { wp in
                columnGradient.withUnsafeMutableBufferPointer { dp in
                    // dcol (K × cols) = Wᵀ (K × O) · G (O × cols)
                    BLAS.gemm(transA: true, transB: false, m: k, n: cols, k: o,
                              a: wp.baseAddress!, lda: k, b: mp.baseAddress!, ldb: cols,
                              c: dp.baseAddress!, ldc: cols)
                    // dx[n, c, i·sH - pH + ki, j·sW - pW + kj] += dcol[(c, ki, kj), (n, i, j)]
                    let dxBlock = dx + first * geo.inputSample
                    dxBlock.update(repeating: 0, count: block.batch * geo.inputSample)
                    raise(dp.baseAddress!, block, into: dxBlock)
                }}
            }}}}}
        }

        var dx: Tensor? = nil
        if inputGradient {
            // Each block zeroes and fills its own samples: no zero fill up front.
            dx = Tensor(shape: input.shape) { dxp in
                for first in Swift.stride(from: 0, to: geo.batch, by: blockSize) {
                    backwardBlock(first, dx: dxp.baseAddress!)
                }
            }
        } else {
            for first in Swift.stride(from: 0, to: geo.batch, by: blockSize) { backwardBlock(first, dx: nil) }
        }
        bias?.accumulate(Tensor(shape: [o], data: biasGradient))
        return dx
    }

    /// How many samples one block holds: as many as keep its im2col matrix within
    /// `blockColumnsBudget` floats, at least one.
    private func samplesPerBlock(_ geo: Geometry) -> Int {
        max(1, min(geo.batch, Conv2d.blockColumnsBudget / max(patchSize * geo.span, 1)))
    }

    // MARK: - Kernels

    /// Resizes a scratch buffer (its contents are overwritten by every user).
    private func resize(_ buffer: inout [Float], to count: Int) {
        if buffer.count != count { buffer = [Float](repeating: 0, count: count) }
    }

    /// im2col of one block, wide or not. Forward may leave wide lowering's extra columns as
    /// they come (their products are dropped); the weight gradient needs them zero.
    private func lower(_ x: UnsafePointer<Float>, _ geo: Geometry, into col: UnsafeMutablePointer<Float>,
                       clearingExtraColumns: Bool) {
        if geo.wide {
            Conv2d.im2colWide(x, geo, kernel: kernelSize, into: col, clearingExtraColumns: clearingExtraColumns)
        } else {
            Conv2d.im2col(x, geo, kernel: kernelSize, stride: stride, padding: padding, into: col)
        }
    }

    /// col2im of one block, wide or not, into zeroed `dx`.
    private func raise(_ dcol: UnsafeMutablePointer<Float>, _ geo: Geometry, into dx: UnsafeMutablePointer<Float>) {
        if geo.wide {
            Conv2d.col2imWide(dcol, geo, kernel: kernelSize, into: dx)
        } else {
            Conv2d.col2im(dcol, geo, kernel: kernelSize, stride: stride, padding: padding, into: dx)
        }
    }

    /// `y[n, o, i, j] = Ycm[o, (n, i, j)] + b[o]` for the block's samples (y points at the
    /// block's first sample); wide lowering's extra columns are skipped.
    private static func unpackOutput(_ ycm: UnsafePointer<Float>, _ geo: Geometry, bias: UnsafePointer<Float>,
                                     outChannels o: Int, into y: UnsafeMutablePointer<Float>) {
        let cols = geo.columns, span = geo.span, stride = geo.rowStride, ow = geo.outWidth, plane = geo.plane
        for n in 0..<geo.batch {
            for oc in 0..<o {
                let from = ycm + oc * cols + n * span, to = y + (n * o + oc) * plane
                if stride == ow {
                    FloatKernels.copy(from: from, to: to, count: plane, adding: bias[oc])
                } else {
                    for i in 0..<geo.outHeight {
                        FloatKernels.copy(from: from + i * stride, to: to + i * ow, count: ow, adding: bias[oc])
                    }
                }
            }
        }
    }

    /// `G[o, (n, i, j)] = g[n, o, i, j]` for the block's samples (g points at the block's first
    /// sample), zero in wide lowering's extra columns; `db[o] += Σ_{i,j} g[n, o, i, j]` per sample.
    private static func packGradient(_ g: UnsafePointer<Float>, _ geo: Geometry, outChannels o: Int,
                                     into gcm: UnsafeMutablePointer<Float>, biasGradient db: UnsafeMutablePointer<Float>) {
        let cols = geo.columns, span = geo.span, stride = geo.rowStride, ow = geo.outWidth, plane = geo.plane
        for n in 0..<geo.batch {
            for oc in 0..<o {
                let from = g + (n * o + oc) * plane
                db[oc] += FloatKernels.sum(from, count: plane)
                let to = gcm + oc * cols + n * span
                if stride == ow {
                    FloatKernels.copy(from: from, to: to, count: plane)
                } else {
                    for i in 0..<geo.outHeight {
                        FloatKernels.copy(from: from + i * ow, to: to + i * stride, count: ow)
                    }
                    FloatKernels.clearColumns(to, rows: geo.outHeight, stride: stride, columns: ow..<stride)
                }
            }
        }
    }
}
