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
    /// The plane sizes of the last forward.
    private var geometry = Geometry(height: 0, width: 0, outHeight: 0, outWidth: 0)

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
        let outputPlane = oh * ow
        let outputShape = Array(x.shape.dropLast(2)) + [oh, ow]
        let outputCount = planes * outputPlane
        if argmax.count != outputCount { argmax = [Int32](repeating: 0, count: outputCount) }
        guard outputCount > 0 else { return Tensor(zeros: outputShape) }
        let geometry = Geometry(height: h, width: w, outHeight: oh, outWidth: ow)
        self.geometry = geometry
        let halving = kernelSize == (2, 2) && stride == (2, 2) && padding == (0, 0)
        return Tensor(shape: outputShape) { yp in
            x.data.withUnsafeBufferPointer { xp in
                argmax.withUnsafeMutableBufferPointer { ap in
                    for plane in 0..<planes {
                        let src = xp.baseAddress! + plane * h * w
                        let dst = yp.baseAddress! + plane * outputPlane
                        let arg = ap.baseAddress! + plane * outputPlane
                        if halving {
                            MaxPool2d.forwardHalving(src, geometry, into: dst, argmax: arg,
                                                     inputLimit: x.count - plane * h * w,
                                                     outputLimit: outputCount - plane * outputPlane)
                        } else {
                            forwardGeneral(src, geometry, into: dst, argmax: arg)
                        }
                    }
                }
            }
        }
    }

    /// The sizes of one input plane and its output plane.
    struct Geometry {
        var height: Int, width: Int, outHeight: Int, outWidth: Int
    }

    /// One plane, any window: PyTorch's scan over each window in row-major order.
    private func forwardGeneral(_ src: UnsafePointer<Float>, _ geo: Geometry,
                                into dst: UnsafeMutablePointer<Float>, argmax arg: UnsafeMutablePointer<Int32>) {
        let (kh, kw) = kernelSize, (sh, sw) = stride, (ph, pw) = padding
        let h = geo.height, w = geo.width, ow = geo.outWidth
        for i in 0..<geo.outHeight {
            let h0 = i * sh - ph
            let hStart = max(h0, 0), hEnd = min(h0 + kh, h)
            for j in 0..<ow {
                let w0 = j * sw - pw
                let wStart = max(w0, 0), wEnd = min(w0 + kw, w)
                // PyTorch: start at -inf on the first in-bounds position and
                // take `val > maxval || isnan(val)` in scan order.
                var best = -Float.infinity
                var bestIndex = Int32(truncatingIfNeeded: hStart * w + wStart)
                for r in hStart..<hEnd {
                    for s in wStart..<wEnd {
                        let v = src[r * w + s]
                        if v > best || v.isNaN {
                            best = v
                            bestIndex = Int32(truncatingIfNeeded: r * w + s)
                        }
                    }
                }
                dst[i * ow + j] = best
                arg[i * ow + j] = bestIndex
            }
        }
    }

    /// One plane, 2×2 windows with stride 2 and no padding (the common downsampling): the
    /// same scan over (2i, 2j), (2i, 2j+1), (2i+1, 2j), (2i+1, 2j+1), eight windows at a time.
    /// A row of at least eight windows ends with an overlapping block of eight. A shorter row is
    /// one block read and written past its end — into rows that are written later, in order —
    /// while that stays inside the buffers (`inputLimit` floats from `src`, `outputLimit` from
    /// `dst`), else moved lane by lane. A last odd row or column belongs to no window.
    @inline(__always)
    private static func forwardHalving(_ src: UnsafePointer<Float>, _ geo: Geometry,
                                       into dst: UnsafeMutablePointer<Float>, argmax arg: UnsafeMutablePointer<Int32>,
                                       inputLimit: Int, outputLimit: Int) {
        let w = geo.width, ow = geo.outWidth
        let down = Int32(truncatingIfNeeded: w)
        for i in 0..<geo.outHeight {
            let top = src + 2 * i * w, bottom = top + w
            let out = dst + i * ow, outArg = arg + i * ow
            let topIndex = Int32(truncatingIfNeeded: 2 * i * w)
            if ow < 8 && 2 * i * w + w + 16 <= inputLimit && i * ow + 8 <= outputLimit {
                let (best, index) = eightWindows(UnsafeRawPointer(top).loadUnaligned(as: SIMD16<Float>.self),
                                                 UnsafeRawPointer(bottom).loadUnaligned(as: SIMD16<Float>.self),
                                                 first: firstPositions(topIndex), down: down)
                UnsafeMutableRawPointer(out).storeBytes(of: best, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(outArg).storeBytes(of: index, as: SIMD8<Int32>.self)
                continue
            }
            if ow < 8 {
                var upper = SIMD16<Float>(), lower = SIMD16<Float>()
                for k in 0..<(2 * ow) {
                    upper[k] = top[k]
                    lower[k] = bottom[k]
                }
                let (best, index) = eightWindows(upper, lower, first: firstPositions(topIndex), down: down)
                for j in 0..<ow {
                    out[j] = best[j]
                    outArg[j] = index[j]
                }
                continue
            }
            var block = 0
            while block < ow {
                let j = min(block, ow - 8)
                let (best, index) = eightWindows(
                    UnsafeRawPointer(top + 2 * j).loadUnaligned(as: SIMD16<Float>.self),
                    UnsafeRawPointer(bottom + 2 * j).loadUnaligned(as: SIMD16<Float>.self),
                    first: firstPositions(topIndex + Int32(truncatingIfNeeded: 2 * j)), down: down)
                UnsafeMutableRawPointer(out + j).storeBytes(of: best, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(outArg + j).storeBytes(of: index, as: SIMD8<Int32>.self)
                block += 8
            }
        }
    }

    /// The flat indices of eight consecutive windows' top-left positions, the first at `start`.
    @inline(__always)
    private static func firstPositions(_ start: Int32) -> SIMD8<Int32> {
        SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14) &+ start
    }

    /// Eight 2×2 windows side by side: `upper` and `lower` hold their sixteen columns in the
    /// top and bottom row, `first` their top-left flat indices, `down` the row stride. Returns
    /// each window's maximum and its flat index.
    ///
    /// PyTorch's scan, `if v > best || isnan(v) { best = v; index = position }` from
    /// `best = -inf` in row-major order, as lane selects (a branch would mispredict about half
    /// the time on real data). From -inf the first position always ends up the running
    /// maximum — taken, or itself -inf at its own index — so the scan starts there.
    @inline(__always)
    private static func eightWindows(_ upper: SIMD16<Float>, _ lower: SIMD16<Float>, first: SIMD8<Int32>,
                                     down: Int32) -> (SIMD8<Float>, SIMD8<Int32>) {
        var best = upper.evenHalf
        var index = first
        scan(upper.oddHalf, at: first &+ 1, &best, &index)
        scan(lower.evenHalf, at: first &+ down, &best, &index)
        scan(lower.oddHalf, at: first &+ (down + 1), &best, &index)
        return (best, index)
    }

    /// One step of the scan on eight windows: `take = v > best || isnan(v)`, lane by lane.
    @inline(__always)
    private static func scan(_ v: SIMD8<Float>, at position: SIMD8<Int32>, _ best: inout SIMD8<Float>,
                             _ index: inout SIMD8<Int32>) {
        let take = (v .> best) .| (v .!= v)
        best.replace(with: v, where: take)
        index.replace(with: position, where: take)
    }

    /// `⌊a / b⌋` for b > 0 (Swift's `/` rounds toward zero).
    @inline(__always)
    private func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// `dx[argmax(window)] += g` for every output element; zero elsewhere.
    public override func backward(_ g: Tensor) throws -> Tensor {
        precondition(g.count == argmax.count, "gradient \(g.shape) for pooling output of \(argmax.count) elements")
        guard g.count > 0 else { return Tensor(zeros: inputShape) }
        let geometry = self.geometry, outputPlane = geometry.outHeight * geometry.outWidth
        let h = geometry.height, w = geometry.width
        let planes = g.count / outputPlane
        let halving = kernelSize == (2, 2) && stride == (2, 2) && padding == (0, 0)
        if halving {
            // Disjoint windows: every input position is written once, no zero fill needed.
            return Tensor(shape: inputShape) { dp in
                g.data.withUnsafeBufferPointer { gp in
                    argmax.withUnsafeBufferPointer { ap in
                        for plane in 0..<planes {
                            MaxPool2d.backwardHalving(gp.baseAddress! + plane * outputPlane, geometry,
                                                      argmax: ap.baseAddress! + plane * outputPlane,
                                                      into: dp.baseAddress! + plane * h * w,
                                                      gradientLimit: g.count - plane * outputPlane,
                                                      inputLimit: dp.count - plane * h * w)
                        }
                    }
                }
            }
        }
        var dx = Tensor(zeros: inputShape)
        g.data.withUnsafeBufferPointer { gp in
            dx.data.withUnsafeMutableBufferPointer { dp in
                argmax.withUnsafeBufferPointer { ap in
                    for plane in 0..<planes {
                        let dst = dp.baseAddress! + plane * h * w
                        let base = plane * outputPlane
                        for o in base..<(base + outputPlane) { dst[Int(ap[o])] += gp[o] }
                    }
                }
            }
        }
        return dx
    }

    /// One plane of the 2×2, stride-2 backward: each input position of window (i, j) gets
    /// `0 + g[i, j]` if it is the window's maximum, else 0 (the sum PyTorch accumulates into
    /// zeros, -0 included); positions outside every window get 0. Blocks of eight windows, as
    /// in forward; a short row's block writes past the row pair into rows written later (the
    /// next pair, the next plane, or the last odd row or column, cleared at the end), while that
    /// stays inside the buffers (`gradientLimit` floats from `g`, `inputLimit` from `dx`).
    @inline(__always)
    private static func backwardHalving(_ g: UnsafePointer<Float>, _ geo: Geometry, argmax arg: UnsafePointer<Int32>,
                                        into dx: UnsafeMutablePointer<Float>, gradientLimit: Int, inputLimit: Int) {
        let w = geo.width, ow = geo.outWidth, oh = geo.outHeight
        let down = Int32(truncatingIfNeeded: w)
        for i in 0..<oh {
            let top = dx + 2 * i * w, bottom = top + w
            let row = g + i * ow, rowArg = arg + i * ow
            let topIndex = Int32(truncatingIfNeeded: 2 * i * w)
            if ow < 8 && i * ow + 8 <= gradientLimit && 2 * i * w + w + 16 <= inputLimit {
                let (upper, lower) = eightWindowGradients(
                    UnsafeRawPointer(row).loadUnaligned(as: SIMD8<Float>.self),
                    argmax: UnsafeRawPointer(rowArg).loadUnaligned(as: SIMD8<Int32>.self),
                    first: firstPositions(topIndex), down: down)
                // The top row's store runs into the bottom row, which the next store rewrites.
                UnsafeMutableRawPointer(top).storeBytes(of: upper, as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(bottom).storeBytes(of: lower, as: SIMD16<Float>.self)
            } else if ow < 8 {
                var gradient = SIMD8<Float>(), index = SIMD8<Int32>()
                for j in 0..<ow {
                    gradient[j] = row[j]
                    index[j] = rowArg[j]
                }
                let (upper, lower) = eightWindowGradients(gradient, argmax: index, first: firstPositions(topIndex),
                                                          down: down)
                for k in 0..<(2 * ow) {
                    top[k] = upper[k]
                    bottom[k] = lower[k]
                }
            } else {
                var block = 0
                while block < ow {
                    let j = min(block, ow - 8)
                    let (upper, lower) = eightWindowGradients(
                        UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Float>.self),
                        argmax: UnsafeRawPointer(rowArg + j).loadUnaligned(as: SIMD8<Int32>.self),
                        first: firstPositions(topIndex + Int32(truncatingIfNeeded: 2 * j)), down: down)
                    UnsafeMutableRawPointer(top + 2 * j).storeBytes(of: upper, as: SIMD16<Float>.self)
                    UnsafeMutableRawPointer(bottom + 2 * j).storeBytes(of: lower, as: SIMD16<Float>.self)
                    block += 8
                }
            }
        }
        // An odd width leaves a last column outside every window.
        FloatKernels.clearColumns(dx, rows: 2 * oh, stride: w, columns: (2 * ow)..<w)
        // An odd height leaves a last row outside every window.
        let covered = 2 * oh * w
        (dx + covered).update(repeating: 0, count: geo.height * w - covered)
    }

    /// The input gradients of eight windows side by side (see ``eightWindows(_:_:first:down:)``):
    /// their sixteen top-row and sixteen bottom-row positions, each `0 + g` where it is the
    /// window's recorded maximum, else 0.
    @inline(__always)
    private static func eightWindowGradients(_ g: SIMD8<Float>, argmax: SIMD8<Int32>, first: SIMD8<Int32>,
                                             down: Int32) -> (SIMD16<Float>, SIMD16<Float>) {
        let v = 0 + g, zero = SIMD8<Float>()
        var upper = SIMD16<Float>(), lower = SIMD16<Float>()
        upper.evenHalf = zero.replacing(with: v, where: argmax .== first)
        upper.oddHalf = zero.replacing(with: v, where: argmax .== first &+ 1)
        lower.evenHalf = zero.replacing(with: v, where: argmax .== first &+ down)
        lower.oddHalf = zero.replacing(with: v, where: argmax .== first &+ (down + 1))
        return (upper, lower)
    }
}
