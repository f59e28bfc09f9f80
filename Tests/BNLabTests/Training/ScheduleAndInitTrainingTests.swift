import BNCore
import Foundation
import Testing
@testable import BNLab

extension TrainerTests {
    @Test func stepEventsRecordTheLearningRateEachStepUsed() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        var plan = try #require(try plans("bn-vs-no-bn", RunOverrides(epochs: 2), variants: ["bn"]).first)
        let base = plan.optimizer.lr
        plan.optimizer.momentum = 0.9
        plan.scheduler = [SchedulerSpec(.linearLR(startFactor: 0.25, endFactor: 1, totalIters: 4), interval: .step),
                          SchedulerSpec(.stepLR(stepSize: 1, gamma: 0.5), interval: .epoch)]
        let file = try #require(try train([plan], runs: runs).first)
        let steps = file.steps
        #expect(steps.count == 32)                       // 16 steps per epoch
        // PyTorch: step t (from 1) uses LinearLR's rate at last_epoch t − 1, times 0.5 per epoch done.
        for s in steps {
            let warm = 0.25 + 0.75 * Double(min(s.step - 1, 4)) / 4
            let expected = base * warm * (s.epoch == 2 ? 0.5 : 1)
            #expect(abs(s.lr - expected) <= 1e-12 * base, "step \(s.step): \(s.lr) vs \(expected)")
        }
        var constant = plan
        constant.scheduler = []
        let flat = try #require(try train([constant], runs: runs).first)
        #expect(Set(flat.steps.map(\.lr)) == [base])
        #expect(flat.steps.map(\.loss) != steps.map(\.loss))
    }

    @Test func initSchemesAndScaleSetTheWeights() throws {
        func weights(_ initialization: InitSpec?) throws -> (w: [Float], b: [Float]) {
            var options = LinearOptions(inFeatures: 784, outFeatures: 256, bias: true)
            options.initialization = initialization
            let model = try ModelBuilder.build([.linear(options)], rng: RandomSource(seed: 3))
            let l = try #require(model.network.layers[0] as? Linear)
            return (l.weight.value.data, l.bias?.value.data ?? [])
        }
        let plain = try weights(nil)
        let x10 = try weights(InitSpec(scheme: .default, scale: 10))
        #expect(x10.w == plain.w.map { $0 * 10 })
        #expect(x10.b == plain.b)                        // biases keep their default init
        func std(_ v: [Float]) -> Double {
            let m = v.reduce(0.0) { $0 + Double($1) } / Double(v.count)
            return (v.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(v.count)).squareRoot()
        }
        // kaiming_normal(relu, fan_in): σ = √2 / √784; xavier_uniform: σ = √(2 / (784 + 256)); 200,704 draws each
        let kaiming = try weights(InitSpec(scheme: .kaimingNormal, mode: .fanIn, nonlinearity: "relu", a: 0, scale: 0.1))
        #expect(abs(std(kaiming.w) / (0.1 * 2.0.squareRoot() / 28) - 1) < 0.01)
        let xavier = try weights(InitSpec(scheme: .xavierUniform, gain: 1, scale: 1))
        #expect(abs(std(xavier.w) / (2.0 / 1040).squareRoot() - 1) < 0.01)
        #expect(xavier.w.allSatisfy { abs(Double($0)) <= (6.0 / 1040).squareRoot() })
    }
}
