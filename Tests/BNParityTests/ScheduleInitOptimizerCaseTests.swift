import BNCore
import Foundation
import Testing
@testable import BNParity

/// The optimizer-state, scheduler and init cases can fail: a wrong reference number, state or
/// statistic fails its case; malformed fields are refused by the schema, naming the field.
@Suite("Optimizer, scheduler and init cases")
struct ScheduleInitOptimizerCaseTests {
    private func generatedCase(_ name: String) throws -> GoldenCase {
        let golden = try GoldenFile.load(Fixtures.url(Fixtures.generated))
        return try #require(golden.cases.first { $0.name == name })
    }

    private func run(_ golden: GoldenCase) -> CaseResult { ParityRunner().run(golden) }

    @Test func theGeneratedFileCoversEveryNewItem() throws {
        let golden = try GoldenFile.load(Fixtures.url(Fixtures.generated))
        #expect(Set(golden.cases.map(\.kind)) == ["module", "loss", "optimizer", "trajectory", "scheduler", "init"])
        let optimizers = Set(golden.cases.compactMap { $0.kind == "optimizer" ? $0.module : nil })
        #expect(optimizers == ["SGD", "Adam", "AdamW", "RMSprop"])
        let schedules = Set(golden.cases.compactMap { c -> String? in
            if case .string(let t)? = c.scheduler?["type"] { t } else { nil }
        })
        #expect(schedules == ["StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "LinearLR", "SequentialLR"])
        #expect(Set(golden.cases.compactMap(\.function)) == ["xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_"])
        #expect(golden.cases.contains { $0.module == "BatchNorm3d" && $0.error == nil })
    }

    @Test func aWrongLearningRateFails() throws {
        var c = try generatedCase("sequential_warmup_cosine")
        #expect(run(c).passed)
        c.lrs![5] *= 1 + 1e-9
        #expect(!run(c).passed)
    }

    @Test func aWrongOptimizerStateOrParameterFails() throws {
        var c = try generatedCase("adam_all")
        #expect(run(c).passed)
        guard case .tensor(var m)? = c.steps![1].state!["exp_avg"] else { Issue.record("no exp_avg"); return }
        m.data[0] += 1e-3
        c.steps![1].state!["exp_avg"] = .tensor(m)
        #expect(run(c).failures.first?.contains("state.exp_avg") == true)
        var d = try generatedCase("rmsprop_all")
        d.steps![0].state!["step"] = .integer(2)
        #expect(!run(d).passed)
        var e = try generatedCase("rmsprop_centered")
        e.steps![2].paramAfter!.data[0] += 1e-3
        #expect(!run(e).passed)
    }

    @Test func aWrongStdOrAnUnlikelyDrawFails() throws {
        var c = try generatedCase("kaiming_normal_nonlinearityrelu")
        #expect(run(c).passed)
        c.std! *= 1.001
        #expect(!run(c).passed)
        var d = try generatedCase("xavier_uniform")
        d.sample!.std *= 1.2   // PyTorch's draw no longer fits the std: the file is inconsistent
        #expect(!run(d).passed)
        var e = try generatedCase("xavier_uniform")
        e.sample!.max = e.bound! * 1.01
        #expect(!run(e).passed)
    }

    @Test func aWrongExpectedErrorFails() throws {
        var c = try generatedCase("kaiming_normal_bad_mode")
        #expect(run(c).passed)
        c.error = "ValueError: Mode fan_avg is wrong"
        #expect(!run(c).passed)
        var d = try generatedCase("linearlr_start_zero")
        d.scheduler = ["type": .string("LinearLR"), "start_factor": .number(0.5)]
        #expect(run(d).failures == ["no error, expected \"\(d.error!)\""])
    }

    /// The problem a one-case file is refused with, or nil.
    private func problem(_ json: String) throws -> String? {
        let file = try JSONDecoder().decode(GoldenFile.self, from: Data(#"{"cases":[\#(json)]}"#.utf8))
        do { try file.validate(path: "bad.json"); return nil } catch { return error.reason }
    }

    @Test("malformed scheduler, init and optimizer fields name the field")
    func schema() throws {
        let schedule = { (spec: String, rest: String) in #"{"name":"s","kind":"scheduler","optimizer":{"lr":0.1},"scheduler":\#(spec)\#(rest)}"# }
        #expect(try problem(schedule(#"{"type":"StepLR","step_size":2}"#, #","lrs":[0.1,0.1]"#)) == nil)
        #expect(try problem(schedule(#"{"type":"StepLR","step_size":2}"#, ""))?.contains("'lrs': is missing or empty") == true)
        #expect(try problem(schedule(#"{"type":"OneCycleLR"}"#, #","lrs":[0.1]"#))?.contains("'scheduler.type': 'OneCycleLR' is not one of") == true)
        #expect(try problem(schedule(#"{"type":"StepLR","step_size":1.5}"#, #","lrs":[0.1]"#))?.contains("'scheduler.step_size'") == true)
        #expect(try problem(schedule(#"{"type":"SequentialLR","schedulers":[{"type":"LinearLR","total_iters":1e12}],"milestones":[]}"#, #","lrs":[0.1]"#))?
                    .contains("'scheduler.schedulers[0].total_iters'") == true)
        #expect(try problem(#"{"name":"s","kind":"scheduler","optimizer":{"lr":-1},"scheduler":{"type":"StepLR","step_size":2},"lrs":[1]}"#)?
                    .contains("'optimizer.lr'") == true)
        let initCase = { (rest: String) in #"{"name":"i","kind":"init","function":"xavier_uniform_"\#(rest)}"# }
        #expect(try problem(initCase(#","shape":[3,4],"std":0.5,"seed":1"#)) == nil)
        #expect(try problem(initCase(#","shape":[0,4],"std":0.5,"seed":1"#))?.contains("'shape': size 0") == true)
        #expect(try problem(initCase(#","shape":[0,0],"error":"ZeroDivisionError: float division by zero""#)) == nil)
        #expect(try problem(initCase(#","shape":[3,4],"seed":1"#))?.contains("'std': is missing") == true)
        #expect(try problem(initCase(#","std":0.5,"seed":1"#))?.contains("'shape': is missing") == true)
        #expect(try problem(#"{"name":"i","kind":"init","function":"orthogonal_","shape":[2,2],"std":1,"seed":1}"#)?.contains("'function'") == true)
        let optimizer = { (module: String, state: String) in
            #"{"name":"o","kind":"optimizer","module":"\#(module)","param_before":{"shape":[2],"data":[1,2]},"steps":[{"grad":{"shape":[2],"data":[1,1]},"state":\#(state)}]}"#
        }
        #expect(try problem(optimizer("Adam", #"{"step":1,"exp_avg":{"shape":[2],"data":[0,0]}}"#)) == nil)
        #expect(try problem(optimizer("Adam", #"{"exp_avg":{"shape":[3],"data":[0,0,0]}}"#))?.contains("'steps[0].state.exp_avg.shape'") == true)
        #expect(try problem(optimizer("Adagrad", "{}"))?.contains("'module': 'Adagrad' is not one of") == true)
    }

    @Test func unknownOptimizerAndScheduleArgumentsAreNotIgnored() throws {
        #expect(throws: FactoryError.self) { try OptimizerFactory.make("Adam", ["maximize": .bool(true)], [Parameter(Tensor([1]))]) }
        let sgd = try SGD([Parameter(Tensor([1]))], lr: 0.1)
        #expect(throws: FactoryError.self) { try ScheduleFactory.make(["type": .string("StepLR"), "step_size": .number(2), "last_epoch": .number(3)], sgd) }
        #expect(throws: FactoryError.self) { try ScheduleFactory.make(["type": .string("ExponentialLR")], sgd) }
    }
}
