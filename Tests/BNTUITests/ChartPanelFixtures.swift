import BNCharts
import BNLab
import Foundation
@testable import BNTUI

/// Hand-made runs for the loss and accuracy panels: the learning-rate experiment, 3 epochs of 30
/// steps with wall times, one epoch evaluation per epoch, a phase marker after epoch 1, and
/// no-bn-lr1.0 diverging to ~3e30 from step 17 on (as the real experiment does).
enum ChartPanelFixtures {
    static let stepsPerEpoch = 30
    static let epochs = 3

    /// The loss of `variant` at `step`.
    static func loss(_ variant: String, step: Int) -> Double {
        let s = Double(step)
        switch variant {
        case "bn-lr0.1": return 2.3 * exp(-s / 20) + 0.25
        case "bn-lr1.0": return 2.3 * exp(-s / 10) + 0.3
        case "no-bn-lr0.1": return 2.3 * exp(-s / 40) + 0.4
        default: return step < 17 ? 2.3 - s * 0.01 : 3e30 * s / 90
        }
    }

    /// The four runs, all finished.
    static func learningRate(variants: [String] = ["bn-lr0.1", "bn-lr1.0", "no-bn-lr0.1", "no-bn-lr1.0"]) -> [RunInfo] {
        variants.enumerated().map { i, variant in
            var events: [RunEvent] = []
            for epoch in 1...epochs {
                for k in 1...stepsPerEpoch {
                    let step = (epoch - 1) * stepsPerEpoch + k
                    events.append(.step(StepEvent(step: step, epoch: epoch, loss: loss(variant, step: step), lr: 0.1,
                                                  samples: 64 * step, time: 0.05 * Double(step))))
                }
                // Accuracy rises per epoch; class 0 lags behind the rest.
                let total = Array(repeating: 100, count: 10)
                let correct = (0..<10).map { c in min(100, 50 + 12 * epoch + (c == 0 ? -20 : 2 * c) - 5 * i) }
                events.append(.epoch(EpochEvent(epoch: epoch, trainLoss: 0.5, testLoss: 0.5, classCorrect: correct,
                                                classTotal: total)))
                if epoch == 1 {
                    events.append(.marker(MarkerEvent(step: stepsPerEpoch, kind: .phase, text: "freeze body: only the head trains")))
                }
            }
            let diverged = variant == "no-bn-lr1.0"
            return RunInfo(id: "#\(i + 1)", experimentID: "learning-rate", variant: variant,
                           state: diverged ? .diverged : .done, message: diverged ? "loss exploded" : nil, newEvents: events)
        }
    }

    /// A workbench of `size` showing the learning-rate experiment with these runs.
    static func state(size: TerminalSize, runs: [RunInfo] = learningRate()) -> WorkbenchState {
        var state = Fixtures.state(runs: runs, size: size)
        state.selectedExperiment = state.experiments.firstIndex { $0.id == "learning-rate" } ?? 0
        return state
    }
}
