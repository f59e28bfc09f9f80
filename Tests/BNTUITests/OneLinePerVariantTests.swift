import BNCharts
import BNLab
import Testing
@testable import BNTUI

/// bn trained twice in one session: `#1 bn #1`, `#2 no-bn`, `#3 bn #3`. Live charts show the latest
/// run of each variant (the selected one when the runs panel has the focus), so `#1`'s line is not
/// drawn at all, and every line drawn has its legend entry with its own marker.
@Suite("Live charts: one line per variant, each in the legend with its own marker")
struct OneLinePerVariantTests {
    /// `#1`'s losses sit near 9, far above the others (below 3): drawn, they would stretch the y axis.
    static func state(focusOnRun: Int? = nil) -> WorkbenchState {
        let base = Fixtures.runs()
        func scaled(_ run: RunInfo, id: String, by factor: Double) -> RunInfo {
            var run = run
            run.id = id
            run.newEvents = run.newEvents.map { event in
                guard case .step(var s) = event else { return event }
                s.loss *= factor
                return .step(s)
            }
            return run
        }
        let runs = [scaled(base[0], id: "#1", by: 4), scaled(base[1], id: "#2", by: 1), scaled(base[0], id: "#3", by: 0.5)]
        var state = Fixtures.state(runs: runs, size: TerminalSize(width: 80, height: 24))
        state.selectedExperiment = state.experiments.firstIndex { $0.id == "bn-vs-no-bn" } ?? 0
        if let focusOnRun {
            state.focus = .runs
            state.selectedRun = focusOnRun
        }
        return state
    }

    /// The loss chart's legend entries (marker, name) and its largest y tick label.
    static func loss(_ state: WorkbenchState) throws -> (entries: [(Character, String)], top: Double) {
        let lines = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines().map { String($0.dropFirst(30)) }
        let legend = try #require(lines.first { $0.contains("last smoothed:") }, "\(lines)")
        let markers = Glyphs.unicode.seriesMarkers
        var entries: [(Character, String)] = []
        let chars = Array(legend)
        for (i, c) in chars.enumerated() where markers.contains(c) {
            let rest = String(chars[(i + 2)...]).components(separatedBy: "  ")[0]
            entries.append((c, rest.split(separator: " ").dropLast().joined(separator: " ")))
        }
        let ticks = lines.compactMap { line -> Double? in
            guard let bar = line.firstIndex(of: "┤") else { return nil }
            return Double(line[..<bar].replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces))
        }
        return (entries, ticks.max() ?? 0)
    }

    @Test func theOlderRunOfAVariantIsNeitherDrawnNorListed() throws {
        let (entries, top) = try Self.loss(Self.state())
        #expect(entries.map(\.1) == ["bn #3", "no-bn"], "\(entries)")
        #expect(Set(entries.map(\.0)).count == entries.count, "markers shared: \(entries)")
        #expect(top > 1 && top < 5, "#1's losses near 9 are drawn: top tick \(top)")
        #expect(Self.state().chartRuns.map(\.id) == ["#3", "#2"])
    }

    @Test func theSelectedRunReplacesItsVariantsLatest() throws {
        // Runs panel focused on #1: #1 is the bn line, #3 is not drawn.
        let state = Self.state(focusOnRun: 0)
        #expect(state.chartRuns.map(\.id) == ["#1", "#2"])
        let (entries, top) = try Self.loss(state)
        #expect(entries.map(\.1) == ["bn #1", "no-bn"], "\(entries)")
        #expect(Set(entries.map(\.0)).count == entries.count, "markers shared: \(entries)")
        #expect(top > 5, "#1's losses near 9 are not drawn: top tick \(top)")
    }
}
