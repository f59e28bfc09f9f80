import BNCore
import BNLab
import Foundation

/// A ``WorkbenchBackend`` that trains nothing: it plays plausible synthetic runs (see
/// ``DemoRunSimulator``) on a background thread, at most ``slots`` at a time, the others queued.
///
/// Used by `bnlab --demo`, by the tests and by the end-to-end script until the real run queue is wired.
/// Thread-safe: the worker thread and the UI thread share the run table under one lock.
///
/// ```swift
/// let backend = DemoBackend(stepsPerSecond: 80)
/// try backend.start(experimentID: "bn-vs-no-bn", variant: nil)
/// // … each frame:
/// let runs = backend.poll()
/// ```
///
/// With `runsInBackground: false` no thread is started and ``advance(seconds:)`` moves time by hand,
/// which makes tests deterministic.
public final class DemoBackend: WorkbenchBackend, @unchecked Sendable {
    /// The catalog offered.
    public let experiments: [ExperimentInfo]
    /// The size of every run.
    public let shape: DemoRunShape
    /// Training speed of each running run, in optimizer steps per second.
    public let stepsPerSecond: Double
    /// How many runs train at the same time; the others wait as queued.
    public let slots: Int

    private let seed: UInt64
    private let runsInBackground: Bool
    private let lock = NSLock()
    private var entries: [Entry] = []
    private var started = false
    private var stopped = false

    private struct Entry {
        var info: RunInfo
        var simulator: DemoRunSimulator
        var activeSeconds = 0.0
    }

    /// A demo backend; the worker thread starts with the first run.
    public init(experiments: [ExperimentInfo] = DemoCatalog.experiments, shape: DemoRunShape = DemoRunShape(),
                stepsPerSecond: Double = 60, slots: Int = 2, seed: UInt64 = 1, runsInBackground: Bool = true) {
        self.experiments = experiments
        self.shape = shape
        self.stepsPerSecond = max(0.1, stepsPerSecond)
        self.slots = max(1, slots)
        self.seed = seed
        self.runsInBackground = runsInBackground
    }

    deinit { shutdown() }

    /// Stops the worker thread; runs stay as they are.
    public func shutdown() {
        lock.withLock { stopped = true }
    }

    /// Enqueues one run per chosen variant (all when `variant` is nil).
    public func start(experimentID: String, variant: String?) throws {
        guard let experiment = experiments.first(where: { $0.id == experimentID }) else {
            throw DemoBackendError.unknownExperiment(experimentID)
        }
        if let problem = experiment.problem {
            throw DemoBackendError.invalidExperiment(id: experimentID, problem: problem)
        }
        var chosen = experiment.variants
        if let variant {
            guard let v = experiment.variant(named: variant) else {
                throw DemoBackendError.unknownVariant(experiment: experimentID, variant: variant,
                                                      known: experiment.variants.map(\.name))
            }
            chosen = [v]
        }
        let startThread: Bool = lock.withLock {
            for v in chosen {
                let number = entries.count + 1
                var info = RunInfo(id: "#\(number)", experimentID: experimentID, variant: v.name, state: .queued)
                // Seeds count up per variant, as `bnlab run --seed` would: bn s1, bn s2 …
                let earlier = entries.filter { $0.info.experimentID == experimentID && $0.info.variant == v.name }.count
                info.seed = seed + UInt64(earlier)
                info.context = RunContext(trainImages: shape.trainImages, testImages: 10_000, epochs: shape.epochs)
                let simulator = DemoRunSimulator(shape: shape, profile: DemoProfile(variant: v),
                                                 seed: seed &* 1_000_003 &+ UInt64(number))
                entries.append(Entry(info: info, simulator: simulator))
            }
            promoteQueued()
            defer { started = true }
            return runsInBackground && !started
        }
        if startThread { launchWorker() }
    }

    /// Cancels a queued, running or paused run.
    public func cancel(runID: String) {
        lock.withLock {
            guard let i = entries.firstIndex(where: { $0.info.id == runID }), entries[i].info.state.isActive else { return }
            let events = entries[i].simulator.cancel(elapsedSeconds: entries[i].activeSeconds)
            entries[i].info.newEvents += events
            entries[i].info.state = .cancelled
            entries[i].info.message = "cancelled by the user"
            promoteQueued()
        }
    }

    /// Pauses a running run.
    public func pause(runID: String) {
        lock.withLock {
            guard let i = entries.firstIndex(where: { $0.info.id == runID }), entries[i].info.state == .running else { return }
            entries[i].info.state = .paused
        }
    }

    /// Resumes a paused run.
    public func resume(runID: String) {
        lock.withLock {
            guard let i = entries.firstIndex(where: { $0.info.id == runID }), entries[i].info.state == .paused else { return }
            entries[i].info.state = .running
        }
    }

    /// Every run, with the events produced since the previous poll.
    public func poll() -> [RunInfo] {
        lock.withLock {
            let out = entries.map(\.info)
            for i in entries.indices { entries[i].info.newEvents.removeAll(keepingCapacity: true) }
            return out
        }
    }

    /// Moves the demo clock by `seconds`: every running run takes the steps that time allows.
    /// Called by the worker thread; call it directly when built with `runsInBackground: false`.
    public func advance(seconds: Double) {
        lock.withLock { tick(seconds: seconds) }
    }

    // MARK: Worker

    private func launchWorker() {
        let thread = Thread { [weak self] in
            var last = ContinuousClock.now
            while true {
                Thread.sleep(forTimeInterval: 0.01)
                guard let self else { return }
                let now = ContinuousClock.now
                let elapsed = now - last
                last = now
                let seconds = elapsed.inSeconds
                let keepGoing: Bool = self.lock.withLock {
                    guard !self.stopped else { return false }
                    self.tick(seconds: seconds)
                    return true
                }
                if !keepGoing { return }
            }
        }
        thread.name = "bnlab demo runs"
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    /// Advances running runs (lock held).
    private func tick(seconds: Double) {
        for i in entries.indices where entries[i].info.state == .running {
            entries[i].activeSeconds += seconds
            let due = Int(entries[i].activeSeconds * stepsPerSecond) - entries[i].simulator.step
            for _ in 0..<min(max(0, due), 500) {
                let events = entries[i].simulator.advance(elapsedSeconds: entries[i].activeSeconds)
                entries[i].info.newEvents += events
                for event in events {
                    switch event {
                    case .progress(let p): entries[i].info.progress = p
                    case .end(let end):
                        entries[i].info.state = RunInfo.State(end.status)
                        entries[i].info.message = end.message
                    default: break
                    }
                }
                if entries[i].simulator.isFinished { break }
            }
        }
        promoteQueued()
    }

    /// Starts queued runs while slots are free (lock held).
    private func promoteQueued() {
        var busy = entries.filter { $0.info.state == .running || $0.info.state == .paused }.count
        for i in entries.indices where busy < slots && entries[i].info.state == .queued {
            entries[i].info.state = .running
            busy += 1
        }
    }
}
