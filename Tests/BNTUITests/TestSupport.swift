import BNCharts
import BNLab
@testable import BNTUI

/// A backend that records every call and answers polls from a script.
final class RecordingBackend: WorkbenchBackend {
    enum Call: Equatable {
        case start(String, String?)
        case cancel(String)
        case pause(String)
        case resume(String)
    }

    let experiments: [ExperimentInfo]
    private(set) var calls: [Call] = []
    private(set) var pollCount = 0
    /// Returned by the next polls, one entry per poll; empty polls after.
    var pollScript: [[RunInfo]] = []
    /// Thrown by `start` when set.
    var startError: (any Error)?

    init(experiments: [ExperimentInfo] = DemoCatalog.experiments) {
        self.experiments = experiments
    }

    func start(experimentID: String, variant: String?) throws {
        if let startError { throw startError }
        calls.append(.start(experimentID, variant))
    }
    func cancel(runID: String) { calls.append(.cancel(runID)) }
    func pause(runID: String) { calls.append(.pause(runID)) }
    func resume(runID: String) { calls.append(.resume(runID)) }
    func poll() -> [RunInfo] {
        pollCount += 1
        return pollScript.isEmpty ? [] : pollScript.removeFirst()
    }
}

struct SomeError: Error, CustomStringConvertible {
    var description: String
}

/// Helpers to build states with realistic runs.
enum Fixtures {
    static let size = TerminalSize(width: 120, height: 40)

    /// `RunInfo`s of finished (or partly played) demo runs of an experiment, one per variant.
    static func runs(experiment id: String = "bn-vs-no-bn", steps: Int? = nil, shape: DemoRunShape = DemoRunShape(
        epochs: 2, stepsPerEpoch: 50, snapshotEvery: 5, channels: 8)) -> [RunInfo] {
        let experiment = DemoCatalog.experiments.first { $0.id == id }!
        return experiment.variants.enumerated().map { i, v in
            var sim = DemoRunSimulator(shape: shape, profile: DemoProfile(variant: v), seed: UInt64(i + 1))
            var events: [RunEvent] = []
            var progress: RunProgress?
            let limit = steps ?? shape.totalSteps
            while !sim.isFinished && sim.step < limit {
                for e in sim.advance(elapsedSeconds: Double(sim.step + 1) * 0.01) {
                    events.append(e)
                    if case .progress(let p) = e { progress = p }
                }
            }
            let state: RunInfo.State = sim.isFinished ? (sim.profile.divergesAt != nil ? .diverged : .done) : .running
            return RunInfo(id: "#\(i + 1)", experimentID: id, variant: v.name, state: state, progress: progress,
                           newEvents: events)
        }
    }

    /// A state over the demo catalog with the given runs merged in.
    static func state(runs: [RunInfo] = [], size: TerminalSize = size) -> WorkbenchState {
        var state = WorkbenchState(experiments: DemoCatalog.experiments, size: size)
        if !runs.isEmpty { _ = WorkbenchUpdate.update(&state, .runs(runs)) }
        return state
    }

    /// Applies keys in order, returning all effects.
    @discardableResult
    static func press(_ keys: [Key], _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        keys.flatMap { WorkbenchUpdate.update(&state, .key($0)) }
    }
}

extension Grid {
    /// The text of the cells in `rect`, row by row.
    func text(in rect: Rect) -> String {
        region(rect).lines().joined(separator: "\n")
    }

    /// How many cells of `rect` (all when nil) hold a braille pattern with at least one dot.
    func brailleCount(in rect: Rect? = nil) -> Int {
        let r = rect ?? bounds
        var n = 0
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX {
                if let v = self[x, y].character.unicodeScalars.first?.value, (0x2801...0x28FF).contains(v) { n += 1 }
            }
        }
        return n
    }

    /// Whether every cell is printable ASCII.
    var isASCII: Bool {
        cells.allSatisfy { $0.character.isASCII }
    }

    /// The first position of `text` on any row.
    func find(_ text: String) -> Point? {
        for (y, line) in lines().enumerated() {
            if let range = line.range(of: text) {
                return Point(x: line.distance(from: line.startIndex, to: range.lowerBound), y: y)
            }
        }
        return nil
    }
}
