import Testing
@testable import BNCharts

@Suite("Sparkline and ProgressBar")
struct SmallChartTests {
    @Test func sparklineRampsThroughAllBlocks() {
        #expect(Sparkline(values: (1...8).map(Double.init)).text(width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline(values: [1, 8]).text(width: 4) == "▁█  ")
    }

    @Test func sparklineShowsLatestValuesOrAverages() {
        var line = Sparkline(values: [100, 100, 100, 100] + (1...8).map(Double.init))
        #expect(line.text(width: 8) == "▁▂▃▄▅▆▇█")
        line.fit = .average
        #expect(line.text(width: 6).first == "█")
    }

    @Test func sparklineSkipsNaNAndHandlesConstants() {
        #expect(Sparkline(values: [1, .nan, 2]).text(width: 3) == "▁ █")
        #expect(Sparkline(values: [3, 3, 3]).text(width: 3) == "▅▅▅")
        #expect(Sparkline(values: []).text(width: 3) == "   ")
        #expect(Sparkline(values: [.nan]).text(width: 2) == "  ")
    }

    @Test func tallSparklineStacksBlocks() {
        let grid = Sparkline(values: [0, 1, 0.5]).render(width: 3, height: 2)
        #expect(grid.lines() == [" █▁", "▁██"])
    }

    @Test func sparklineFixedRangeAndAscii() {
        var line = Sparkline(values: [0, 5, 10], glyphs: .ascii)
        line.range = 0...20
        let text = line.text(width: 3)
        #expect(text.allSatisfy { $0.isASCII })
        #expect(text.last != "#")
    }

    @Test func progressBarWithEighths() {
        #expect(ProgressBar(fraction: 0.5).text(width: 10) == "█████     ")
        #expect(ProgressBar(fraction: 0.45).text(width: 10) == "████▌     ")
        #expect(ProgressBar(fraction: 0.01).text(width: 10) == "▏         ")
        #expect(ProgressBar(fraction: 0).text(width: 4) == "    ")
        #expect(ProgressBar(fraction: 1).text(width: 4) == "████")
        #expect(ProgressBar(fraction: 7).text(width: 4) == "████")
        #expect(ProgressBar(fraction: .nan).text(width: 4) == "    ")
    }

    @Test func progressBarLabelOverlay() {
        let grid = ProgressBar(fraction: 0.5, label: "50%", style: .fg(.green)).render(width: 11, height: 1)
        #expect(grid.lines() == ["████50%    "])
        #expect(grid[4, 0].style.attributes.contains(.reverse))   // over the filled part
        #expect(!grid[5, 0].style.attributes.contains(.reverse))  // over the track
        #expect(grid[0, 0].style.foreground == .green)
    }

    @Test func asciiProgressBar() {
        #expect(ProgressBar(fraction: 0.5, glyphs: .ascii).text(width: 10) == "#####.....")
        #expect(ProgressBar(fraction: 0.5, label: "a very long label", glyphs: .ascii).text(width: 6) == "a ver~")
    }
}
