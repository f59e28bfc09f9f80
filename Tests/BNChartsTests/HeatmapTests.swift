import Testing
@testable import BNCharts

@Suite("Heatmap")
struct HeatmapTests {
    private let matrix: [[Double]] = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]

    @Test func minimumIsLightestAndMaximumDarkest() {
        let grid = Heatmap(values: matrix).render(width: 20, height: 4)
        let shades = Glyphs.unicode.shades
        #expect(grid[0, 0].character == shades.first)
        #expect(grid[19, 2].character == shades.last)
        // Shades never get lighter as the value grows (4 columns stretched over 20).
        let flat = (0..<3).flatMap { y in (0..<20).map { x in shades.firstIndex(of: grid[x, y].character)! } }
        #expect(flat == flat.sorted())
    }

    @Test func scaleLegendShowsMinAndMax() {
        let grid = Heatmap(values: matrix).render(width: 20, height: 4)
        #expect(grid.lines()[3].hasPrefix("0 ·░▒▓█ 11"))
    }

    @Test func rowLabelsAreShownLeftOfTheRows() {
        let grid = Heatmap(values: matrix, rowLabels: ["c0", "c1", "c2"]).render(width: 20, height: 4)
        #expect(grid.lines()[0].hasPrefix("c0 ·"))
        #expect(grid.lines()[2].hasPrefix("c2 "))
        #expect(grid[19, 2].character == "█")
    }

    @Test func timeIsDownsampledToTheWidth() {
        let row = (0..<1000).map(Double.init)
        let grid = Heatmap(values: [row]).render(width: 20, height: 2)
        let line = Array(grid.lines()[0])
        #expect(line.count == 20)
        #expect(line.allSatisfy { $0 != " " })
        #expect(line.first == "·" && line.last == "█")
    }

    @Test func resampleAverageAndLast() {
        let xs = (0..<10).map(Double.init)
        #expect(Heatmap.resample(xs, to: 5, using: .average) == [0.5, 2.5, 4.5, 6.5, 8.5])
        #expect(Heatmap.resample(xs, to: 5, using: .last) == [1, 3, 5, 7, 9])
        #expect(Heatmap.resample(xs, to: 10, using: .average) == xs)
        // Fewer values than columns: each value is stretched over its share of the width.
        #expect(Heatmap.resample(xs, to: 20, using: .average) == xs.flatMap { [$0, $0] })
        #expect(Heatmap.resample([.nan, 2, .nan, .nan], to: 2, using: .average)[0] == 2)
        #expect(Heatmap.resample([.nan, 2, .nan, .nan], to: 2, using: .last)[1].isNaN)
        #expect(Heatmap.resample(xs, to: 0, using: .last).isEmpty)
    }

    @Test func colorRampUsesBackgrounds() {
        let grid = Heatmap(values: matrix, shading: .colors).render(width: 20, height: 4)
        #expect(grid[0, 0].style.background == .blue)
        #expect(grid[19, 2].style.background == .red)
        #expect(grid[0, 0].character == " ")
    }

    @Test func nanCellsStayBlankAndRaggedRowsArePadded() {
        let grid = Heatmap(values: [[1, .nan, 3], [2]]).render(width: 10, height: 3)
        // 3 columns over 10 cells: cells 0-3 show column 0, 4-6 column 1, 7-9 column 2.
        #expect(grid[5, 0].character == " ")
        #expect(grid[5, 1].character == " ")
        #expect(grid[9, 0].character == "█")
    }

    @Test func manyRowsAreMergedToFit() {
        let values = (0..<100).map { r in (0..<30).map { Double(r + $0) } }
        let grid = Heatmap(values: values).render(width: 30, height: 10)
        #expect(grid.lines()[8].allSatisfy { $0 != " " })
        #expect(grid.lines()[9].contains("·░▒▓█"))
    }

    @Test func fixedRangeAndConstantMatrix() {
        var map = Heatmap(values: [[5, 5, 5]])
        #expect(map.render(width: 10, height: 1).lines()[0].hasPrefix("···"))
        map.range = 0...5
        #expect(map.render(width: 10, height: 1).lines()[0].hasPrefix("███"))
        #expect(Heatmap.level(of: 10, in: 0...5, levels: 5) == 4)
        #expect(Heatmap.level(of: -3, in: 0...5, levels: 5) == 0)
        #expect(Heatmap.level(of: .nan, in: 0...5, levels: 5) == nil)
    }

    @Test func emptyMatrixSaysNoData() {
        #expect(Heatmap(values: []).render(width: 12, height: 3).description.contains("no data"))
        #expect(Heatmap(values: [[]]).render(width: 12, height: 3).description.contains("no data"))
    }
}
