import BNCharts
import BNLab
import Foundation
import Testing
@testable import BNTUI

/// The replay cursor's step label sits on the x axis row of every line chart with a cursor; the
/// tick labels it comes near are left out whole, never overwritten.
@Suite("Replay cursor readout: tick labels stay intact")
struct CursorReadoutTests {
    static func run(_ path: String) throws -> RunFile {
        try RunReader.read(contentsOf: ScreenPaths.runs.appendingPathComponent(path))
    }

    /// `file` with every step number multiplied by `factor` (steps 40, 80 … 1,280 for 32 steps
    /// × 40), so the axis has labels like `800` and `1.2k`.
    static func stretched(_ file: RunFile, by factor: Int) -> RunFile {
        var copy = file
        copy.events = file.events.compactMap { event -> RunEvent? in
            switch event {
            case .step(var s): s.step *= factor; return .step(s)
            case .bnWatch(var w): w.step *= factor; return .bnWatch(w)
            default: return nil
            }
        }
        return copy
    }

    /// The workbench over the repository's catalog replaying `files` at `size`.
    static func state(_ files: [RunFile], size: TerminalSize) -> WorkbenchState {
        let experiments = LabBackend.experimentInfos(catalog: ScreenRenderer.catalog,
                                                     classNames: files.first?.header.classNames ?? [])
        var state = WorkbenchState(experiments: experiments, size: size)
        _ = WorkbenchUpdate.update(&state, .replayOpened(files: files, failures: []))
        return state
    }

    /// One chart to check: the runs replayed and the keys that show it.
    struct Case: CustomTestStringConvertible {
        var name: String
        var files: @Sendable () throws -> [RunFile]
        var keys: [Key]
        /// Steps from the start to the first recorded step.
        var firstStep = 1
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "loss, learning-rate", files: {
            try ["bn-lr0.1", "no-bn-lr1.0"].map { try run("learning-rate/learning-rate-\($0).jsonl") }
        }, keys: [.character("1")]),
        Case(name: "loss, 1,280 steps", files: {
            try [stretched(run("bn-vs-no-bn/bn-vs-no-bn-bn.jsonl"), by: 40),
                 stretched(run("bn-vs-no-bn/bn-vs-no-bn-no-bn.jsonl"), by: 40)]
        }, keys: [.character("1")], firstStep: 40),
        Case(name: "loss, x in epochs", files: {
            try [run("bn-vs-no-bn/bn-vs-no-bn-bn.jsonl"), run("bn-vs-no-bn/bn-vs-no-bn-no-bn.jsonl")]
        }, keys: [.character("1"), .character("X")]),
        Case(name: "BN channel chart, 1,280 steps", files: {
            try [stretched(run("bn-vs-no-bn/bn-vs-no-bn-bn.jsonl"), by: 40)]
        }, keys: [.character("3")], firstStep: 40),
        Case(name: "BN overlay, grad-accumulation", files: {
            try ["batch-64", "micro-16x4"].map { try run("grad-accumulation/grad-accumulation-\($0).jsonl") }
        }, keys: [.character("3"), .character("o")]),
        Case(name: "BN overlay, bn-momentum", files: {
            try ["0.01", "0.1", "0.5"].map { try run("bn-momentum/bn-momentum-momentum-\($0).jsonl") }
        }, keys: [.character("3"), .character("o")]),
    ]

    /// Every label `NiceTicks` could put on an axis over `lo…hi`, whatever the plot's width.
    static func niceLabels(_ lo: Double, _ hi: Double) -> Set<String> {
        var out = Set<String>()
        for count in 2...30 {
            out.formUnion(NiceTicks.labels(for: NiceTicks.linear(min: lo, max: hi, maxCount: count, loose: false).values))
        }
        return out
    }

    /// The x axis label rows of `grid`'s line charts: the row under each axis corner `└` that
    /// follows a space, between the pane's borders, as (characters, reversed?) pairs.
    static func axisLabelRows(_ grid: Grid) -> [[(Character, Bool)]] {
        var rows: [[(Character, Bool)]] = []
        for y in 0..<(grid.height - 1) {
            for x in 1..<grid.width where grid[x, y].character == "└" && grid[x - 1, y].character == " " {
                var left = x
                while left > 0 && grid[left - 1, y + 1].character != "│" { left -= 1 }
                var right = x
                while right < grid.width - 1 && grid[right + 1, y + 1].character != "│" { right += 1 }
                rows.append((left...right).map { grid[$0, y + 1].character }.indices.map { i in
                    let cell = grid[left + i, y + 1]
                    return (cell.character, cell.style.attributes.contains(.reverse))
                })
            }
        }
        return rows
    }

    @Test(arguments: cases)
    func tickLabelsSurviveTheCursorAtStartMiddleAndEnd(_ chart: Case) throws {
        let files = try chart.files()
        for size in [TerminalSize(width: 80, height: 24), TerminalSize(width: 140, height: 45)] {
            var state = Self.state(files, size: size)
            Fixtures.press(chart.keys, &state)
            let replay = try #require(state.replay)
            let epochs = Double(max(1, replay.cursor.epochEnds.count))
            let nice = Self.niceLabels(Double(replay.cursor.firstStep), Double(max(replay.cursor.lastStep, replay.cursor.firstStep + 1)))
                .union(state.lossXAxis == .epoch ? Self.niceLabels(0, epochs) : [])
            // The first recorded step, the end of the first epoch, the end (keys, so the runs follow).
            let start: [Key] = [.character("0")] + Array(repeating: .character("f"), count: chart.firstStep)
            for keys in [start, [.character("0"), .character("F")], [.character("$")]] {
                Fixtures.press(keys, &state)
                let step = try #require(state.replay?.cursor.step)
                let grid = WorkbenchView.render(state, size: size, glyphs: .unicode)
                let rows = Self.axisLabelRows(grid)
                #expect(!rows.isEmpty, "\(chart.name) \(size.width)x\(size.height): no x axis found\n\(grid.lines().joined(separator: "\n"))")
                for row in rows {
                    let text = String(row.map(\.0))
                    // The cursor label, in reverse video, is the step itself (a number on other
                    // axes), with a space each side.
                    let reversed = String(row.filter(\.1).map(\.0))
                    #expect(state.lossXAxis == .step ? reversed == NumberFormat.value(Double(step))
                                : !reversed.isEmpty && !reversed.contains(" "),
                            "\(chart.name) \(size.width)x\(size.height) step \(step): cursor label `\(reversed)` in `\(text)`")
                    if let start = row.firstIndex(where: \.1), let end = row.lastIndex(where: \.1) {
                        #expect(start == 0 || row[start - 1].0 == " ", "label touches a tick on its left: `\(text)`")
                        #expect(end == row.count - 1 || row[end + 1].0 == " ", "label touches a tick on its right: `\(text)`")
                    }
                    // The range's first and last values are labelled as numbers (whole ones, in
                    // order), the end followed by the axis's unit; the ticks between are nice.
                    let ticks = String(row.map { $0.1 ? " " : $0.0 }).split(separator: " ").map(String.init)
                        .filter { !["step", "epoch", "s"].contains($0) }
                    let numbers = ticks.compactMap(Double.init)
                    #expect(numbers.count == ticks.count && numbers == numbers.sorted(),
                            "\(chart.name) \(size.width)x\(size.height) step \(step): labels cut or out of order in `\(text)`")
                    for tick in ticks.dropFirst().dropLast() {
                        #expect(nice.contains(tick),
                                "\(chart.name) \(size.width)x\(size.height) step \(step): `\(tick)` is no whole tick label in `\(text)`")
                    }
                }
            }
        }
    }

    @Test func everyRunReadsItsLastPointAtOrBeforeTheCursor() throws {
        // micro-16x4's last step has 3 forwards (the subset ran out): its last point is at 15.75.
        let files = try ["batch-64", "micro-16x4"].map { try Self.run("grad-accumulation/grad-accumulation-\($0).jsonl") }
        var state = Self.state(files, size: TerminalSize(width: 140, height: 45))
        Fixtures.press([.character("3"), .character("o")], &state)
        Fixtures.press([.character("$")], &state)
        let lines = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines()
        let legend = try #require(lines.first { $0.contains("batch-64") && $0.contains("micro-16x4") })
        #expect(!legend.contains("micro-16x4 –"), "\(legend)")

        // A diverged run keeps its last recorded loss in the legend, at every later cursor step.
        let lr = try ["bn-lr0.1", "no-bn-lr1.0"].map { try Self.run("learning-rate/learning-rate-\($0).jsonl") }
        var loss = Self.state(lr, size: TerminalSize(width: 140, height: 45))
        Fixtures.press([.character("1")], &loss)
        Fixtures.press([.character("$")], &loss)
        let text = WorkbenchView.render(loss, size: loss.size, glyphs: .unicode).lines()
        let lossLegend = try #require(text.first { $0.contains("no-bn-lr1.0") && $0.contains("bn-lr0.1") })
        #expect(!lossLegend.contains("no-bn-lr1.0 –"), "\(lossLegend)")
    }
}
