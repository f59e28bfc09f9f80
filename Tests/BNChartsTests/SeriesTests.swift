import Testing
@testable import BNCharts

@Suite("Smoothing and downsampling")
struct SeriesTests {
    @Test func zeroWeightIsIdentity() {
        let xs: [Double] = [3, 1, 4, 1, 5]
        #expect(EMASmoothing(weight: 0).apply(xs) == xs)
        #expect(EMASmoothing(weight: .nan).apply(xs) == xs)
    }

    @Test func plainEMAStartsAtTheFirstValue() {
        // s_t = w·s_{t−1} + (1 − w)·x_t with s_0 = x_0
        let s = EMASmoothing(weight: 0.5, debias: false).apply([0, 1, 1])
        #expect(s == [0, 0.5, 0.75])
    }

    @Test func debiasedEMAMatchesTensorBoard() {
        // last = w·last + (1 − w)·x, starting at 0; output last / (1 − w^n).
        let w = 0.6
        let s = EMASmoothing(weight: w).apply([2, 4])
        let l1 = (1 - w) * 2, l2 = w * l1 + (1 - w) * 4
        #expect(abs(s[0] - 2) < 1e-12)
        #expect(abs(s[1] - l2 / (1 - w * w)) < 1e-12)
        let constant = EMASmoothing(weight: 0.9).apply(Array(repeating: 7, count: 20))
        #expect(constant.allSatisfy { abs($0 - 7) < 1e-9 })
    }

    @Test func smoothingReducesVariance() {
        let noisy: [Double] = (0..<400).map { (i: Int) -> Double in (i % 2 == 0 ? 1 : -1) + Double(i) * 0.001 }
        let smooth = EMASmoothing(weight: 0.9).apply(noisy)
        #expect(variance(Array(smooth.dropFirst(20))) < variance(Array(noisy.dropFirst(20))) / 10)
    }

    @Test func nonFiniteValuesPassThroughWithoutResettingState() {
        let s = EMASmoothing(weight: 0.5, debias: false).apply([2, .nan, 4, .infinity])
        #expect(s[0] == 2)
        #expect(s[1].isNaN)
        #expect(s[2] == 3)
        #expect(s[3] == .infinity)
    }

    @Test func downsamplingKeepsExtremesAndEnds() {
        let n = 100_000
        var points = (0..<n).map { i in ChartPoint(x: Double(i), y: Double(i % 100) * 0.01) }
        points[31_337].y = 50       // a single spike
        points[77_777].y = -20      // a single dip
        let columns = 80
        let reduced = Downsampler(columns: columns).reduce(points)
        #expect(reduced.count <= 4 * (columns + 2))
        #expect(reduced.contains(points[31_337]))
        #expect(reduced.contains(points[77_777]))
        #expect(reduced.first == points.first)
        #expect(reduced.last == points.last)
        #expect(reduced.map(\.y).max() == 50)
        #expect(reduced.map(\.y).min() == -20)
        #expect(zip(reduced, reduced.dropFirst()).allSatisfy { $0.x < $1.x })
    }

    @Test func everyColumnKeepsItsMinAndMax() {
        let points = (0..<10_000).map { i in ChartPoint(x: Double(i), y: Double((i * 7919) % 1000)) }
        let columns = 10
        let reduced = Downsampler(columns: columns).reduce(points, over: 0...9_999)
        for c in 0..<columns {
            let inColumn = points[(c * 1000)..<((c + 1) * 1000)].map(\.y)
            let kept = reduced.filter { Int($0.x) / 1000 == c }.map(\.y)
            #expect(kept.min() == inColumn.min())
            #expect(kept.max() == inColumn.max())
        }
    }

    @Test func smallInputsPassThroughWithoutNonFinitePoints() {
        let points = [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: .nan), ChartPoint(x: .infinity, y: 2), ChartPoint(x: 3, y: 4)]
        #expect(Downsampler(columns: 10).reduce(points) == [ChartPoint(x: 0, y: 1), ChartPoint(x: 3, y: 4)])
        #expect(Downsampler(columns: 0).reduce([]) == [])
    }

    @Test func pointsOutsideTheRangeKeepOneBucketEachSide() {
        let points = (0..<1000).map { ChartPoint(x: Double($0), y: Double($0)) }
        let reduced = Downsampler(columns: 5).reduce(points, over: 400...600)
        #expect(reduced.contains { $0.x < 400 })
        #expect(reduced.contains { $0.x > 600 })
        #expect(reduced.count <= 4 * 7)
        #expect(reduced.contains(ChartPoint(x: 399, y: 399)))   // the last point before the range
        #expect(reduced.contains(ChartPoint(x: 601, y: 601)))   // the first point after it
    }

    @Test func seriesInitializers() {
        let a = Series(name: "a", values: [5, 6])
        #expect(a.points == [ChartPoint(x: 0, y: 5), ChartPoint(x: 1, y: 6)])
        let b = Series(name: "b", x: [10, 20, 30], y: [1, 2])
        #expect(b.points.count == 2)
        #expect(ChartColor.automatic(0) == ChartColor.palette[0])
        #expect(ChartColor.automatic(ChartColor.palette.count) == ChartColor.palette[0])
    }
}
