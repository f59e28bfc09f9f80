import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("View: states rendered into grids")
struct ViewTests {
    let size = Fixtures.size

    func render(_ state: WorkbenchState, _ size: TerminalSize? = nil, glyphs: Glyphs = .unicode) -> Grid {
        WorkbenchView.render(state, size: size ?? self.size, glyphs: glyphs)
    }

    @Test func theCatalogIsListed() {
        let grid = render(Fixtures.state())
        let text = grid.description
        for e in DemoCatalog.experiments { #expect(text.contains(e.title.prefix(30)), "\(e.title)") }
        #expect(text.contains("variants: bn · no-bn"))
        #expect(text.contains("The same MLP"))
        #expect(text.contains("No runs yet"))
        #expect(grid.width == 120 && grid.height == 40)
    }

    @Test func theSelectionIsReversedInTheFocusedList() {
        var state = Fixtures.state()
        Fixtures.press([.down], &state)
        let grid = render(state)
        let p = grid.find("▶ BatchNorm momentum")!
        #expect(grid[p].style.attributes.contains(.reverse))
        let other = grid.find("BatchNorm vs. no BatchNorm")!
        #expect(!grid[other].style.attributes.contains(.reverse))
    }

    @Test func runsShowStateProgressRateAndEta() {
        let grid = render(Fixtures.state(runs: Fixtures.runs(steps: 30)))
        let text = grid.description
        #expect(text.contains("#1 bn "))
        #expect(text.contains("running"))
        #expect(text.contains("ep 1/2 30/100"))
        #expect(text.contains("/s"))
        // 30 of 100 steps: the bar is 30 % filled with full blocks.
        let row = grid.find("ep 1/2 30/100")!.y
        #expect(grid.lines()[row].contains("█"))
    }

    @Test func theLossChartDrawsBrailleInThePlot() {
        let grid = render(Fixtures.state(runs: Fixtures.runs()))
        let chartArea = Rect(x: 45, y: 3, width: 75, height: 35)
        #expect(grid.brailleCount(in: chartArea) > 50)
        #expect(grid.brailleCount(in: Rect(x: 0, y: 0, width: 40, height: 40)) == 0)
        // Each series has its own marker, in the legend and along its line.
        #expect(grid.description.contains("● bn"))
        #expect(grid.description.contains("▲ no-bn"))
    }

    @Test func aKnownSeriesPutsDotsWhereExpected() {
        // One run whose loss falls linearly from 2 to 0 over 100 steps, no smoothing: the line runs
        // from the plot's top-left corner to its bottom-right one.
        var record = RunRecord(id: "#1", experimentID: "bn-vs-no-bn", variant: "bn", state: .done)
        for s in 0...100 {
            record.apply(.step(StepEvent(step: s, epoch: 1, loss: 2 - Double(s) / 50, lr: 0.01, samples: s)))
        }
        var state = Fixtures.state()
        state.runs = [record]
        state.smoothingEnabled = false
        let grid = render(state)
        let chart = LineChart(series: [Series(name: "bn 0", points: record.losses)], glyphs: .unicode)
        // The chart pane's body as the full layout places it at 120×40: the left column is 40 wide;
        // then the box border and a margin (x 42), header, border, tab row and caption (y 4).
        let body = Rect(x: 42, y: 4, width: 77, height: 34)
        let layout = chart.layout(in: body)!
        let plot = layout.plot
        func isBraille(_ x: Int, _ y: Int) -> Bool {
            (0x2801...0x28FF).contains(grid[x, y].character.unicodeScalars.first!.value)
        }
        #expect(isBraille(plot.x, layout.row(forY: 2)!))
        #expect(isBraille(plot.maxX - 1, layout.row(forY: 0)!))
        let mid = layout.column(forX: 50)!
        #expect(isBraille(mid, layout.row(forY: 1)!))
        #expect(!isBraille(plot.maxX - 1, layout.row(forY: 2)!))
    }

    @Test func logScaleAndSmoothingAreNamed() {
        var state = Fixtures.state(runs: Fixtures.runs())
        Fixtures.press([.character("L")], &state)
        let text = render(state).description
        #expect(text.contains("log scale"))
        #expect(text.contains("smoothed 0.6 (raw faint)"))
    }

    @Test func theAccuracyChartComparesModesPerClass() {
        var state = Fixtures.state(runs: Fixtures.runs())
        Fixtures.press([.character("2")], &state)
        let text = render(state).description
        #expect(text.contains("bn eval"))
        #expect(text.contains("bn train b=64"))
        #expect(text.contains("no-bn"))
        #expect(text.contains("T-shirt/top"))
        #expect(text.contains("%"))
    }

    @Test func theRunningStatsShowHeatmapAndChannelLines() {
        var state = Fixtures.state(runs: Fixtures.runs())
        Fixtures.press([.character("3"), .character("."), .character(".")], &state)
        let grid = render(state)
        let text = grid.description
        #expect(text.contains("layer 2 (BatchNorm1d) 1/2"))
        #expect(text.contains("ch 2/7"))
        #expect(text.contains("running_mean all 8 by channel (O)"))
        #expect(text.contains("▲ running_mean"))
        // Demo runs watch 4 channels every step (ch 2 of 8 is one): the expected line and its gap.
        #expect(text.contains("max |expected - running|"))
        #expect(text.contains("c2"))
        #expect(grid.brailleCount() > 20)
        let shades = Set("·░▒▓█")
        #expect(grid.cells.filter { shades.contains($0.character) }.count > 50)
        Fixtures.press([.character("v")], &state)
        #expect(render(state).description.contains("running_var"))
    }

    @Test func noBNRunsExplainTheMissingStats() {
        var state = Fixtures.state()
        Fixtures.press([.character("3")], &state)
        #expect(render(state).description.contains("No runs of this experiment yet"))
    }

    @Test func notesAreShownBesideTheChartsOrInsteadOfThem() {
        var state = Fixtures.state(runs: Fixtures.runs())
        Fixtures.press([.character("n")], &state)
        let wide = render(state)
        #expect(wide.description.contains("─ Notes ─"))
        #expect(wide.description.contains("What to look at"))
        #expect(wide.description.contains("1 Loss"))
        #expect(wide.brailleCount() > 20)
        let narrow = render(state, TerminalSize(width: 80, height: 24))
        #expect(narrow.description.contains("Notes: BatchNorm vs. no BatchNorm"))
        #expect(narrow.description.contains("What to look at"))
        #expect(!narrow.description.contains("1 Loss"))
        #expect(narrow.description.contains("more (J)"))
        Fixtures.press([.character("J"), .character("J"), .character("J")], &state)
        #expect(render(state, TerminalSize(width: 80, height: 24)).description.contains("Variants"))
    }

    @Test func accuracyBecomesATableWhenBarsDoNotFit() {
        var state = Fixtures.state(runs: Fixtures.runs())
        Fixtures.press([.character("2")], &state)
        let text = render(state, TerminalSize(width: 80, height: 24)).description
        #expect(text.contains("Ankle bo"))          // all ten classes, one row each
        #expect(text.contains("■ no-bn"))
        #expect(!text.contains("classes fit"))
    }

    @Test func theConfirmationAndPickerAreDrawn() {
        var state = Fixtures.state(runs: Fixtures.runs(steps: 5))
        Fixtures.press([.character("q")], &state)
        #expect(render(state).description.contains("Quit bnlab?"))
        #expect(render(state).description.contains("2 runs are still queued, running or paused."))
        var picker = Fixtures.state()
        Fixtures.press([.enter], &picker)
        let text = render(picker).description
        #expect(text.contains("Run bn-vs-no-bn"))
        #expect(text.contains("0 all 2 variants"))
        #expect(text.contains("2 no-bn"))
    }

    @Test func belowEightyByTwentyFourTheLayoutIsCompact() {
        let state = Fixtures.state(runs: Fixtures.runs())
        let grid = render(state, TerminalSize(width: 60, height: 20))
        let text = grid.description
        #expect(text.contains("Experiments 1/5"))
        #expect(text.contains("1 Loss"))
        #expect(grid.brailleCount() > 10)
        #expect(text.contains("q/Ctrl-C quit"))
    }

    @Test func belowTheMinimumAMessageSaysWhatIsNeeded() {
        let grid = render(Fixtures.state(), TerminalSize(width: 30, height: 10))
        let text = grid.description
        #expect(text.contains("too small: 30x10"))
        #expect(text.contains("40x12"))
        #expect(grid.width == 30 && grid.height == 10)
        #expect(render(Fixtures.state(), TerminalSize(width: 0, height: 0)).width == 0)
    }

    @Test(arguments: [ChartKind.loss, .accuracy, .runningStats])
    func asciiModeEmitsOnlyAscii(chart: ChartKind) {
        var state = Fixtures.state(runs: Fixtures.runs())
        state.chart = chart
        state.showsNotes = true
        #expect(render(state, glyphs: .ascii).isASCII)
        #expect(render(state, TerminalSize(width: 60, height: 20), glyphs: .ascii).isASCII)
        for keys: [Key] in [[.character("?")], [.enter], [.tab, .character("x")]] {
            var s = state
            Fixtures.press(keys, &s)
            #expect(render(s, glyphs: .ascii).isASCII)
        }
        #expect(render(state, TerminalSize(width: 30, height: 8), glyphs: .ascii).isASCII)
    }

    @Test func asciiLossChartStillDrawsPoints() {
        let grid = render(Fixtures.state(runs: Fixtures.runs()), glyphs: .ascii)
        #expect(grid.cells.filter { $0.character == "*" }.count > 20)
        #expect(grid.brailleCount() == 0)
    }

    @Test func everySizeRendersWithoutTrouble() {
        let state = Fixtures.state(runs: Fixtures.runs(steps: 60))
        for w in stride(from: 0, through: 130, by: 13) {
            for h in stride(from: 0, through: 45, by: 5) {
                for chart in ChartKind.allCases {
                    var s = state
                    s.chart = chart
                    let grid = render(s, TerminalSize(width: w, height: h))
                    #expect(grid.width == w && grid.height == h)
                }
            }
        }
    }

    @Test func aDivergedRunIsLabelled() {
        let state = Fixtures.state(runs: Fixtures.runs(experiment: "learning-rate"))
        var s = state
        Fixtures.press([.down, .down, .down], &s)
        let text = render(s).description
        #expect(text.contains("no-bn-lr1.0 diverged at step"))
        #expect(text.contains("loss became NaN"))
    }
}

@Suite("An invalid experiment says why where its charts and notes would be")
struct InvalidExperimentViewTests {
    @Test func theChartAndTheNotesShowTheWholeError() {
        let problem = "exps/b5.yaml:2: invalid YAML: found a tab character that violates indentation"
        var state = WorkbenchState(experiments: [ExperimentInfo(id: "b5", title: "b5", summary: "", variants: [],
                                                                problem: problem)],
                                   size: TerminalSize(width: 80, height: 24))
        let text = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines().joined(separator: " ")
        #expect(text.contains("b5 cannot run: its file is invalid."), "\(text)")
        #expect(text.contains("violates indentation"), "\(text)")   // the whole error, not cut
        #expect(!text.contains("Press Enter to run it"))
        Fixtures.press([.character("n")], &state)
        let notes = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines().joined(separator: " ")
        #expect(notes.contains("This experiment's file is invalid:") && !notes.contains("has no notes"), "\(notes)")
    }
}

@Suite("An empty loss chart says what to do where you are")
struct EmptyLossChartTests {
    @Test func trainingPointsToEnterAndSavedRunsWatchingWaits() {
        var state = Fixtures.state(size: TerminalSize(width: 140, height: 45))
        let training = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines().joined(separator: " ")
        #expect(training.contains("Press Enter to run it, or R for the saved runs."), "\(training)")
        state.trains = false
        let watching = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines().joined(separator: " ")
        #expect(watching.contains("waiting for the programs that write them") && !watching.contains("Press Enter"), "\(watching)")
    }
}
