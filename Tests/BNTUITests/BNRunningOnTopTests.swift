import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("BN channel chart in ASCII: the running line shows where the expected one coincides")
struct BNRunningOnTopTests {
    /// The chart pane's rows of the channel chart's plot: below its legend, above its x axis.
    static func plotRows(_ glyphs: Glyphs) throws -> (legend: [String], plot: [String]) {
        let state = BNFixtures.state(size: BNPanelTests.small)
        let rows = WorkbenchView.render(state, size: state.size, glyphs: glyphs).lines().map { String($0.dropFirst(30)) }
        let last = try #require(rows.lastIndex { $0.contains("expected (") }, "\(rows)")
        let axis = try #require(rows.indices.first { $0 > last && rows[$0].contains("+--") || $0 > last && rows[$0].contains("└") }, "\(rows)")
        let first = try #require(rows.firstIndex { $0.contains("batch mean") })
        return (Array(rows[first...last]), Array(rows[(last + 1)..<axis]))
    }

    @Test func inASCIITheRunningMarkerIsNotCovered() throws {
        let (legend, plot) = try Self.plotRows(.ascii)
        let marks = plot.map { row in row.filter { $0 == "o" }.count }.reduce(0, +)
        #expect(marks >= 5, "running_mean's `o` hidden:\n\(plot.joined(separator: "\n"))")
        // The expected line keeps its own marks on top, and the legend says where it went.
        #expect(plot.joined().filter { $0 == "x" }.count >= 5)
        #expect(legend.joined().contains("expected (x, under o)"), "\(legend)")
    }

    @Test func theLegendKeepsTheSeriesOrder() throws {
        let (legend, _) = try Self.plotRows(.unicode)
        let text = legend.joined(separator: " ")
        let order = ["batch mean", "running_mean", "expected (×)"].compactMap { text.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted(), "\(legend)")
    }
}
