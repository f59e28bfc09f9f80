import Foundation
import Testing
@testable import BNCharts

@Suite("Line chart: series told apart, markers, bands, cursor")
struct LineChartSeriesTests {
    /// Four flat-ish series at different levels.
    private func four() -> [Series] {
        (0..<4).map { k in
            Series(name: "s\(k)", x: (0...40).map(Double.init), y: (0...40).map { Double(k) + Double($0) / 80 })
        }
    }

    @Test func fourSeriesDifferInASCIIWithoutColour() throws {
        let chart = LineChart(series: four(), glyphs: .ascii)
        let grid = chart.render(width: 52, height: 18)
        #expect(isAllASCII(grid))
        #expect(grid.lines()[0].hasPrefix("* s0  o s1  + s2  x s3"))
        let layout = try #require(chart.layout(in: grid.bounds))
        for (k, marker) in ["*", "o", "+", "x"].enumerated() {
            // Each line is drawn with its own marker, in the row of its value.
            let row = try #require(layout.row(forY: Double(k) + 0.25))
            #expect(grid.lines()[row].filter { String($0) == marker }.count >= 10, "series \(k) at row \(row)")
        }
    }

    @Test func brailleLinesCarryTheirMarkerEveryFewColumns() {
        let grid = LineChart(series: four(), glyphs: .unicode).render(width: 52, height: 18)
        let plotText = grid.lines().dropFirst().joined()
        for marker in ["●", "▲", "■", "◆"] { #expect(plotText.filter { String($0) == marker }.count >= 3) }
    }

    @Test func identicalCurvesAreNamedInANote() {
        let base = (0..<50).map { 2 * exp2(-Double($0) / 10) }
        var series = ["m=0.01", "m=0.1", "m=0.5", "cumulative"].map { Series(name: $0, values: base) }
        series[2].points[3].y *= 1 + 1e-9                    // equal within float noise
        series.append(Series(name: "no-bn", values: base.map { $0 + 0.2 }))
        let chart = LineChart(series: series)
        let notes = chart.notes(in: Rect(width: 80, height: 24))
        #expect(notes.map(\.text) == ["4 curves identical: m=0.01, m=0.1, m=0.5, cumulative"])
        #expect(chart.render(width: 80, height: 24).description.contains("= 4 curves identical"))
    }

    @Test func theCursorLabelNeverOverwritesTickLabels() throws {
        var chart = LineChart(series: [Series(name: "loss", x: (0...1200).map(Double.init),
                                              y: (0...1200).map { 1 / (1 + Double($0) / 100) })])
        chart.cursorX = 938
        let grid = chart.render(width: 52, height: 18)
        let layout = try #require(chart.layout(in: grid.bounds))
        let axisRow = grid.lines()[layout.plot.maxY + 1]
        let tokens = axisRow.split(separator: " ").map(String.init)
        let ticks = Set(NiceTicks.labels(for: layout.xTicks))
        #expect(tokens.contains("938"))
        // Beside the cursor's label: the nice ticks and the range's end.
        #expect(tokens.allSatisfy { $0 == "938" || $0 == "1200" || ticks.contains($0) }, "\(axisRow)")
        #expect(tokens.last == "1200", "\(axisRow)")
        #expect(tokens.count >= 3)
    }

    @Test func markersAreDrawnBehindTheLines() throws {
        var chart = LineChart(series: [Series(name: "loss", values: (0..<100).map { 1 / (1 + Double($0)) })])
        chart.markers = [ChartMarker(x: 50), ChartMarker(x: 75, label: "freeze body", style: .labelled, color: .yellow)]
        let grid = chart.render(width: 60, height: 20)
        let layout = try #require(chart.layout(in: grid.bounds))
        let faint = try #require(layout.column(forX: 50))
        let rows = layout.plot.y..<layout.plot.maxY
        #expect(rows.filter { grid[faint, $0].character == "┊" }.count >= layout.plot.height - 2)
        #expect(grid.description.contains("freeze body"))
        let solid = try #require(layout.column(forX: 75))
        #expect(rows.contains { grid[solid, $0].character == "│" && grid[solid, $0].style.foreground == .yellow })
        // The line still shows where it crosses the markers.
        #expect(rows.contains { isBraille(grid[faint, $0].character) })
    }

    @Test func markerLabelsNeverSitAmongTheCurves() throws {
        // A phase marker in the middle, where the falling loss leaves room above it.
        var chart = LineChart(series: [Series(name: "loss", values: (0..<100).map { 3 / (1 + Double($0) / 5) })])
        chart.markers = [ChartMarker(x: 50, label: "phase train", style: .labelled)]
        // In a plot of a few rows the label would be among the curves: it is left out.
        let low = chart.render(width: 60, height: 7)
        #expect(try #require(chart.layout(in: low.bounds)).plot.height <= 5)
        #expect(!low.description.contains("phase"), "\(low)")
        // In a tall one it is drawn, with a free cell each side.
        let tall = chart.render(width: 60, height: 20)
        let layout = try #require(chart.layout(in: tall.bounds))
        let row = try #require((layout.plot.y..<layout.plot.maxY).first { tall.lines()[$0].contains("phase train") })
        let line = Array(tall.lines()[row])
        let start = try #require(String(line).range(of: "phase train")).lowerBound.utf16Offset(in: String(line))
        for x in [start - 1, start + "phase train".count] where x >= layout.plot.x && x < layout.plot.maxX {
            #expect(!isBraille(line[x]), "\(tall)")
        }
    }

    @Test func aBandIsShadedBehindTheMeanLine() throws {
        let xs = (0..<60).map(Double.init)
        let mean = xs.map { 1 / (1 + $0 / 10) }
        var chart = LineChart(series: [Series(name: "mean of 3 seeds", x: xs, y: mean)])
        chart.bands = [ChartBand(low: zip(xs, mean).map { ChartPoint(x: $0, y: $1 * 0.6) },
                                 high: zip(xs, mean).map { ChartPoint(x: $0, y: $1 * 1.4) }, color: .cyan)]
        let grid = chart.render(width: 60, height: 20)
        #expect(grid.cells.filter { $0.character == "░" }.count > 30)
        #expect(grid.cells.contains { isBraille($0.character) })
        chart.bands = []
        #expect(!chart.render(width: 60, height: 20).cells.contains { $0.character == "░" })
    }

    @Test func namesAreWrittenAtLineEndsWhereThereIsRoom() {
        var chart = LineChart(series: [Series(name: "alpha", values: [3, 2, 1.5]), Series(name: "beta", values: [1, 1.2, 1.4])])
        chart.xRange = 0...10
        let lines = chart.render(width: 60, height: 20).lines()
        #expect(lines.dropFirst().contains { $0.contains("alpha") })
        #expect(lines.dropFirst().contains { $0.contains("beta") })
    }
}

@Suite("One chart contract")
struct ChartContractTests {
    @Test func everyChartRendersAsTextTheSameWay() {
        let charts: [any Chart] = [
            LineChart(series: [Series(name: "a", values: [1, 2, 3])]),
            BarChart(groups: [BarGroup(name: "g")], categories: [BarCategory(name: "c", values: [0.5])], scale: .fraction),
            Heatmap(values: [[1, 2], [3, 4]]),
            Sparkline(values: [1, 3, 2]),
        ]
        for chart in charts {
            let grid = chart.render(width: 30, height: 8)
            #expect(chart.text(width: 30, height: 8) == grid.description)
            #expect(chart.lines(width: 30, height: 8, trimmingTrailingSpaces: false) == grid.lines())
            #expect(!grid.description.isEmpty)
        }
    }
}
