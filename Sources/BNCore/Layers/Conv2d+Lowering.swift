// The lowering kernels of Conv2d: im2col and col2im, plain and "wide" (stride 1, no padding),
// on raw buffers, one block of samples at a time. Conv2d.swift holds the layer itself.

extension Conv2d {
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
        let cols = geo.columns, span = geo.span
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
                        var dst = row + n * span
                        for i in 0..<oh {
                            let r = i * sh - ph + ki
                            if r < 0 || r >= h {
                                dst.update(repeating: 0, count: ow)
                            } else {
                                for j in 0..<lo { dst[j] = 0 }
                                let line = src + r * w
                                if sw == 1 {
                                    FloatKernels.copy(from: line + (lo + shift), to: dst + lo, count: hi - lo)
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

    /// Wide im2col (stride 1, no padding): `col[(c, ki, kj), (n, i·W + j)] = x[n, c, i + ki, j + kj]`
    /// for j < OW, and 0 for OW ≤ j < W when `clearingExtraColumns` (else whatever the copy
    /// left there). Row (c, ki, kj) of sample n is plane (n, c) read from ki·W + kj on: one
    /// contiguous copy, then the extra columns cleared.
    static func im2colWide(_ x: UnsafePointer<Float>, _ geo: Geometry, kernel: (Int, Int),
                           into col: UnsafeMutablePointer<Float>, clearingExtraColumns: Bool) {
        let (kh, kw) = kernel
        let h = geo.height, w = geo.width, cols = geo.columns, span = geo.span
        // The last output row needs only OW columns: the run ends inside the plane.
        let run = span - (w - geo.outWidth)
        for c in 0..<geo.channels {
            for ki in 0..<kh {
                for kj in 0..<kw {
                    let row = col + ((c * kh + ki) * kw + kj) * cols
                    for n in 0..<geo.batch {
                        let dst = row + n * span
                        FloatKernels.copy(from: x + (n * geo.channels + c) * h * w + ki * w + kj, to: dst, count: run)
                        if clearingExtraColumns { clearExtraColumns(dst, geo) }
                    }
                }
            }
        }
    }

    /// Wide col2im, the adjoint of ``im2colWide(_:_:kernel:into:)``: clears the extra columns
    /// of each row of `dcol`, then adds the row's run to plane (n, c) from ki·W + kj on.
    static func col2imWide(_ dcol: UnsafeMutablePointer<Float>, _ geo: Geometry, kernel: (Int, Int),
                           into dx: UnsafeMutablePointer<Float>) {
        let (kh, kw) = kernel
        let h = geo.height, w = geo.width, cols = geo.columns, span = geo.span
        let run = span - (w - geo.outWidth)
        for c in 0..<geo.channels {
            for ki in 0..<kh {
                for kj in 0..<kw {
                    let row = dcol + ((c * kh + ki) * kw + kj) * cols
                    for n in 0..<geo.batch {
                        let src = row + n * span
                        clearExtraColumns(src, geo)
                        FloatKernels.add(src, into: dx + (n * geo.channels + c) * h * w + ki * w + kj, count: run)
                    }
                }
            }
        }
    }

    /// Zeroes columns OW ..< W of each output row of one sample's wide run.
    @inline(__always)
    private static func clearExtraColumns(_ run: UnsafeMutablePointer<Float>, _ geo: Geometry) {
        FloatKernels.clearColumns(run, rows: geo.outHeight, stride: geo.width, columns: geo.outWidth..<geo.width)
    }

    /// The adjoint of im2col: `dx[n, c, i·sH - pH + ki, j·sW - pW + kj] += dcol[(c, ki, kj), (n, i, j)]`
    /// for every in-bounds position; `dx` must start zeroed.
    static func col2im(_ col: UnsafePointer<Float>, _ geo: Geometry, kernel: (Int, Int), stride: (Int, Int),
                       padding: (Int, Int), into dx: UnsafeMutablePointer<Float>) {
        let (kh, kw) = kernel, (sh, sw) = stride, (ph, pw) = padding
        let h = geo.height, w = geo.width, oh = geo.outHeight, ow = geo.outWidth
        let cols = geo.columns, span = geo.span
        for c in 0..<geo.channels {
            for ki in 0..<kh {
                for kj in 0..<kw {
                    let row = col + ((c * kh + ki) * kw + kj) * cols
                    let valid = validColumns(width: w, outWidth: ow, stride: sw, padding: pw, offset: kj)
                    let lo = valid.lowerBound, hi = valid.upperBound
                    let shift = kj - pw
                    for n in 0..<geo.batch {
                        let dst = dx + (n * geo.channels + c) * h * w
                        var src = row + n * span
                        for i in 0..<oh {
                            let r = i * sh - ph + ki
                            if r >= 0 && r < h {
                                let line = dst + r * w
                                if sw == 1 {
                                    FloatKernels.add(src + lo, into: line + (lo + shift), count: hi - lo)
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
}
