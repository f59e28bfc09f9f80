/// Loops over contiguous float runs, written with explicit vectors.
///
/// Reductions: the compiler keeps a scalar float sum in its written order (reassociating it
/// would change the rounding), so a plain loop runs at one add per four cycles of latency. These
/// kernels sum sixteen-wide partial sums instead, two of them in flight, and fold them at the
/// end: a different order of the same additions, rounding no worse than the sequential one.
///
/// Copies and adds: the short rows of image planes (a few dozen floats) would spend more time
/// in a generic loop's set-up and scalar tail than in the vector body; these end a row with one
/// overlapping vector where that is harmless.
enum FloatKernels {
    /// `dst[j] = src[j]` for `count` floats (`src` and `dst` must not overlap), bit for bit.
    /// Sixteen and eight at a time; a tail is covered by one overlapping eight-wide copy, which
    /// writes the same values again.
    @inline(__always)
    static func copy(from src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int) {
        guard count >= 8 else {
            for j in 0..<count { dst[j] = src[j] }
            return
        }
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        var j = 0
        while j + 16 <= count {
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self),
                         toByteOffset: j * 4, as: SIMD16<Float>.self)
            j += 16
        }
        if j + 8 <= count {
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

    /// `dst[j] = src[j] + addend` for `count` floats (`src` and `dst` must not overlap), in the
    /// same pattern as ``copy(from:to:count:)``.
    @inline(__always)
    static func copy(from src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int,
                     adding addend: Float) {
        guard count >= 8 else {
            for j in 0..<count { dst[j] = src[j] + addend }
            return
        }
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        let a16 = SIMD16<Float>(repeating: addend), a8 = SIMD8<Float>(repeating: addend)
        var j = 0
        while j + 16 <= count {
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self) + a16,
                         toByteOffset: j * 4, as: SIMD16<Float>.self)
            j += 16
        }
        if j + 8 <= count {
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) + a8,
                         toByteOffset: j * 4, as: SIMD8<Float>.self)
            j += 8
        }
        if j < count {
            let t = (count - 8) * 4
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: t, as: SIMD8<Float>.self) + a8,
                         toByteOffset: t, as: SIMD8<Float>.self)
        }
    }

    /// Zeroes columns `columns` of `rows` rows `stride` floats apart, one column at a time: a
    /// few strided stores, where a loop over each row's short run would call memset per row.
    @inline(__always)
    static func clearColumns(_ p: UnsafeMutablePointer<Float>, rows: Int, stride: Int, columns: Range<Int>) {
        for j in columns {
            for i in 0..<rows { p[i * stride + j] = 0 }
        }
    }

    /// `dst[j] += src[j]` for `count` floats, sixteen and eight at a time, then one by one.
    @inline(__always)
    static func add(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int) {
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        var j = 0
        while j + 16 <= count {
            let sum = s.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                + UnsafeRawPointer(d).loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
            d.storeBytes(of: sum, toByteOffset: j * 4, as: SIMD16<Float>.self)
            j += 16
        }
        if j + 8 <= count {
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

    /// `Σ p[i]` over `count` floats.
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(p)
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>()
        var i = 0
        while i + 32 <= count {
            a0 += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            a1 += raw.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
            i += 32
        }
        if i + 16 <= count {
            a0 += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        var total = (a0 + a1).sum()
        while i < count {
            total += p[i]
            i += 1
        }
        return total
    }

    /// `Σ (p[i] - mean)²` over `count` floats.
    @inline(__always)
    static func squaredDeviations(_ p: UnsafePointer<Float>, count: Int, from mean: Float) -> Float {
        let raw = UnsafeRawPointer(p)
        let m = SIMD16<Float>(repeating: mean)
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>()
        var i = 0
        while i + 32 <= count {
            let d0 = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self) - m
            let d1 = raw.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self) - m
            a0 += d0 * d0
            a1 += d1 * d1
            i += 32
        }
        if i + 16 <= count {
            let d0 = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self) - m
            a0 += d0 * d0
            i += 16
        }
        var total = (a0 + a1).sum()
        while i < count {
            let d = p[i] - mean
            total += d * d
            i += 1
        }
        return total
    }

    /// `(Σ g[i], Σ g[i]·xhat[i])` over `count` floats, with `xhat[i] = (x[i] - shift) · scale`
    /// recomputed exactly as the normalization computed it.
    @inline(__always)
    static func sumAndNormalizedDot(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, count: Int,
                                    shift: Float, scale: Float) -> (sum: Float, dot: Float) {
        let rg = UnsafeRawPointer(g), rx = UnsafeRawPointer(x)
        let s0 = SIMD16<Float>(repeating: shift), s1 = SIMD16<Float>(repeating: scale)
        var sum = SIMD16<Float>(), dot = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            let gv = rg.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            let h = (rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self) - s0) * s1
            sum += gv
            dot += gv * h
            i += 16
        }
        var total = sum.sum(), product = dot.sum()
        while i < count {
            let h = (x[i] - shift) * scale
            total += g[i]
            product += g[i] * h
            i += 1
        }
        return (total, product)
    }
}
