import Testing
@testable import BNCharts

@Suite("LineChart")
struct LineChartTests {
    private func rising() -> LineChart {
        LineChart(series: [Series(name: "up", values: (0...10).map(Double.init), color: .cyan)])
    }

    @Test func risingLineGoesFromBottomLeftToTopRightOfThePlot() throws {
        let chart = rising()
        let grid = chart.render(width: 40, height: 12)
        let plot = try #require(chart.layout(in: grid.bounds)).plot
        #expect(plot.width > 20 && plot.height > 5)
        let firstColumnRows = (plot.y..<plot.maxY).filter { hasDots(grid[plot.x, $0]) }
        let lastColumnRows = (plot.y..<plot.maxY).filter { hasDots(grid[plot.maxX - 1, $0]) }
        #expect(firstColumnRows == [plot.maxY - 1])
        #expect(lastColumnRows == [plot.y])
        // The very first dot is the bottom-left one of its cell (dot 7), the last the top-right (dot 4).
        #expect(brailleBits(grid[plot.x, plot.maxY - 1].character).map { $0 & 0x40 != 0 } == true)
        #expect(brailleBits(grid[plot.maxX - 1, plot.y].character).map { $0 & 0x08 != 0 } == true)
        // Rising: the highest dotted row never moves down from one column to the next.
        var previousTop = Int.max
        for x in plot.x..<plot.maxX {
            let rows = (plot.y..<plot.maxY).filter { hasDots(grid[x, $0]) }
            let top = try #require(rows.min(), "column \(x) has no dot")
            #expect(top <= previousTop)
            previousTop = top
        }
        #expect(grid[plot.x, plot.maxY - 1].style.foreground == .cyan)
    }

    @Test func nothingIsPlottedOutsideThePlotArea() throws {
        let chart = rising()
        let grid = chart.render(width: 40, height: 12)
        let plot = try #require(chart.layout(in: grid.bounds)).plot
        for y in 0..<grid.height {
            for x in 0..<grid.width where !plot.contains(x: x, y: y) {
                #expect(!isBraille(grid[x, y].character), "braille at (\(x), \(y))")
            }
        }
    }

    @Test func axisLabelsArePresent() throws {
        let chart = rising()
        let grid = chart.render(width: 40, height: 12)
        let layout = try #require(chart.layout(in: grid.bounds))
        let lines = grid.lines()
        let plot = layout.plot
        #expect(layout.hasAxes)
        #expect(lines[plot.y].hasPrefix("10┤"))
        #expect(lines[plot.maxY - 1].hasPrefix(" 0┤"))
        #expect(lines[plot.maxY].hasPrefix("  └┬"))
        let xLabels = lines[plot.maxY + 1]
        #expect(Array(xLabels)[plot.x] == "0")
        #expect(xLabels.hasSuffix("10"))
        #expect(layout.yTicks == [0, 2, 4, 6, 8, 10])
    }

    @Test func legendListsSeriesNames() {
        let chart = LineChart(series: [
            Series(name: "BN", values: [3, 2, 1], color: .cyan),
            Series(name: "no-BN", values: [3, 2.5, 2], color: .yellow),
        ])
        let grid = chart.render(width: 40, height: 12)
        let legend = grid.lines()[0]
        #expect(legend.hasPrefix("● BN  ▲ no-BN"))
        #expect(grid[0, 0].style.foreground == .cyan)
        #expect(grid[6, 0].style.foreground == .yellow)
    }

    @Test func legendWrapsWhenNarrow() {
        let chart = LineChart(series: (0..<4).map { Series(name: "variant\($0)", values: [1, 2]) })
        let grid = chart.render(width: 24, height: 16)
        let lines = grid.lines()
        for i in 0..<4 { #expect(lines[0..<4].contains { $0.contains("variant\(i)") }) }
    }

    @Test func logScalePlacesDecadesOnEvenlySpacedRows() throws {
        var chart = LineChart(series: [Series(name: "loss", x: (0...100).map(Double.init),
                                              y: (0...100).map { ChartMath.pow10(Double($0) / 50) })])
        chart.yScale = .logarithmic
        let grid = chart.render(width: 30, height: 14)
        let lines = grid.lines()
        let r100 = try #require(lines.firstIndex { $0.hasPrefix("100┤") })
        let r10 = try #require(lines.firstIndex { $0.hasPrefix(" 10┤") })
        let r1 = try #require(lines.firstIndex { $0.hasPrefix("  1┤") })
        #expect(r100 < r10 && r10 < r1)
        #expect(r1 - r10 == r10 - r100)
        // y = 10^(x/50) is a straight line on a log axis: the middle point sits on the 10 row.
        let layout = try #require(chart.layout(in: grid.bounds))
        let mid = try #require(layout.column(forX: 50))
        #expect(hasDots(grid[mid, r10]))
    }

    @Test func logScaleSkipsNonPositiveValues() throws {
        var chart = LineChart(series: [Series(name: "s", values: [0, -1, 1, 10, 100, -5, 0])])
        chart.yScale = .logarithmic
        let grid = chart.render(width: 30, height: 12)
        let layout = try #require(chart.layout(in: grid.bounds))
        #expect(layout.xDomain == 2...4)
        #expect(layout.yDomain.lowerBound > 0)
        #expect(grid.cells.contains { isBraille($0.character) })

        var none = LineChart(series: [Series(name: "s", values: [0, -1, -2])])
        none.yScale = .logarithmic
        #expect(none.render(width: 30, height: 10).description.contains("no data"))
    }

    @Test func smoothingKeepsRawSeriesDimBehindTheSmoothedLine() {
        let values = (0..<200).map { Double($0 % 2 == 0 ? 10 : 0) }
        var chart = LineChart(series: [Series(name: "noisy", values: values, color: .magenta)], smoothing: 0.95)
        let grid = chart.render(width: 50, height: 16)
        let plotCells = grid.cells.enumerated().filter { hasDots($0.element) }
        let dim = plotCells.filter { $0.element.style.attributes.contains(.dim) }
        let bright = plotCells.filter { !$0.element.style.attributes.contains(.dim) }
        #expect(!dim.isEmpty && !bright.isEmpty)
        #expect(plotCells.allSatisfy { $0.element.style.foreground == .magenta })
        let dimRows = Set(dim.map { $0.offset / grid.width })
        let brightRows = Set(bright.map { $0.offset / grid.width })
        #expect(brightRows.count < dimRows.count)

        chart.showsRawSeries = false
        let smoothOnly = chart.render(width: 50, height: 16)
        #expect(!smoothOnly.cells.contains { hasDots($0) && $0.style.attributes.contains(.dim) })

        chart.smoothing = 0
        let rawOnly = chart.render(width: 50, height: 16)
        #expect(!rawOnly.cells.contains { hasDots($0) && $0.style.attributes.contains(.dim) })
    }

    @Test func nonFinitePointsAreSkipped() {
        let withGaps = LineChart(series: [Series(name: "s", values: [1, 2, .nan, 4, .infinity, 3, -.infinity])])
        let clean = LineChart(series: [Series(name: "s", points: [
            ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 2), ChartPoint(x: 3, y: 4), ChartPoint(x: 5, y: 3),
        ])])
        #expect(withGaps.render(width: 40, height: 12) == clean.render(width: 40, height: 12))
    }

    @Test func emptyChartsSayNoData() {
        let noSeries = LineChart().render(width: 20, height: 5)
        #expect(noSeries.lines()[2] == "      no data       ")
        let allNaN = LineChart(series: [Series(name: "nan", values: [.nan, .nan])]).render(width: 20, height: 6)
        #expect(allNaN.description.contains("no data"))
        #expect(allNaN.lines()[0].hasPrefix("● nan"))
        let emptySeries = LineChart(series: [Series(name: "e", values: [])]).render(width: 20, height: 6)
        #expect(emptySeries.description.contains("no data"))
    }

    @Test func singlePointAndFlatSeriesDraw() {
        let one = LineChart(series: [Series(name: "one", values: [0.5])]).render(width: 30, height: 10)
        #expect(one.cells.filter { hasDots($0) }.count == 1)
        let flat = LineChart(series: [Series(name: "flat", values: Array(repeating: 2, count: 50))])
        let grid = flat.render(width: 30, height: 10)
        #expect(grid.cells.filter { hasDots($0) }.count > 10)
    }

    @Test func cursorShowsValuesAndLine() throws {
        var chart = LineChart(series: [
            Series(name: "a", x: (0...10).map(Double.init), y: (0...10).map { Double($0) * 2 }),
            Series(name: "b", x: [0, 1], y: [1, 1]),
        ])
        chart.cursorX = 5
        // The last point at or before the cursor: b ended at x = 1 and keeps its last value.
        #expect(chart.readings(atX: 5).map(\.value) == [10, 1])
        #expect(chart.readings(atX: 5.5).first?.value == 10)
        #expect(chart.readings(atX: -0.5).map(\.value) == [nil, nil])
        let grid = chart.render(width: 40, height: 12)
        #expect(grid.lines()[0].contains("● a 10"))
        #expect(grid.lines()[0].contains("▲ b 1"))
        let layout = try #require(chart.layout(in: grid.bounds))
        let col = try #require(layout.column(forX: 5))
        let cursorCells = (layout.plot.y..<layout.plot.maxY).filter { grid[col, $0].character == "│" }
        #expect(cursorCells.count >= layout.plot.height - 2)
        let labelCell = grid[col, layout.plot.maxY + 1]
        #expect(labelCell.character == "5")
        #expect(labelCell.style.attributes.contains(.reverse))
    }

    @Test func hundredThousandPointsKeepTheirExtremes() throws {
        let n = 100_000
        var y = (0..<n).map { Double($0 % 10) }
        y[12_345] = 100       // spike
        y[87_654] = -100      // dip
        let chart = LineChart(series: [Series(name: "big", values: y)])
        let grid = chart.render(width: 60, height: 15)
        let layout = try #require(chart.layout(in: grid.bounds))
        let spikeColumn = try #require(layout.column(forX: 12_345))
        let dipColumn = try #require(layout.column(forX: 87_654))
        #expect(hasDots(grid[spikeColumn, layout.plot.y]))
        #expect(hasDots(grid[dipColumn, layout.plot.maxY - 1]))
    }

    @Test func explicitRangesClipTheData() throws {
        var chart = LineChart(series: [Series(name: "s", values: (0..<100).map { Double($0) })])
        chart.xRange = 40...60
        chart.yRange = 45...55
        let grid = chart.render(width: 40, height: 12)
        let layout = try #require(chart.layout(in: grid.bounds))
        #expect(layout.xDomain == 40...60)
        #expect(layout.yDomain == 45...55)
        for y in 0..<grid.height {
            for x in 0..<grid.width where isBraille(grid[x, y].character) {
                #expect(layout.plot.contains(x: x, y: y))
            }
        }
    }

    @Test func asciiLineChartUsesOnlyAscii() {
        var chart = LineChart(series: [
            Series(name: "train", values: (0..<50).map { 1 / Double($0 + 1) }),
            Series(name: "eval", values: (0..<50).map { 1.2 / Double($0 + 1) }),
        ], glyphs: .ascii, smoothing: 0.5)
        chart.cursorX = 20
        let grid = chart.render(width: 50, height: 14)
        #expect(isAllASCII(grid))
        #expect(grid.cells.contains { $0.character == "*" })
        #expect(grid.description.contains("+-"))
    }
}

@Suite("Epoch boundary thinning")
struct EpochBoundaryThinningTests {
    @Test("a long run's epoch ends are thinned to every 1st, 2nd, 5th, 10th … epoch, at most about 12")
    func thinsToNiceSteps() {
        let few = (1...10).map(Double.init)
        #expect(ChartMarker.thinned(few) == few)
        let many = (1...399).map(Double.init)
        let kept = ChartMarker.thinned(many)
        #expect(kept.count <= 12 && kept.count >= 5)
        #expect(kept.first == 50 && kept.allSatisfy { Int($0) % 50 == 0 })
        let everySecond: [Double] = (1...12).map { (i: Int) -> Double in Double(i * 2) }
        #expect(ChartMarker.thinned((1...25).map(Double.init)) == everySecond)
    }
}
