import BNCharts
import BNLab
import Foundation
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

@Suite("BN channel chart in a replay: the expected line's marks stop where its data stops")
struct BNExpectedMarksInReplayTests {
    @Test func noMarksPastTheCursor() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/screen-runs/bn-vs-no-bn/bn-vs-no-bn-bn.jsonl")
        var state = ReplayFixtures.state([try RunReader.read(contentsOf: file)])   // with bn_watch events
        state.size = TerminalSize(width: 140, height: 45)
        Fixtures.press([.character("3")] + Array(repeating: .character("f"), count: 6), &state)
        #expect(state.replay?.cursor.step == 6)
        let rows = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines()
        let legend = try #require(rows.firstIndex { $0.contains("■ expected (×)") }, "\(rows)")
        let axis = try #require(rows.indices.first { $0 > legend && rows[$0].contains("└") })
        let plot = rows[(legend + 1)..<axis]
        #expect(plot.joined().contains("×"), "\(plot.joined(separator: "\n"))")
        // the cursor is at step 6 of 32: the right half of the plot has no marks
        for row in plot {
            let right = row.suffix(row.count / 3)
            #expect(!right.contains("×"), "\(row)")
        }
    }
}
