/// 2D max pooling (PyTorch's `nn.MaxPool2d`, floor mode, no dilation).
///
/// Input (N, C, H, W) or unbatched (C, H, W); output (…, OH, OW) with
/// `OH = (H + 2·pH - kH) / sH + 1` (floor), likewise OW. Padding counts as -inf, so a window
/// never picks it. Backward routes each output gradient to the position of its window's
/// maximum — the first in scan order on ties, a NaN wins — as PyTorch's CPU kernel does.
///
/// ```swift
/// let pool = MaxPool2d(kernelSize: 2)
/// let y = try pool.forward(Tensor(zeros: [64, 6, 26, 26]))   // shape [64, 6, 13, 13]
/// ```
public final class MaxPool2d: Module {
    /// Window height and width.
    public let kernelSize: (Int, Int)
    /// Step between windows, vertically and horizontally.
    public let stride: (Int, Int)
    /// Implicit -inf padding on each side, vertically and horizontally.
    public let padding: (Int, Int)

    private var inputShape: [Int] = []
    /// Per output element, the flat index of its maximum within its (n, c) input plane.
    private var argmax: [Int32] = []
    private var outputPlane = 0

    /// A pooling layer; `stride` defaults to the kernel size.
    public init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) {
        precondition(kernelSize.0 > 0 && kernelSize.1 > 0, "kernel size should be greater than zero")
        precondition((stride?.0 ?? 1) > 0 && (stride?.1 ?? 1) > 0, "stride should be greater than zero")
        precondition(padding.0 >= 0 && padding.1 >= 0, "pad must be non-negative")
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        super.init()
    }

    /// A pooling layer with square windows; `stride` defaults to the kernel size.
    public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) },
                  padding: (padding, padding))
    }

    /// No parameters, buffers or counters.
    public override var stateEntries: [StateEntry] { [] }

    /// `MaxPool2d(kernel_size=2, stride=2)`, plus the padding when there is some.
    public override var summary: String {
        func pair(_ p: (Int, Int)) -> String { p.0 == p.1 ? "\(p.0)" : "(\(p.0), \(p.1))" }
        var text = "MaxPool2d(kernel_size=\(pair(kernelSize)), stride=\(pair(stride))"
        if padding != (0, 0) { text += ", padding=\(pair(padding))" }
        return text + ")"
    }

    /// `y[n, c, i, j] = max over the window at (i·sH - pH, j·sW - pW) of x[n, c, ·, ·]`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        guard x.rank == 3 || x.rank == 4 else {
            throw CoreError.runtime("non-empty 3D or 4D (batch mode) tensor expected for input")
        }
        let (kh, kw) = kernelSize, (sh, sw) = stride, (ph, pw) = padding
        let h = x.shape[x.rank - 2], w = x.shape[x.rank - 1], c = x.shape[x.rank - 3]
        let planes = x.count / max(h * w, 1)
        for (pad, k) in [(ph, kh), (pw, kw)] where pad > k / 2 {
            throw CoreError.runtime("pad should be at most half of effective kernel size, but got pad=\(pad), kernel_size=\(k) and dilation=1")
        }
        let oh = floorDivide(h + 2 * ph - kh, sh) + 1
        let ow = floorDivide(w + 2 * pw - kw, sw) + 1
        guard oh >= 1 && ow >= 1 else {
            throw CoreError.runtime("Given input size: (\(c)x\(h)x\(w)). Calculated output size: (\(c)x\(oh)x\(ow)). Output size is too small")
        }
        inputShape = x.shape
        outputPlane = oh * ow
        var y = Tensor(zeros: Array(x.shape.dropLast(2)) + [oh, ow])
        if argmax.count != y.count { argmax = [Int32](repeating: 0, count: y.count) }
        guard y.count > 0 else { return y }
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { yp in
                argmax.withUnsafeMutableBufferPointer { ap in
                    for plane in 0..<planes {
                        let src = xp.baseAddress! + plane * h * w
                        let dst = yp.baseAddress! + plane * outputPlane
                        let arg = ap.baseAddress! + plane * outputPlane
                        for i in 0..<oh {
                            let h0 = i * sh - ph
                            let hStart = max(h0, 0), hEnd = min(h0 + kh, h)
                            for j in 0..<ow {
                                let w0 = j * sw - pw
                                let wStart = max(w0, 0), wEnd = min(w0 + kw, w)
                                // PyTorch: start at -inf on the first in-bounds position and
                                // take `val > maxval || isnan(val)` in scan order.
                                var best = -Float.infinity
                                var bestIndex = hStart * w + wStart
                                for r in hStart..<hEnd {
                                    for s in wStart..<wEnd {
                                        let v = src[r * w + s]
                                        if v > best || v.isNaN {
                                            best = v
                                            bestIndex = r * w + s
                                        }
                                    }
                                }
                                dst[i * ow + j] = best
                                arg[i * ow + j] = Int32(truncatingIfNeeded: bestIndex)
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    /// `⌊a / b⌋` for b > 0 (Swift's `/` rounds toward zero).
    @inline(__always)
    private func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// `dx[argmax(window)] += g` for every output element; zero elsewhere.
    public override func backward(_ g: Tensor) throws -> Tensor {
        precondition(g.count == argmax.count, "gradient \(g.shape) for pooling output of \(argmax.count) elements")
        var dx = Tensor(zeros: inputShape)
        guard g.count > 0 else { return dx }
        let inputPlane = inputShape[inputShape.count - 2] * inputShape[inputShape.count - 1]
        let planes = g.count / outputPlane
        g.data.withUnsafeBufferPointer { gp in
            dx.data.withUnsafeMutableBufferPointer { dp in
                argmax.withUnsafeBufferPointer { ap in
                    for plane in 0..<planes {
                        let dst = dp.baseAddress! + plane * inputPlane
                        let base = plane * outputPlane
                        for o in base..<(base + outputPlane) { dst[Int(ap[o])] += gp[o] }
                    }
                }
            }
        }
        return dx
    }
}
