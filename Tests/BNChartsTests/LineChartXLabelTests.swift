import Testing
@testable import BNCharts

@Suite("LineChart x labels: first and last value, nice ticks between, the unit")
struct LineChartXLabelTests {
    /// Losses at steps 1…94, as a 2-epoch run on a subset records them.
    private func steps(unit: String = "step") -> LineChart {
        var chart = LineChart(series: [Series(name: "bn", x: (1...94).map(Double.init),
                                              y: (1...94).map { 2.3 / Double($0).squareRoot() })])
        chart.xAxisUnit = unit
        return chart
    }

    private func labelRow(_ chart: LineChart, width: Int, height: Int = 14) throws -> String {
        let grid = chart.render(width: width, height: height)
        let layout = try #require(chart.layout(in: grid.bounds))
        return grid.lines()[layout.plot.maxY + 1]
    }

    @Test func theFirstAndLastStepsAreLabelledWithTheUnit() throws {
        let row = try labelRow(steps(), width: 48)
        let words = row.split(separator: " ").map(String.init)
        #expect(words.first == "1", "\(row)")
        #expect(row.hasSuffix("94 step"), "\(row)")
        // The nice ticks between (50) still fit.
        #expect(words.contains("50"), "\(row)")
    }

    @Test func labelsNeverTouchAndStayInTheirOrder() throws {
        for width in [12, 16, 20, 30, 48, 80, 140] {
            let row = try labelRow(steps(), width: width)
            let numbers = row.split(separator: " ").compactMap { Double($0) }
            #expect(numbers == numbers.sorted(), "width \(width): \(row)")
            #expect(numbers.last == 94, "width \(width): \(row)")
            if width >= 16 { #expect(numbers.first == 1, "width \(width): \(row)") }
        }
    }

    @Test func withoutRoomTheUnitIsLeftOut() throws {
        let row = try labelRow(steps(unit: "optimizer steps"), width: 14)
        #expect(row.hasSuffix("94") && !row.contains("optimizer"), "\(row)")
    }

    @Test func theCursorLabelKeepsItsPlace() throws {
        var chart = steps()
        chart.cursorX = 94
        let row = try labelRow(chart, width: 48)
        // The cursor's own label says 94; no end label is written over it.
        #expect(row.components(separatedBy: "94").count == 2, "\(row)")
        #expect(row.split(separator: " ").first == "1", "\(row)")
    }
}

@Suite("The end label of the x axis stays over its own tick")
struct EndLabelOverItsTickTests {
    @Test func aNumberPushedLeftUnderAnotherTickTakesTheUnitBeforeIt() {
        // 64 steps on a narrow plot: the 60 tick sits right before the end; "64 step" would put
        // 64 under the 60 tick, so the axis reads "step 64", ending at its tick.
        var chart = LineChart(series: [Series(name: "a", x: (1...64).map(Double.init), y: (1...64).map { 1 / Double($0) })],
                              glyphs: .ascii)
        chart.xAxisUnit = "step"
        let rows = chart.render(width: 40, height: 12).lines()
        let labels = rows.last { $0.contains("64") } ?? ""
        let axis = rows.last { $0.contains("+-") } ?? ""
        let tick = Array(axis).lastIndex { $0 == "+" } ?? -1
        let digits = Array(labels).indices.filter { Array(labels)[$0].isNumber }
        #expect(labels.hasSuffix("64") || labels.contains("64 step"), "\(labels)")
        if let last = labels.range(of: "64") {
            let end = labels.distance(from: labels.startIndex, to: last.upperBound) - 1
            // the 4 of 64 is at (or, with the unit after it, left of) the end tick, never under another tick
            let ticks = Array(axis).indices.filter { Array(axis)[$0] == "+" && $0 > 0 }
            let under = ticks.filter { $0 >= end - 1 && $0 <= end }
            #expect(end == tick || under.isEmpty, "\(axis)\n\(labels) \(digits)")
        }
    }
}
