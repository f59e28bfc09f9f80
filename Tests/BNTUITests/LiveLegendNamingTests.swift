import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("Live legends and captions name runs by the one naming rule")
struct LiveLegendNamingTests {
    /// Three seeds of `bn` and one `no-bn`, live, at 120×40: the charts show the latest run of
    /// each variant, `#3 bn s3` and `#4 no-bn`.
    static func state(_ chart: ChartKind, overlay: Bool = false) -> WorkbenchState {
        var state = Fixtures.state(runs: NamesAndContextTests.seededRuns())
        state.chart = chart
        if overlay { state.bnPanelMode = .overlay }
        return state
    }

    /// The rows of the chart pane (right of the experiments and runs panels).
    static func chartRows(_ state: WorkbenchState) -> [String] {
        WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines().map { String($0.dropFirst(40)) }
    }

    @Test func theLossLegendNamesTheSeed() throws {
        let rows = Self.chartRows(Self.state(.loss))
        let legend = try #require(rows.first { $0.contains("●") }, "no legend: \(rows)")
        #expect(legend.contains("bn s3 ") && legend.contains("no-bn "), "\(legend)")
    }

    @Test func theAccuracyChartNamesTheSeed() {
        let state = Self.state(.accuracy)
        let names = AccuracyChartView.groups(state).map(\.name)
        #expect(names.contains { $0.hasPrefix("bn s3") }, "\(names)")
        let series = AccuracyChartView.epochSeries(state, selected: 0, className: "T-shirt", withClass: false, glyphs: .unicode)
        #expect(series.map(\.name) == ["bn s3", "no-bn"])
    }

    @Test func theBNCaptionAndOverlayLegendNameTheSeed() throws {
        let caption = Self.chartRows(Self.state(.runningStats))
        #expect(caption.contains { $0.contains("#3 bn s3") }, "\(caption)")
        let overlay = Self.chartRows(Self.state(.runningStats, overlay: true))
        let legend = try #require(overlay.first { $0.contains("●") }, "no legend: \(overlay)")
        #expect(legend.contains("bn s3"), "\(legend)")
    }

    @Test func theSeedBandLegendUsesTheNamingRule() throws {
        let bn = try ReplayFixtures.bn
        var other = try ReplayFixtures.noBN
        other.header.experiment = "other-experiment"
        var state = ReplayFixtures.state([bn, ReplayFixtures.reseeded(bn, seed: 7), other])
        Fixtures.press([.character("$")], &state)
        let names = try #require(state.replay).seedGroupNames()
        // Two experiments: every line is qualified by its experiment, the seed group included.
        #expect(names == ["bn-vs-no-bn/bn", "other-experiment/no-bn"])
        let text = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode).description
        #expect(text.contains("bn-vs-no-bn/bn mean of 2 seeds"))
    }
}
