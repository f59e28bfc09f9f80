import Testing
@testable import BNCharts

@Suite("Heatmap: full width and named scales")
struct HeatmapScaleTests {
    @Test func fewColumnsAreStretchedToTheWidth() {
        let grid = Heatmap(values: [[0, 1, 2, 3]]).render(width: 40, height: 2)
        #expect(grid.lines()[0].allSatisfy { $0 != " " })
        #expect(grid.lines()[0].filter { $0 == "█" }.count == 10)
    }

    @Test func theScaleIsNamedOnScreen() {
        var map = Heatmap(values: [[1, 2], [3, 4]])
        #expect(map.render(width: 60, height: 3).description.contains("(linear min-max)"))
        map.scale = .robustQuantiles
        #expect(map.render(width: 60, height: 3).description.contains("(2-98% quantiles)"))
    }

    @Test func ratioToTheFirstColumnComparesRowsOfDifferentSize() {
        var map = Heatmap(values: [[10, 20, 30], [1, 2, 3]])
        map.showsScale = false
        let linear = map.render(width: 3, height: 2).lines()
        #expect(linear[0] != linear[1])
        map.scale = .ratioToFirst
        let ratio = map.render(width: 3, height: 2).lines()
        #expect(ratio[0] == ratio[1])
        #expect(HeatmapScale.differenceFromFirst.transform([5, 7, 4]) == [0, 2, -1])
    }

    @Test func robustQuantilesKeepAStartValueFromSwampingTheRest() {
        // running_var: starts at 1.0, then small values that differ.
        let small: [Double] = (0..<99).map { (i: Int) -> Double in 0.01 + Double(i % 10) * 0.004 }
        let row: [Double] = [1.0] + small
        var map = Heatmap(values: [row])
        map.showsScale = false
        let linearShades = Set(map.render(width: 100, height: 1).lines()[0].dropFirst())
        map.scale = .robustQuantiles
        let robustShades = Set(map.render(width: 100, height: 1).lines()[0].dropFirst())
        #expect(linearShades.count <= 2)
        #expect(robustShades.count >= 4)
    }
}
