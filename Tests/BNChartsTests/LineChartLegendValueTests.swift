import Testing
@testable import BNCharts

@Suite("LineChart legend values are the line as drawn, and say so")
struct LineChartLegendValueTests {
    /// A loss falling from 2 to 0.5 with a last spike to 0.9: the raw and smoothed ends differ.
    private func chart(smoothing: Double) -> LineChart {
        var values = (0..<40).map { 2 - 1.5 * Double($0) / 39 }
        values.append(0.9)
        var s = Series(name: "bn", values: values)
        s.showsLastValue = true
        return LineChart(series: [s], smoothing: smoothing)
    }

    @Test func smoothedLinesShowTheirSmoothedEnd() throws {
        let c = chart(smoothing: 0.6)
        let legend = c.text(width: 60, height: 14).split(separator: "\n")[0]
        let smoothed = try #require(EMASmoothing(weight: 0.6).apply(c.series[0].points.map(\.y)).last)
        #expect(legend.hasPrefix("last smoothed: ● bn " + NumberFormat.value(smoothed, significantDigits: 3)), "\(legend)")
        #expect(!legend.contains("0.9"), "\(legend)")
    }

    @Test func rawLinesShowTheRawEnd() {
        let legend = chart(smoothing: 0).text(width: 60, height: 14).split(separator: "\n")[0]
        #expect(legend.hasPrefix("last: ● bn 0.9"), "\(legend)")
    }

    @Test func aSmoothedCursorReadingIsTitled() {
        var c = chart(smoothing: 0.6)
        c.series[0].showsLastValue = false
        c.cursorX = 20
        let legend = c.text(width: 60, height: 14).split(separator: "\n")[0]
        #expect(legend.hasPrefix("smoothed: ● bn "), "\(legend)")
    }

    @Test func aNarrowLegendDropsItsTitleNotItsEntries() {
        var legend = Legend(entries: [LegendEntry(label: "bn 0.8", color: .cyan)])
        legend.title = "last smoothed:"
        // `last smoothed: ● bn 0.8` is 23 columns.
        #expect(legend.showsTitle(width: 23))
        #expect(!legend.showsTitle(width: 22))
        #expect(legend.rowsNeeded(width: 22) == 1)
    }
}
