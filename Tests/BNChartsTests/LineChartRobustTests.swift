import Foundation
import Testing
@testable import BNCharts

/// The learning-rate experiment's shape: three runs that learn, and no-bn-lr1.0 that reaches 3e30
/// from step 17 on.
private func learningRateSeries(endsInNaN: Bool = false) -> [Series] {
    let steps = (1...100).map(Double.init)
    func decay(_ scale: Double, _ floor: Double) -> [Double] { steps.map { 2.3 * exp(-$0 / scale) + floor } }
    var diverged = steps.map { $0 < 17 ? 2.3 - $0 * 0.01 : 3e30 * $0 / 100 }
    if endsInNaN { diverged[95...] = [.nan, .nan, .nan, .nan, .nan] }
    return [
        Series(name: "bn-lr0.1", x: steps, y: decay(30, 0.1)),
        Series(name: "bn-lr1.0", x: steps, y: decay(15, 0.2)),
        Series(name: "no-bn-lr0.1", x: steps, y: decay(50, 0.3)),
        Series(name: "no-bn-lr1.0", x: steps, y: diverged),
    ]
}

@Suite("Line chart: robust range, diverged series, log axis")
struct LineChartRobustTests {
    @Test func aDivergedRunNoLongerFlattensTheOthers() throws {
        var chart = LineChart(series: learningRateSeries(), glyphs: .unicode)
        let rect = Rect(width: 52, height: 18)
        let flat = try #require(chart.layout(in: rect))
        #expect(flat.yDomain.upperBound >= 3e30)             // without the option: everything on the x axis
        chart.robustRange = true
        let layout = try #require(chart.layout(in: rect))
        #expect(layout.yDomain.upperBound < 5)
        let top = try #require(layout.row(forY: 2.4)), bottom = try #require(layout.row(forY: 0.12))
        #expect(bottom - top >= layout.plot.height / 2)      // the learning runs use the plot's height
        let notes = chart.notes(in: rect).map(\.text)
        #expect(notes.contains { $0.hasPrefix("no-bn-lr1.0 diverged at step 17") })
        #expect(notes.first { $0.hasPrefix("no-bn-lr1.0") }?.contains("3.0e30") == true)
        let grid = chart.render(width: 52, height: 18)
        #expect(grid.lines()[layout.plot.y].contains("↑"))   // the clip mark where it leaves
        #expect(grid.description.contains("◆ no-bn-lr1.0"))          // legend and note share the marker
        #expect(grid.description.contains("diverged at step 17"))
    }

    @Test func endingInNaNIsNotedWithoutRobustRangeToo() {
        let chart = LineChart(series: [learningRateSeries(endsInNaN: true)[0],
                                       Series(name: "nan-run", values: [2, 1.5, 1, .nan, .nan])])
        let notes = chart.notes(in: Rect(width: 60, height: 20)).map(\.text)
        #expect(notes == ["nan-run diverged at step 3 (NaN)"])
        let grid = chart.render(width: 60, height: 20)
        #expect(grid.description.contains("×"))
    }

    @Test func onlyLastingExcursionsCountAsDivergence() {
        // A single spike that comes back is an outlier: clipped, but no note.
        var values = (0..<100).map { 1.0 - Double($0) / 200 }
        values[40] = 1e6
        var chart = LineChart(series: [Series(name: "spiky", values: values), Series(name: "calm", values: values.map { _ in 0.7 })])
        chart.robustRange = true
        let rect = Rect(width: 60, height: 20)
        #expect(chart.layout(in: rect)!.yDomain.upperBound < 2)
        #expect(chart.notes(in: rect).isEmpty)
    }

    @Test func logAxisLabelsAreAllScientificWhenOneIsHuge() throws {
        let chart = LineChart(series: learningRateSeries(), glyphs: .ascii, yScale: .logarithmic)
        let grid = chart.render(width: 52, height: 18)
        let layout = try #require(chart.layout(in: grid.bounds))
        let labels = (layout.plot.y..<layout.plot.maxY).compactMap { row -> String? in
            let text = grid.lines()[row].prefix(layout.yLabelWidth).trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        #expect(labels.count >= 4)
        #expect(labels.allSatisfy { $0.contains("e") && !$0.contains("T") && !$0.contains("G") })
    }

    @Test func theRobustLogAxisClipsTheDivergedRunToo() throws {
        var chart = LineChart(series: learningRateSeries(), yScale: .logarithmic)
        chart.robustRange = true
        let rect = Rect(width: 52, height: 18)
        let layout = try #require(chart.layout(in: rect))
        #expect(layout.yDomain.upperBound <= 10)
        #expect(chart.notes(in: rect).map(\.text).contains { $0.hasPrefix("no-bn-lr1.0 diverged at step 17") })
    }

    @Test func logAxisOverFewDecadesHasOneTwoFiveTicks() throws {
        var chart = LineChart(series: Array(learningRateSeries().prefix(3)), yScale: .logarithmic)
        chart.robustRange = true
        let layout = try #require(chart.layout(in: Rect(width: 52, height: 18)))
        #expect(layout.yTicks.contains(0.2) && layout.yTicks.contains(0.5) && layout.yTicks.contains(2))
    }
}


@Suite("Line chart: robust range on moderate divergence")
struct LineChartModerateDivergenceTests {
    @Test func aRunThatClimbsTo700ThenNaNDoesNotSetTheRange() throws {
        // The demo's no-bn-lr1.0: 88 steps climbing to ~700, then NaN.
        let steps = (1...300).map(Double.init)
        let climbing = steps.map { $0 <= 88 ? 2.3 * pow(1.07, $0) : .nan }
        var chart = LineChart(series: [
            Series(name: "bn", x: steps, y: steps.map { 2.3 * exp(-$0 / 60) + 0.3 }),
            Series(name: "no-bn-lr1.0", x: steps, y: climbing),
        ])
        chart.robustRange = true
        let rect = Rect(width: 52, height: 18)
        let layout = try #require(chart.layout(in: rect))
        #expect(layout.yDomain.upperBound <= 5)
        let note = try #require(chart.notes(in: rect).first)
        #expect(note.text.hasPrefix("no-bn-lr1.0 diverged at step"))
        #expect(note.text.hasSuffix("then NaN at step 89)"), "\(note.text)")
    }

    @Test func aLegitimatelyHigherRunStaysInRange() throws {
        // no-BN stays near 2.3 while BN drops to 0.1: both are drawn in full.
        let steps = (1...200).map(Double.init)
        var chart = LineChart(series: [
            Series(name: "bn", x: steps, y: steps.map { 2.3 * exp(-$0 / 20) + 0.1 }),
            Series(name: "stuck", x: steps, y: steps.map { 2.3 - $0 / 1000 }),
        ])
        chart.robustRange = true
        let rect = Rect(width: 52, height: 18)
        #expect(try #require(chart.layout(in: rect)).yDomain.upperBound >= 2.4)
        #expect(chart.notes(in: rect).isEmpty)
    }
}
