import BNCharts
import Foundation
import Testing
@testable import BNTUI

@Suite("Loss chart notes: a converging run is never called diverged, long notes lose their details first")
struct ConvergingLossTests {
    /// bn-vs-no-bn on a subset, live: bn falls from 2.3 to about 1 with noise, no-bn stays near 2.3.
    static func chart(showsRaw: Bool) -> LineChart {
        let steps = (1...32).map(Double.init)
        let bn = steps.map { 1 + 1.3 * exp(-$0 / 10) + 0.08 * sin($0 * 1.7) - ($0 == 32 ? 0.1 : 0) }
        let noBN = steps.map { 2.3 - 0.002 * $0 + 0.01 * sin($0) }
        var chart = LineChart(series: [Series(name: "bn", x: steps, y: bn), Series(name: "no-bn", x: steps, y: noBN)],
                              glyphs: .unicode, smoothing: 0.6)
        chart.robustRange = true
        chart.showsRawSeries = showsRaw
        return chart
    }

    @Test func theLowestRawLossesStayInsideTheRange() {
        for showsRaw in [true, false] {
            let notes = Self.chart(showsRaw: showsRaw).notes(in: Rect(x: 0, y: 0, width: 48, height: 20))
            #expect(!notes.contains { $0.text.contains("diverged") }, "raw shown \(showsRaw): \(notes.map(\.text))")
            #expect(!notes.contains { $0.text.contains("below") }, "raw shown \(showsRaw): \(notes.map(\.text))")
        }
    }

    @Test func aRunBlowingUpIsStillCalledDiverged() {
        let steps = (1...32).map(Double.init)
        var chart = Self.chart(showsRaw: true)
        chart.series.append(Series(name: "no-bn-lr1.0", x: steps, y: steps.map { $0 < 16 ? 2.3 : ($0 < 27 ? pow(10, $0) : .nan) }))
        let notes = chart.notes(in: Rect(x: 0, y: 0, width: 48, height: 20))
        #expect(notes.contains { $0.text.hasPrefix("no-bn-lr1.0 diverged at step 16") }, "\(notes.map(\.text))")
    }

    @Test func aNoteTooLongForItsRowDropsItsDetailsInsteadOfBeingCut() {
        let steps = (1...32).map(Double.init)
        var chart = Self.chart(showsRaw: true)
        chart.series.append(Series(name: "no-bn-lr1.0", x: steps, y: steps.map { $0 < 16 ? 2.3 : ($0 < 27 ? pow(10, $0) : .nan) }))
        let narrow = chart.render(width: 40, height: 20).lines().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(narrow.contains { $0.hasSuffix("no-bn-lr1.0 diverged at step 16") }, "\(narrow)")
        #expect(!narrow.contains { $0.contains("(max") })
        let wide = chart.render(width: 100, height: 20).lines()
        // the NaN gets its own step, as the run's end names the step its loss became NaN
        #expect(wide.contains { $0.contains("no-bn-lr1.0 diverged at step 16 (max 1.0e26, then NaN at step 27)") }, "\(wide)")
    }
}
