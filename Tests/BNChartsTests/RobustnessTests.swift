import Testing
@testable import BNCharts

/// Every chart type with realistic content, as render closures, for the size/clipping/ASCII sweeps.
private func gallery(_ glyphs: Glyphs) -> [(name: String, draw: (inout Grid, Rect) -> Void)] {
    let steps = (0..<300).map(Double.init)
    let loss = steps.map { 2.3 * ChartMath.pow10(-$0 / 150) + ($0.truncatingRemainder(dividingBy: 7) == 0 ? 0.3 : 0) }
    var line = LineChart(series: [
        Series(name: "BN", x: steps, y: loss),
        Series(name: "no-BN", x: steps, y: loss.map { $0 * 1.4 }),
        Series(name: "broken", values: [.nan, 1, .infinity, -2, 0]),
    ], glyphs: glyphs, smoothing: 0.6)
    line.cursorX = 120
    var logLine = line
    logLine.yScale = .logarithmic
    logLine.smoothing = 0
    let bars = BarChart(
        groups: [BarGroup(name: "eval", color: .cyan), BarGroup(name: "train", color: .magenta)],
        categories: ["T-shirt", "Trouser", "Pullover", "Dress"].enumerated().map {
            BarCategory(name: $1, values: [0.9 - Double($0) * 0.1, .nan])
        },
        scale: .fraction, glyphs: glyphs
    )
    let heat = Heatmap(values: (0..<8).map { c in steps.map { $0 * Double(c) } }, rowLabels: (0..<8).map { "ch\($0)" }, glyphs: glyphs)
    let colorHeat = Heatmap(values: [[1, 2], [3, .nan]], shading: .colors, glyphs: glyphs)
    let spark = Sparkline(values: loss, glyphs: glyphs)
    let progress = ProgressBar(fraction: 0.37, label: "epoch 4/10", glyphs: glyphs)
    let legend = Legend(entries: [LegendEntry(label: "BN", color: .cyan), LegendEntry(label: "no-BN", color: .yellow)], glyphs: glyphs)
    let box = Box(title: "Running mean per channel", glyphs: glyphs)
    return [
        ("line", { line.render(into: &$0, in: $1) }),
        ("log line", { logLine.render(into: &$0, in: $1) }),
        ("empty line", { LineChart(glyphs: glyphs).render(into: &$0, in: $1) }),
        ("bars", { bars.render(into: &$0, in: $1) }),
        ("heatmap", { heat.render(into: &$0, in: $1) }),
        ("color heatmap", { colorHeat.render(into: &$0, in: $1) }),
        ("sparkline", { spark.render(into: &$0, in: $1) }),
        ("progress", { progress.render(into: &$0, in: $1) }),
        ("legend", { legend.render(into: &$0, in: $1) }),
        ("box", { box.render(into: &$0, in: $1) }),
    ]
}

@Suite("Robustness")
struct RobustnessTests {
    @Test(arguments: [(0, 0), (1, 1), (3, 2), (2, 3), (5, 1), (1, 5), (4, 4), (9, 3), (11, 4), (12, 6)])
    func tinySizesNeverCrash(size: (Int, Int)) {
        for glyphs in [Glyphs.unicode, .ascii] {
            for chart in gallery(glyphs) {
                var grid = Grid(width: size.0, height: size.1)
                chart.draw(&grid, grid.bounds)
                #expect(grid.width == size.0 && grid.height == size.1, "\(chart.name)")
            }
        }
    }

    @Test func chartsNeverWriteOutsideTheirRect() {
        let rects = [
            Rect(x: 5, y: 3, width: 24, height: 9),
            Rect(x: 1, y: 1, width: 3, height: 2),
            Rect(x: 30, y: 10, width: 30, height: 20),    // hangs over the grid's edge
            Rect(x: -5, y: -2, width: 12, height: 6),     // starts before the grid
        ]
        for glyphs in [Glyphs.unicode, .ascii] {
            for chart in gallery(glyphs) {
                for rect in rects {
                    var grid = sentinelGrid(width: 40, height: 16)
                    chart.draw(&grid, rect)
                    #expect(untouchedOutside(rect, in: grid), "\(chart.name) in \(rect)")
                    #expect(grid.clipRect == grid.bounds)
                }
            }
        }
    }

    @Test func chartsDrawSomethingInsideTheirRect() {
        let rect = Rect(x: 5, y: 3, width: 30, height: 12)
        for chart in gallery(.unicode) {
            var grid = sentinelGrid(width: 40, height: 16)
            chart.draw(&grid, rect)
            let region = grid.region(rect)
            #expect(region.cells.contains { $0.character != "@" }, "\(chart.name)")
        }
    }

    @Test func asciiModeEmitsOnlyAscii() {
        for chart in gallery(.ascii) {
            for (w, h) in [(60, 20), (25, 8), (7, 3)] {
                var grid = Grid(width: w, height: h)
                chart.draw(&grid, grid.bounds)
                let offending = grid.cells.map(\.character).filter { !$0.isASCII }
                #expect(offending.isEmpty, "\(chart.name) \(w)×\(h): \(offending.prefix(5))")
            }
        }
    }

    @Test func unicodeModeUsesBrailleForLines() {
        var grid = Grid(width: 60, height: 20)
        gallery(.unicode)[0].draw(&grid, grid.bounds)
        #expect(grid.cells.contains { isBraille($0.character) })
    }

    @Test func extremeValuesDoNotCrash() {
        let nasty: [[Double]] = [
            [1e308, -1e308, 1e308],
            [.leastNonzeroMagnitude, 0, -.leastNonzeroMagnitude],
            [.nan, .nan],
            [.infinity, -.infinity],
            [1, 1, 1, 1],
            [-1e-300, 1e300],
        ]
        for values in nasty {
            for scale in [AxisScale.linear, .logarithmic] {
                var chart = LineChart(series: [Series(name: "x", values: values)], yScale: scale, smoothing: 0.9)
                chart.cursorX = 1
                let grid = chart.render(width: 30, height: 10)
                #expect(grid.width == 30)
            }
            _ = Heatmap(values: [values, values]).render(width: 10, height: 4)
            _ = Sparkline(values: values).render(width: 5, height: 2)
            _ = BarChart(groups: [], categories: [BarCategory(name: "v", values: values)]).render(width: 20, height: 5)
            _ = ProgressBar(fraction: values[0]).render(width: 5, height: 1)
        }
        var hugeX = LineChart(series: [Series(name: "x", x: [-1e308, 1e308], y: [0, 1])])
        hugeX.cursorX = 0
        #expect(hugeX.render(width: 30, height: 10).width == 30)
    }
}
