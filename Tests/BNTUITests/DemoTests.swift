import BNLab
import Foundation
import Testing
@testable import BNTUI

@Suite("Demo backend: plausible synthetic runs")
struct DemoTests {
    func events(variant: VariantInfo, shape: DemoRunShape = DemoRunShape(epochs: 2, stepsPerEpoch: 100, snapshotEvery: 1,
                                                                           channels: 4), seed: UInt64 = 3) -> [RunEvent] {
        var sim = DemoRunSimulator(shape: shape, profile: DemoProfile(variant: variant), seed: seed)
        var out: [RunEvent] = []
        while !sim.isFinished { out += sim.advance(elapsedSeconds: Double(sim.step) * 0.01) }
        return out
    }

    func losses(_ events: [RunEvent]) -> [Double] {
        events.compactMap { if case .step(let s) = $0 { s.loss } else { nil } }
    }

    @Test func runsAreDeterministic() {
        let v = VariantInfo(name: "bn", bnMomentum: 0.1)
        #expect(events(variant: v) == events(variant: v))
        #expect(events(variant: v) != events(variant: v, seed: 4))
    }

    @Test func bnLossFallsFasterThanNoBN() {
        let bn = losses(events(variant: VariantInfo(name: "bn", bnMomentum: 0.1)))
        let plain = losses(events(variant: VariantInfo(name: "no-bn")))
        let mean = { (xs: ArraySlice<Double>) in xs.reduce(0, +) / Double(xs.count) }
        #expect(mean(bn[40..<60]) < mean(plain[40..<60]) - 0.3)
        #expect(mean(bn[180...]) < mean(bn[0..<20]))
        #expect(mean(plain[180...]) < mean(plain[0..<20]))
    }

    @Test func runningMeanFollowsTheMomentumRule() throws {
        let snaps = events(variant: VariantInfo(name: "bn", bnMomentum: 0.1)).compactMap {
            if case .bnSnapshot(let s) = $0, s.layer == "2" { s } else { nil }
        }
        #expect(snaps.count == 200)
        // Snapshots every step: running_t = 0.9·running_{t−1} + 0.1·batch_t exactly (up to Float rounding).
        for (a, b) in zip(snaps, snaps.dropFirst()) {
            let rm = try #require(b.runningMean), prev = try #require(a.runningMean)
            for c in 0..<4 {
                #expect(abs(Double(rm[c]) - (0.9 * Double(prev[c]) + 0.1 * Double(b.batchMean[c]))) < 1e-4)
            }
        }
        // And it converges: late running means sit near the batch means' average.
        let late = snaps.suffix(50)
        for c in 0..<4 {
            let batchAverage = late.map { Double($0.batchMean[c]) }.reduce(0, +) / 50
            #expect(abs(Double(late.last!.runningMean![c]) - batchAverage) < 0.5)
        }
        #expect(snaps.last?.numBatchesTracked == 200)
    }

    @Test func epochsCarryPerClassAccuracyAndTrainMode() {
        let epochs = events(variant: VariantInfo(name: "bn", bnMomentum: 0.1)).compactMap {
            if case .epoch(let e) = $0 { e } else { nil }
        }
        #expect(epochs.map(\.epoch) == [1, 2])
        #expect(epochs[1].classAccuracy.count == 10)
        #expect(epochs[1].accuracy > 0.5)
        let trainMode = epochs[1].trainMode(batchSize: 64)
        #expect(trainMode != nil)
        #expect(trainMode!.accuracy < epochs[1].accuracy)
    }

    @Test func aDivergingVariantEndsDiverged() {
        let all = events(variant: VariantInfo(name: "no-bn-lr1.0"))
        guard case .end(let end)? = all.last else { Issue.record("no end event"); return }
        #expect(end.status == .diverged)
        #expect(end.message?.contains("NaN") == true)
    }

    @Test func noBNVariantsHaveNoSnapshots() {
        #expect(!events(variant: VariantInfo(name: "no-bn")).contains { if case .bnSnapshot = $0 { true } else { false } })
    }

    @Test func theBackendQueuesBeyondItsSlots() throws {
        let backend = DemoBackend(shape: DemoRunShape(epochs: 1, stepsPerEpoch: 20, snapshotEvery: 5, channels: 4),
                                  stepsPerSecond: 100, slots: 2, runsInBackground: false)
        try backend.start(experimentID: "bn-momentum", variant: nil)
        var runs = backend.poll()
        #expect(runs.map(\.state) == [.running, .running, .queued, .queued])
        backend.advance(seconds: 0.1)       // 10 steps each
        runs = backend.poll()
        #expect(runs[0].progress?.step == 10)
        #expect(runs[0].newEvents.contains { if case .step = $0 { true } else { false } })
        #expect(backend.poll().allSatisfy { $0.newEvents.isEmpty })     // drained
        backend.advance(seconds: 0.2)
        runs = backend.poll()
        #expect(runs.map(\.state) == [.done, .done, .running, .running])
    }

    @Test func pauseResumeAndCancel() throws {
        let backend = DemoBackend(shape: DemoRunShape(epochs: 1, stepsPerEpoch: 50), stepsPerSecond: 100,
                                  runsInBackground: false)
        try backend.start(experimentID: "bn-vs-no-bn", variant: "bn")
        backend.advance(seconds: 0.1)
        backend.pause(runID: "#1")
        backend.advance(seconds: 0.1)
        var run = backend.poll()[0]
        #expect(run.state == .paused)
        #expect(run.progress?.step == 10)
        backend.resume(runID: "#1")
        backend.advance(seconds: 0.1)
        #expect(backend.poll()[0].progress?.step == 20)
        backend.cancel(runID: "#1")
        run = backend.poll()[0]
        #expect(run.state == .cancelled)
        guard case .end(let end)? = run.newEvents.last else { Issue.record("no end"); return }
        #expect(end.status == .cancelled)
    }

    @Test func startRejectsUnknownNames() {
        let backend = DemoBackend(runsInBackground: false)
        #expect(throws: DemoBackendError.unknownExperiment("nope")) { try backend.start(experimentID: "nope", variant: nil) }
        #expect(throws: DemoBackendError.self) { try backend.start(experimentID: "bn-vs-no-bn", variant: "bogus") }
        let error = DemoBackendError.unknownVariant(experiment: "bn-vs-no-bn", variant: "bogus", known: ["bn", "no-bn"])
        #expect(error.description.contains("its variants are bn, no-bn"))
    }

    @Test func theWorkerThreadTrainsInTheBackground() throws {
        let backend = DemoBackend(shape: DemoRunShape(epochs: 1, stepsPerEpoch: 40, snapshotEvery: 5, channels: 4),
                                  stepsPerSecond: 400)
        try backend.start(experimentID: "bn-vs-no-bn", variant: nil)
        let deadline = Date().addingTimeInterval(10)
        var steps = [0, 0]
        var states: [RunInfo.State] = []
        while Date() < deadline {
            let runs = backend.poll()
            for (i, r) in runs.enumerated() {
                steps[i] += r.newEvents.filter { if case .step = $0 { true } else { false } }.count
            }
            states = runs.map(\.state)
            if states.allSatisfy({ $0 == .done }) { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(states == [.done, .done])
        #expect(steps == [40, 40])
        backend.shutdown()
    }
}
