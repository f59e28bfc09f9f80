import BNCharts
import BNCore
import Foundation

/// How quickly the workbench's loop answers while runs train: two demo runs train on the
/// background thread while scripted keys switch between the loss, BatchNorm and accuracy panels.
///
/// Between two waits for input the loop polls the backend, updates the state and draws; a key
/// arriving during a wait is answered within two such turns, so the slowest turn bounds the
/// latency a user feels. `bnlab bench --ui` prints these figures; they are measured here rather
/// than asserted in tests, where a loaded machine would make them flaky.
public enum LoopBenchmark {
    /// The figures of one scripted session.
    public struct Result: Sendable {
        /// How the session ended (`.quit` when the script ran to its end).
        public var exit: WorkbenchExit
        /// Scripted waits that gave up before their condition held.
        public var timedOutWaits: Int
        /// Loop turns measured (from one wait for input to the next).
        public var turns: Int
        /// The slowest and the median turn.
        public var worstTurn: Duration, medianTurn: Duration
        /// Frames drawn per second while the runs trained.
        public var framesPerSecond: Double
    }

    /// Runs the scripted session at `size` and measures it.
    public static func run(size: TerminalSize = TerminalSize(width: 120, height: 40)) -> Result {
        let backend = DemoBackend(shape: DemoRunShape(epochs: 2, stepsPerEpoch: 60, snapshotEvery: 5, channels: 16),
                                  stepsPerSecond: 120)
        defer { backend.shutdown() }
        let terminal = TestTerminal(size: size, script: [
            .key(.enter), .key(.enter),
            .waitUntil(maxPolls: 200) { brailleCells(in: $0) > 30 },
            .key(.character("3")),
            .waitUntil(maxPolls: 200) { $0.description.contains("by channel (O)") },
            .key(.character("2")),
            .waitUntil(maxPolls: 400) { $0.description.contains("bn eval") },
            .key(.character("q")), .key(.character("y")),
        ], sleepsWhenIdle: true)
        let exit = WorkbenchApp(terminal: terminal, backend: backend).run()
        let turns = terminal.workTimes.sorted()
        var fps = 0.0
        if let first = terminal.pollTimes.first, let last = terminal.pollTimes.last, last > first {
            fps = Double(terminal.frames.count) / (last - first).inSeconds
        }
        return Result(exit: exit, timedOutWaits: terminal.timedOutWaits, turns: turns.count,
                      worstTurn: turns.last ?? .zero, medianTurn: turns.isEmpty ? .zero : turns[turns.count / 2],
                      framesPerSecond: fps)
    }

    /// Cells holding a braille pattern with at least one dot: how much of a chart is drawn.
    static func brailleCells(in grid: Grid) -> Int {
        var n = 0
        for y in 0..<grid.bounds.maxY {
            for x in 0..<grid.bounds.maxX {
                if let v = grid[x, y].character.unicodeScalars.first?.value, (0x2801...0x28FF).contains(v) { n += 1 }
            }
        }
        return n
    }
}
