import BNCharts
import BNLab
import Testing
@testable import BNTUI

/// The BN statistics panel: channel chart with the expected line and its difference, overlay
/// across runs, heatmap of every channel with a named order and scale, layer summary; legible at
/// 80×24 and 140×45, in ASCII and without colour.
@Suite("BN panel")
struct BNPanelTests {
    static let small = TerminalSize(width: 80, height: 24), large = TerminalSize(width: 140, height: 45)

    func render(_ state: WorkbenchState, _ size: TerminalSize, glyphs: Glyphs = .unicode) -> Grid {
        WorkbenchView.render(state, size: size, glyphs: glyphs)
    }

    /// The text of the rows between the panel's tab row and the panel's bottom border.
    func lines(_ grid: Grid) -> [String] { grid.description.split(separator: "\n").map(String.init) }

    @Test func theRecordKeepsWatchEventsPerLayerWithTheExpectedLine() throws {
        var record = RunRecord(id: "#1", experimentID: "e", variant: "v")
        for event in BNFixtures.events(steps: 30, micros: 4, momentum: nil) { record.apply(event) }
        let trace = try #require(record.watches["2"])
        #expect(trace.events.count == 120 && trace.microsPerStep == 4)
        #expect(trace.x(3) == 1 && trace.x(4) == 1.25)              // step 1's last forward sits on step 1
        #expect(trace.rule.problem == nil && trace.rule.momentum == .cumulative)
        #expect(trace.rule.maxRelativeMean < 1e-5 && trace.rule.maxRelativeVariance < 1e-5)
        #expect(record.layerNames == ["2"])
    }

    @Test func theTraceStaysBoundedAndEvenlyThinnedButChecksEveryEvent() throws {
        var trace = BNWatchTrace()
        let events = BNFixtures.events(steps: 3000, micros: 3, channels: 4, snapshotEvery: 100_000)
            .compactMap { if case .bnWatch(let w) = $0 { w } else { nil } }
        for w in events { trace.append(w) }
        #expect(trace.received == 9000)
        #expect(trace.events.count <= BNWatchTrace.limit && trace.events.count > BNWatchTrace.limit / 2)
        #expect(trace.stride == 4)
        let gaps = Set(zip(trace.events, trace.events.dropFirst()).map { ($0.1.step - $0.0.step) * 3 + $0.1.micro - $0.0.micro })
        #expect(gaps == [4])                                        // evenly spaced: every 4th forward
        #expect(trace.rule.updates == 8999 && trace.rule.maxRelativeMean < 1e-5)
        // A broken update anywhere, even one not kept, shows in the largest difference.
        var broken = BNWatchTrace()
        for (i, var w) in events.enumerated() {
            if i == 4001 { w.runningMean?[0] += 0.01 }
            broken.append(w)
        }
        #expect(broken.rule.maxRelativeMean > 1e-3)
    }

    @Test(arguments: [BNPanelTests.small, BNPanelTests.large])
    func theChannelChartShowsBatchRunningAndExpectedWithTheDifference(size: TerminalSize) {
        let state = BNFixtures.state(size: size)
        let grid = render(state, size)
        let text = grid.description
        #expect(text.contains("ch 0/15 watched"))
        #expect(text.contains("run = 0.9*run + 0.1*batch (var: n/(n-1))"))
        #expect(text.contains("max |expected - running| = "))
        // Each series has its own legend marker (see LineChart); the names follow them.
        #expect(text.contains(" batch mean") && text.contains(" running_mean") && text.contains(" expected (×)"))
        #expect(grid.cells.filter { $0.character == "×" }.count >= 5)
        #expect(text.contains("scale 2-98%:"))
        #expect(text.contains("running_mean") && text.contains("by channel"))
        #expect(text.contains("|run-batch| median") && text.contains("max"))
        // Nothing of the panel is lost off the screen: the x axis labels are on the last panel rows.
        #expect(text.contains("60"))
        // The difference shown is the one computed, and it is float-small.
        let shown = lines(grid).first { $0.contains("max |expected - running| = ") } ?? ""
        let value = shown.split(separator: "=").last.flatMap { Double($0.split(separator: " ").first ?? "") } ?? 1
        #expect(value > 0 && value < 1e-5)
    }

    @Test func unwatchedChannelsSayWhichAreWatched() {
        var state = BNFixtures.state(size: Self.small)
        Fixtures.press([.character(".")], &state)
        let text = render(state, Self.small).description
        #expect(text.contains("ch 1/15 not watched"))
        #expect(text.contains("ch 1 not watched: snapshots, no rule check"))
        #expect(text.contains("watched: 0,4,8,12 (< > jump)"))
        Fixtures.press([.character("."), .character("."), .character(".")], &state)
        #expect(render(state, Self.small).description.contains("ch 4/15 watched"))
    }

    @Test func everyChannelIsReachableAndTheOrderIsNamed() {
        var state = BNFixtures.state(size: Self.small)
        #expect(render(state, Self.small).description.contains("running_mean c0-c2 of 16 by channel"))
        for _ in 0..<15 { Fixtures.press([.character(".")], &state) }
        let last = render(state, Self.small).description
        #expect(last.contains("c13-c15 of 16") && last.contains("c15"))
        Fixtures.press([.character("O")], &state)
        #expect(render(state, Self.small).description.contains(" of 16 by drift |run-batch|"))
        Fixtures.press([.character("O"), .character("O")], &state)
        #expect(render(state, Self.small).description.contains("by change"))
        Fixtures.press([.character("O")], &state)
        #expect(render(state, Self.small).description.contains("by channel"))
    }

    @Test func theDriftOrderPutsTheLargestDriftFirst() throws {
        let events = BNFixtures.events()
        let snaps = events.compactMap { if case .bnSnapshot(let s) = $0 { s } else { nil } }
        let first = try #require(snaps.first), latest = try #require(snaps.last)
        let order = BNHeatmapOrder.drift.channels(first: first, latest: latest, statistic: .mean)
        let drift = order.map { abs(Double(latest.runningMean![$0]) - Double(latest.batchMean[$0])) }
        #expect(Set(order) == Set(0..<16))
        #expect(zip(drift, drift.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func theColourScaleIgnoresTheInitialValue() {
        // running_var starts near 1 and settles near 0.2: the 2–98 % scale is set by the settled values.
        var state = BNFixtures.state(size: Self.large)
        Fixtures.press([.character("v")], &state)
        let scale = lines(render(state, Self.large)).first { $0.contains("scale 2-98%:") } ?? ""
        let numbers = scale.split(separator: " ").compactMap { Double($0) }
        #expect(numbers.count >= 2)
        #expect((numbers.first ?? 1) > 0.1 && (numbers.first ?? 0) < (numbers.dropFirst().first ?? 0))
    }

    @Test func theOverlayShowsOneChannelForEveryRun() {
        let runs: [(String, Double?)] = [("m0.5", 0.5), ("m0.1", 0.1), ("m0.01", 0.01), ("cumulative", nil)]
        for size in [Self.small, Self.large] {
            var state = BNFixtures.state(runs, experiment: "bn-momentum", size: size)
            Fixtures.press([.character("o")], &state)
            let grid = render(state, size)
            let text = grid.description
            #expect(text.contains("running_mean, layer 2, ch 0, 4 runs"))
            for (name, _) in runs { #expect(text.contains(" \(name) "), "\(name) at \(size)") }
            #expect(grid.brailleCount() > 40)
        }
    }

    @Test func thePanelFitsInASCIIWithoutColour() {
        for size in [Self.small, Self.large] {
            var state = BNFixtures.state(size: size)
            let grid = render(state, size, glyphs: .ascii)
            let text = grid.description
            #expect(text.allSatisfy { $0.isASCII }, "non-ASCII at \(size)")
            #expect(text.contains("expected (x, under o)") && text.contains("scale 2-98%:"))
            #expect(grid.cells.filter { $0.character == "x" }.count >= 5)
            Fixtures.press([.character("o")], &state)
            #expect(render(state, size, glyphs: .ascii).description.allSatisfy { $0.isASCII })
        }
    }
}

extension BNPanelTests {
    @Test func snapshotsPerLayerAreBoundedAndKeepTheLatest() {
        var record = RunRecord(id: "#1", experimentID: "e", variant: "v")
        for step in 1...5000 {
            record.apply(.bnSnapshot(BNSnapshot(step: step, layer: "2", batchMean: [0], batchVar: [1])))
        }
        let kept = record.snapshots["2"] ?? []
        #expect(kept.count <= RunRecord.snapshotLimit && kept.count > RunRecord.snapshotLimit / 2)
        #expect(kept.first?.step == 1 && kept.last?.step == 5000)
    }
}
