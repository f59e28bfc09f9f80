/// Reduces a series to a few points per pixel column, keeping each column's first, minimum,
/// maximum and last point, so a line drawn through the result covers exactly the same pixels'
/// vertical extent as the full series. 100,000 points then draw as fast as a few hundred.
///
/// ```swift
/// let drawn = Downsampler(columns: canvas.pixelWidth).reduce(points, over: 0...100_000)
/// // drawn.count ≤ 4 · (columns + 2), and the global min and max are still there
/// ```
public struct Downsampler: Sendable, Hashable {
    /// Number of pixel columns the x range is divided into.
    public var columns: Int

    /// A downsampler for `columns` pixel columns (at least 1 is used).
    public init(columns: Int) {
        self.columns = columns
    }

    /// The points to draw, in column order (and input order within a column).
    ///
    /// Column of a point: `⌊(x − lower) / (upper − lower) · columns⌋` clamped to `columns − 1`; points
    /// left or right of `xRange` go to one extra column on each side (so lines still enter and leave
    /// the plot). Non-finite points are dropped. `xRange` defaults to the points' own x range.
    public func reduce(_ points: [ChartPoint], over xRange: ClosedRange<Double>? = nil) -> [ChartPoint] {
        let finite = points.filter(\.isFinite)
        let cols = max(1, columns)
        guard finite.count > 4 * cols else { return finite }
        let lower: Double, upper: Double
        if let xRange, xRange.lowerBound.isFinite, xRange.upperBound.isFinite {
            (lower, upper) = (xRange.lowerBound, xRange.upperBound)
        } else {
            lower = finite.lazy.map(\.x).min()!
            upper = finite.lazy.map(\.x).max()!
        }
        let span = upper - lower
        // Buckets 0 … cols + 1: 0 is left of the range, cols + 1 right of it.
        let bucketCount = cols + 2
        var first = Array(repeating: -1, count: bucketCount)
        var last = first, minI = first, maxI = first
        for (i, p) in finite.enumerated() {
            let b: Int
            if p.x < lower {
                b = 0
            } else if p.x > upper {
                b = cols + 1
            } else if span > 0 && span.isFinite {
                b = 1 + min(cols - 1, max(0, Int((p.x - lower) / span * Double(cols))))
            } else {
                b = 1
            }
            if first[b] < 0 { first[b] = i; minI[b] = i; maxI[b] = i }
            last[b] = i
            if p.y < finite[minI[b]].y { minI[b] = i }
            if p.y > finite[maxI[b]].y { maxI[b] = i }
        }
        var out: [ChartPoint] = []
        out.reserveCapacity(4 * bucketCount)
        for b in 0..<bucketCount where first[b] >= 0 {
            var keep = [first[b], minI[b], maxI[b], last[b]]
            keep.sort()
            var previous = -1
            for i in keep where i != previous {
                out.append(finite[i])
                previous = i
            }
        }
        return out
    }
}
