import BNCore
import Foundation

/// The verdict on one golden case.
public struct CaseResult: Sendable {
    /// The case's name.
    public var name: String
    /// Its kind (`module`, `loss`, `optimizer`, `trajectory`, `scheduler`, `init`).
    public var kind: String
    /// Whether every compared value was within tolerance (and expected errors matched).
    public var passed: Bool
    /// The largest absolute difference to PyTorch over every compared value.
    public var maxAbsError: Double
    /// Why it failed (empty when it passed).
    public var failures: [String]
}

/// Runs every case of a golden file through the core and compares with PyTorch's numbers.
///
/// ```swift
/// let results = ParityRunner().run(try GoldenFile.load(url))
/// results.filter(\.passed).count
/// ```
public struct ParityRunner: Sendable {
    /// A runner with the documented tolerances.
    public init() {}

    /// Runs each case; a case that throws unexpectedly fails with the error as its reason.
    public func run(_ file: GoldenFile) -> [CaseResult] {
        file.cases.map(run)
    }

    /// Runs one case.
    public func run(_ golden: GoldenCase) -> CaseResult {
        var check = CaseCheck()
        do {
            try GoldenSchema.check(golden)   // nothing is built from a case that breaks the schema
        } catch {
            check.fail("field '\(error.field)': \(error.problem)")
            return CaseResult(name: golden.name, kind: golden.kind, passed: false, maxAbsError: .nan, failures: check.failures)
        }
        do {
            switch golden.kind {
            case "module": try runModule(golden, &check)
            case "loss": try runLoss(golden, &check)
            case "optimizer": try runOptimizer(golden, &check)
            case "trajectory": try runTrajectory(golden, &check)
            case "scheduler": try runScheduler(golden, &check)
            case "init": try runInit(golden, &check)
            default: check.fail("unknown case kind '\(golden.kind)'")
            }
        } catch {
            check.fail("unexpected error: \(describe(error))")
        }
        return CaseResult(name: golden.name, kind: golden.kind, passed: check.failures.isEmpty,
                          maxAbsError: check.maxAbsError, failures: check.failures)
    }

    // MARK: - Expected errors

    /// Checks that `body` throws the error the case expects (`ValueError: …` or just the message).
    func expectError(_ expected: String, _ check: inout CaseCheck, _ body: () throws -> Void) -> Bool {
        do {
            try body()
            return false
        } catch {
            let full = describe(error), message = (error as? CoreError)?.message ?? full
            if expected != full && expected != message {
                check.fail("error \"\(full)\", expected \"\(expected)\"")
            }
            return true
        }
    }

    func describe(_ error: Error) -> String {
        (error as? CoreError)?.pythonDescription ?? "\(error)"
    }

    /// The input shape an error case implies when it gives no input: PyTorch names it as
    /// `torch.Size([1, 3])` in the message.
    static func shapeNamed(in message: String) -> [Int]? {
        guard let start = message.range(of: "torch.Size(["),
              let end = message[start.upperBound...].range(of: "])") else { return nil }
        let body = message[start.upperBound..<end.lowerBound]
        if body.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
        let dims = body.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }   // Int(String) never traps
        return dims.contains(nil) ? nil : dims.compactMap { $0 }
    }

    // MARK: - Module cases

    private func runModule(_ golden: GoldenCase, _ check: inout CaseCheck) throws {
        guard let type = golden.module else { return check.fail("module case without 'module'") }
        let factory = ModuleFactory(rng: RandomSource(seed: 0))
        var built: Module?
        if let expected = golden.error {
            let threw = expectError(expected, &check) { built = try factory.make(type, golden.args ?? [:]) }
            if threw { return }
        } else {
            built = try factory.make(type, golden.args ?? [:])
        }
        guard let module = built else { return }
        if let state = golden.stateBefore { try module.loadStateDict(stateDict(state)) }
        module.train(golden.mode != "eval")

        if let expected = golden.error {
            let shape = golden.steps?.first?.input?.shape ?? Self.shapeNamed(in: expected)
            guard let shape else { return check.fail("error case gives no input and its message names no shape") }
            let input = golden.steps?.first?.input?.tensor ?? Tensor(zeros: shape)
            let threw = expectError(expected, &check) { _ = try module.forward(input) }
            if !threw { check.fail("no error, expected \"\(expected)\"") }
            compareState(module, golden.stateAfter, .element, "state_after", &check)
            return
        }

        let params = Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.parameter) })
        for (index, step) in (golden.steps ?? []).enumerated() {
            guard let input = step.input else { check.fail("step \(index) has no input"); continue }
            module.zeroGrad()
            let output = try module.forward(input.tensor)
            if let expected = step.output { Tolerance.element.compare("step \(index) output", output, expected, into: &check) }
            guard let gradOutput = step.gradOutput else { continue }
            // the core's backward reads grad_output as the output's shape: check it first
            guard gradOutput.shape == output.shape else {
                check.fail("step \(index) grad_output: shape \(gradOutput.shape), but the output is \(output.shape)")
                continue
            }
            let gradInput = try module.backward(gradOutput.tensor)
            if let expected = step.gradInput {
                Tolerance.element.compare("step \(index) grad_input", gradInput, expected, into: &check)
            }
            for (name, expected) in (step.paramGrads ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let p = params[name] else { check.fail("no parameter '\(name)'"); continue }
                guard let grad = p.gradient else { check.fail("parameter '\(name)' got no gradient"); continue }
                Tolerance.element.compare("step \(index) grad of \(name)", grad, expected, into: &check)
            }
        }
        compareState(module, golden.stateAfter, .element, "state_after", &check)
    }

    func stateDict(_ golden: [String: GoldenStateValue]) -> StateDict {
        golden.sorted { $0.key < $1.key }.map { ($0.key, $0.value.stateValue) }
    }

    /// Compares the module's state dict with the expected one: same keys, close values.
    private func compareState(_ module: Module, _ expected: [String: GoldenStateValue]?,
                              _ tolerance: Tolerance, _ what: String, _ check: inout CaseCheck) {
        guard let expected else { return }
        let actual = module.stateDict()
        let actualKeys = Set(actual.map(\.key)), expectedKeys = Set(expected.keys)
        if actualKeys != expectedKeys {
            check.fail("\(what) keys \(actual.map(\.key)), expected \(expectedKeys.sorted())")
        }
        for (key, value) in actual {
            guard let want = expected[key] else { continue }
            switch (value, want) {
            case (.tensor(let t), .tensor(let e)): tolerance.compare("\(what).\(key)", t, e, into: &check)
            case (.integer(let i), .integer(let e)) where i != e: check.fail("\(what).\(key) = \(i), expected \(e)")
            case (.integer, .integer): break
            default: check.fail("\(what).\(key): tensor/integer mismatch")
            }
        }
    }

    // MARK: - Loss cases

    private func runLoss(_ golden: GoldenCase, _ check: inout CaseCheck) throws {
        guard golden.module == nil || golden.module == "CrossEntropyLoss" else {
            return check.fail("unsupported loss \(golden.module ?? "")")
        }
        let args = golden.args ?? [:]
        let known: Set<String> = ["reduction", "weight", "ignore_index", "label_smoothing"]
        let unknown = Set(args.keys).subtracting(known)
        guard unknown.isEmpty else { return check.fail("unsupported argument(s) \(unknown.sorted())") }
        guard let input = golden.input, let target = golden.target else { return check.fail("loss case needs input and target") }
        var loss: CrossEntropyLoss?
        var result: CrossEntropyLoss.Result?
        let body = {
            var reduction = CrossEntropyLoss.Reduction.mean
            if case .string(let r)? = args["reduction"] {
                guard let parsed = CrossEntropyLoss.Reduction(rawValue: r) else {
                    throw CoreError.value("\(r) is not a valid value for reduction")
                }
                reduction = parsed
            }
            var weight: [Float]?
            if case .array(let w)? = args["weight"] {
                weight = w.compactMap { if case .number(let d) = $0 { return Float(d) } else { return nil } }
            }
            var ignore = -100
            if case .number(let d)? = args["ignore_index"] {
                // range checked on the double: abs(Int.min) would itself overflow
                guard abs(d) <= Double(Int32.max), let i = Int(exactly: d) else { throw CoreError.value("ignore_index \(d) is not an integer") }
                ignore = i
            }
            var smoothing = 0.0
            if case .number(let d)? = args["label_smoothing"] { smoothing = d }
            loss = try CrossEntropyLoss(weight: weight, ignoreIndex: ignore, labelSmoothing: smoothing, reduction: reduction)
            result = try loss!.compute(logits: input.tensor, targets: target)
        }
        if let expected = golden.error {
            if !expectError(expected, &check, body) { check.fail("no error, expected \"\(expected)\"") }
            return
        }
        try body()
        guard let result, let loss else { return }
        if let expected = golden.output {
            let value = loss.reduction == .none ? result.perSample.reduce(0, +) : result.value
            Tolerance.element.compare("loss", [Float(value)], [expected], into: &check)
        }
        if let expected = golden.gradInput { Tolerance.element.compare("grad_input", result.gradient, expected, into: &check) }
    }

    // MARK: - Trajectory cases

    private func runTrajectory(_ golden: GoldenCase, _ check: inout CaseCheck) throws {
        guard let layers = golden.model, let batches = golden.batches else {
            return check.fail("trajectory case needs model and batches")
        }
        let factory = ModuleFactory(rng: RandomSource(seed: 0))
        let modules = try layers.map { spec -> Module in
            guard case .string(let type)? = spec["type"] else { throw FactoryError(type: "?", message: "layer without 'type'") }
            return try factory.make(type, spec.filter { $0.key != "type" })
        }
        let model = Sequential(modules)
        if let state = golden.initialState { try model.loadStateDict(stateDict(state)) }
        model.train()
        if golden.frozen == "body" {
            // requires_grad off on every parameter but the last Linear's
            model.requiresGrad(false)
            if let last = modules.last(where: { $0 is Linear }) { last.requiresGrad(true) }
        } else if let frozen = golden.frozen {
            return check.fail("unsupported frozen '\(frozen)'")
        }
        if golden.bnEvalDuringTraining == true {
            for layer in modules where layer is BatchNorm { layer.eval() }
        }
        var optimizerArgs = golden.optimizer ?? [:]
        var optimizerType = "SGD"
        if case .string(let type)? = optimizerArgs.removeValue(forKey: "type") { optimizerType = type }
        let optimizer = try OptimizerFactory.make(optimizerType, optimizerArgs, model.parameters())
        let schedule = try golden.scheduler.map { try ScheduleFactory.make($0, optimizer) }
        let k = max(golden.accumulationSteps ?? 1, 1)
        let loss = try CrossEntropyLoss()
        var losses: [Float] = []
        optimizer.zeroGrad()
        for (index, batch) in batches.enumerated() {
            let logits = try model.forward(batch.input.tensor)
            let result = try loss.compute(logits: logits, targets: batch.target, gradScale: 1 / Float(k))
            losses.append(Float(result.value))
            try model.backwardParameters(result.gradient)
            if (index + 1) % k == 0 {
                optimizer.step()
                schedule?.step()   // per optimizer step, as PyTorch users step a per-batch schedule
                optimizer.zeroGrad()
            }
        }
        if let expected = golden.losses { Tolerance.trajectory.compare("losses", losses, expected, into: &check) }
        compareState(model, golden.finalState, .trajectory, "final_state", &check)
        if let expected = golden.evalOutputOnFirstBatch, let first = batches.first {
            model.eval()
            let output = try model.forward(first.input.tensor)
            Tolerance.trajectory.compare("eval_output_on_first_batch", output, expected, into: &check)
        }
    }
}
