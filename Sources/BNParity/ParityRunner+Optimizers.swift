import BNCore

extension ParityRunner {
    // MARK: - Optimizer cases

    /// Steps the optimizer `module` (SGD when absent) on one parameter: before each step the
    /// gradient is the step's `grad` (none when absent: the parameter is skipped); after it the
    /// parameter is compared with `param_after` and the optimizer's state with `state`.
    func runOptimizer(_ golden: GoldenCase, _ check: inout CaseCheck) throws {
        guard let before = golden.paramBefore else { return check.fail("optimizer case needs param_before") }
        let parameter = Parameter(before.tensor)
        var built: (Optimizer & OptimizerParameterState)?
        let make = { built = try OptimizerFactory.make(golden.module ?? "SGD", golden.args ?? [:], [parameter]) }
        if let expected = golden.error {
            if !expectError(expected, &check, make) { check.fail("no error, expected \"\(expected)\"") }
            return
        }
        try make()
        guard let optimizer = built else { return }
        for (index, step) in (golden.steps ?? []).enumerated() {
            optimizer.zeroGrad()
            if let grad = step.grad { parameter.accumulate(grad.tensor) }
            optimizer.step()
            if let expected = step.paramAfter {
                Tolerance.element.compare("step \(index) param", parameter.value, expected, into: &check)
            }
            if let expected = step.state {
                compareOptimizerState(optimizer.parameterState(at: 0), expected, "step \(index) state", &check)
            }
        }
    }

    /// Same keys; `step` equal; buffers within the element tolerance.
    private func compareOptimizerState(_ actual: [String: StateValue], _ expected: [String: GoldenStateValue],
                                       _ what: String, _ check: inout CaseCheck) {
        if Set(actual.keys) != Set(expected.keys) {
            check.fail("\(what) keys \(actual.keys.sorted()), expected \(expected.keys.sorted())")
        }
        for (key, want) in expected.sorted(by: { $0.key < $1.key }) {
            switch (actual[key], want) {
            case (.tensor(let t)?, .tensor(let e)): Tolerance.element.compare("\(what).\(key)", t, e, into: &check)
            case (.integer(let i)?, .integer(let e)) where i != e: check.fail("\(what).\(key) = \(i), expected \(e)")
            case (.integer?, .integer), (nil, _): break
            default: check.fail("\(what).\(key): tensor/integer mismatch")
            }
        }
    }

    // MARK: - Scheduler cases

    /// Builds the schedule on an SGD optimizer with the case's `optimizer.lr`, then compares the
    /// learning rate after construction and after each step with `lrs`.
    func runScheduler(_ golden: GoldenCase, _ check: inout CaseCheck) throws {
        guard let spec = golden.scheduler else { return check.fail("scheduler case needs 'scheduler'") }
        guard case .number(let lr)? = golden.optimizer?["lr"] else { return check.fail("scheduler case needs optimizer.lr") }
        let optimizer = try SGD([Parameter(Tensor(zeros: [1]))], lr: lr)
        var built: LRScheduler?
        let make = { built = try ScheduleFactory.make(spec, optimizer) }
        if let expected = golden.error {
            if !expectError(expected, &check, make) { check.fail("no error, expected \"\(expected)\"") }
            return
        }
        try make()
        guard let schedule = built, let expected = golden.lrs else { return }
        var lrs = [schedule.lastLR]
        for _ in expected.dropFirst() {
            optimizer.step()
            schedule.step()
            if optimizer.lr != schedule.lastLR { check.fail("after step \(lrs.count): optimizer lr \(optimizer.lr), last_lr \(schedule.lastLR)") }
            lrs.append(schedule.lastLR)
        }
        Tolerance.formula.compare("lrs", lrs, expected, into: &check)
    }
}
