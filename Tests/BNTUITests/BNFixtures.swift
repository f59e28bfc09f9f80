import Foundation
import BNLab
@testable import BNTUI

/// Synthetic BatchNorm runs for the BN panel tests: a layer updated by PyTorch's rule in Float,
/// as the trainer does, recorded as `bn_watch` events and snapshots.
enum BNFixtures {
    /// Events of one run: `steps` optimizer steps of `micros` forwards each, `channels` channels
    /// (watched: 4 evenly spaced), a snapshot every `snapshotEvery` steps; `momentum` nil = cumulative.
    static func events(steps: Int = 60, micros: Int = 1, channels: Int = 16, momentum: Double? = 0.1, count: Int = 64,
                       snapshotEvery: Int = 5, seed: Int = 1) -> [RunEvent] {
        let watched = WatchChannels.standard.indices(channels: channels)
        var running = [Float](repeating: 0, count: channels), runningVar = [Float](repeating: 1, count: channels)
        var tracked = 0
        var events: [RunEvent] = []
        var mean = [Float](repeating: 0, count: channels), variance = [Float](repeating: 1, count: channels)
        for step in 1...steps {
            for micro in 1...micros {
                tracked += 1
                let f = Float(momentum ?? 1 / Double(tracked))
                for c in 0..<channels {
                    // A drifting, wiggling batch mean per channel; a shrinking variance.
                    let t = Float(step * micros + micro), phase = Float(c + seed)
                    mean[c] = 0.3 * Float(c % 5) - 0.5 + 0.2 * sin(t * 0.37 + phase) + 0.002 * t
                    variance[c] = 0.2 + 0.8 / (1 + 0.05 * t) + 0.05 * cos(t * 0.21 + phase)
                    running[c] = (1 - f) * running[c] + f * mean[c]
                    runningVar[c] = (1 - f) * runningVar[c] + f * variance[c] * Float(count) / Float(count - 1)
                }
                events.append(.bnWatch(BNWatch(step: step, micro: micro, layer: "2", channels: watched, count: count,
                                               momentum: BNMomentum(momentum),
                                               batchMean: watched.map { mean[$0] }, batchVar: watched.map { variance[$0] },
                                               runningMean: watched.map { running[$0] }, runningVar: watched.map { runningVar[$0] },
                                               numBatchesTracked: tracked)))
            }
            events.append(.step(StepEvent(step: step, epoch: 1, loss: 2 / Double(step), lr: 0.1, samples: step * 64)))
            if step == 1 || step % snapshotEvery == 0 {
                events.append(.bnSnapshot(BNSnapshot(step: step, epoch: 1, layer: "2", layerType: "BatchNorm1d", batchMean: mean,
                                                     batchVar: variance, runningMean: running, runningVar: runningVar,
                                                     numBatchesTracked: tracked, count: count)))
            }
        }
        return events
    }

    /// A state with one finished run per `(variant, momentum)` of `experiment`, BN panel shown.
    static func state(_ variants: [(String, Double?)] = [("bn", 0.1)], experiment: String = "bn-vs-no-bn",
                      size: TerminalSize = Fixtures.size) -> WorkbenchState {
        let infos = variants.enumerated().map { i, v in
            RunInfo(id: "#\(i + 1)", experimentID: experiment, variant: v.0, state: .done,
                    newEvents: events(momentum: v.1, seed: i + 1))
        }
        var state = Fixtures.state(runs: infos, size: size)
        state.selectedExperiment = state.experiments.firstIndex { $0.id == experiment } ?? 0
        Fixtures.press([.character("3")], &state)
        return state
    }
}
