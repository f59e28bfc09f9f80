import Testing
@testable import BNCharts

@Suite("BarChart")
struct BarChartTests {
    @Test func barLengthsAreProportional() throws {
        let chart = BarChart(
            groups: [BarGroup(name: "acc", color: .green)],
            categories: [
                BarCategory(name: "full", values: [1.0]),
                BarCategory(name: "half", values: [0.5]),
                BarCategory(name: "tenth", values: [0.1]),
                BarCategory(name: "none", values: [0]),
            ],
            scale: .fraction
        )
        let grid = chart.render(width: 41, height: 10)
        let full = barEighths(in: grid, row: try #require(row(containing: "full", in: grid)), color: .green)
        let half = barEighths(in: grid, row: try #require(row(containing: "half", in: grid)), color: .green)
        let tenth = barEighths(in: grid, row: try #require(row(containing: "tenth", in: grid)), color: .green)
        let none = barEighths(in: grid, row: try #require(row(containing: "none", in: grid)), color: .green)
        #expect(full > 80 && full % 8 == 0)
        #expect(abs(2 * half - full) <= 2)           // half the bar width ± one eighth
        #expect(abs(10 * tenth - full) <= 10)        // a tenth ± one eighth
        #expect(none == 0)
        #expect(grid.description.contains("100.0%"))
        #expect(grid.description.contains("50.0%"))
    }

    @Test func oddBarWidthsUseEighthBlocks() throws {
        let chart = BarChart(groups: [BarGroup(name: "g", color: .blue)],
                             categories: [BarCategory(name: "a", values: [0.5])], scale: .fraction)
        // Find a width whose bar area is odd, so half of it ends in a partial block ▌.
        var found = false
        for width in 20...24 {
            let grid = chart.render(width: width, height: 3)
            let y = try #require(row(containing: "a ", in: grid))
            if grid.lines()[y].contains("▌") {
                found = true
                #expect(barEighths(in: grid, row: y, color: .blue) % 8 == 4)
            }
        }
        #expect(found)
    }

    @Test func groupsAreColoredAndListedInTheLegend() throws {
        let chart = BarChart(
            groups: [BarGroup(name: "BN eval", color: .cyan), BarGroup(name: "BN train", color: .magenta),
                     BarGroup(name: "no-BN", color: .yellow)],
            categories: [
                BarCategory(name: "T-shirt", values: [0.852, 0.84, 0.80]),
                BarCategory(name: "Trouser", values: [0.97, 0.96, 0.95]),
            ],
            scale: .fraction
        )
        let grid = chart.render(width: 50, height: 12)
        let legend = grid.lines()[0]
        #expect(legend.contains("BN eval") && legend.contains("BN train") && legend.contains("no-BN"))
        let shirt = try #require(row(containing: "T-shirt", in: grid))
        #expect(grid.lines()[shirt].contains("85.2%"))
        #expect(barEighths(in: grid, row: shirt, color: .cyan) > 0)
        #expect(barEighths(in: grid, row: shirt + 1, color: .magenta) > 0)
        #expect(barEighths(in: grid, row: shirt + 2, color: .yellow) > 0)
        #expect(grid.lines()[shirt + 1].contains("84.0%"))
        let trouser = try #require(row(containing: "Trouser", in: grid))
        #expect(trouser == shirt + 4)     // three bars and one blank row
    }

    @Test func autoAndPercentScales() throws {
        let auto = BarChart(groups: [BarGroup(name: "n", color: .red)],
                            categories: [BarCategory(name: "a", values: [4]), BarCategory(name: "b", values: [2])])
        let g = auto.render(width: 30, height: 6)
        let a = barEighths(in: g, row: try #require(row(containing: "a ", in: g)), color: .red)
        let b = barEighths(in: g, row: try #require(row(containing: "b ", in: g)), color: .red)
        #expect(abs(2 * b - a) <= 2)
        let pct = BarChart(groups: [], categories: [BarCategory(name: "x", values: [85.2])], scale: .percent)
        #expect(pct.render(width: 30, height: 3).description.contains("85.2%"))
    }

    @Test func missingAndOutOfRangeValues() throws {
        let chart = BarChart(groups: [BarGroup(name: "g", color: .green), BarGroup(name: "h", color: .red)],
                             categories: [BarCategory(name: "c", values: [.nan]), BarCategory(name: "d", values: [2, -1])],
                             scale: .fraction)
        let grid = chart.render(width: 30, height: 9)
        let c = try #require(row(containing: "c ", in: grid))
        #expect(barEighths(in: grid, row: c, color: .green) == 0)
        #expect(grid.lines()[c].hasSuffix("–"))
        #expect(grid.lines()[c + 1].hasSuffix("–"))           // no value for the second group
        let d = try #require(row(containing: "d ", in: grid))
        #expect(barEighths(in: grid, row: d + 1, color: .red) == 0)   // negative: empty bar
        let clamped = barEighths(in: grid, row: d, color: .green)  // 200 %: a full bar, not more
        #expect(clamped > 0 && clamped % 8 == 0)
    }

    @Test func asciiBarsUseHashes() {
        let chart = BarChart(groups: [BarGroup(name: "g")], categories: [BarCategory(name: "a", values: [0.5])],
                             scale: .fraction, glyphs: .ascii)
        let grid = chart.render(width: 30, height: 3)
        #expect(isAllASCII(grid))
        #expect(grid.description.contains("#"))
    }

    @Test func categoriesThatDoNotFitAreLeftOut() {
        let chart = BarChart(groups: [BarGroup(name: "g")],
                             categories: (0..<10).map { BarCategory(name: "class\($0)", values: [Double($0) / 10]) },
                             scale: .fraction)
        let grid = chart.render(width: 40, height: 5)
        #expect(grid.description.contains("class0"))
        #expect(!grid.description.contains("class9"))
    }
}
