/// Schema checks of the `optimizer` state, `scheduler` and `init` fields.
extension GoldenSchema {
    /// The most learning rates a scheduler case may list (each is one step to run).
    static let maxScheduleSteps = 1_000_000
    /// The most schedules one `SequentialLR` may chain.
    static let maxChainedSchedules = 1_000

    /// An optimizer case's class (SGD when absent) and each step's `state`: integers in range,
    /// tensors of the parameter's shape.
    static func checkOptimizerState(_ golden: GoldenCase, parameterShape: [Int]) throws(GoldenSchemaError) {
        if let type = golden.module, !OptimizerFactory.types.contains(type) {
            throw GoldenSchemaError(field: "module", problem: "'\(type)' is not one of \(OptimizerFactory.types.sorted().joined(separator: ", "))")
        }
        for (k, step) in (golden.steps ?? []).enumerated() {
            try checkState(step.state, field: "steps[\(k)].state")
            for (key, value) in step.state ?? [:] {
                if case .tensor(let t) = value, t.shape != parameterShape {
                    throw GoldenSchemaError(field: "steps[\(k)].state.\(key).shape", problem: "is \(t.shape) but param_before is \(parameterShape)")
                }
            }
        }
    }

    /// A scheduler case: `optimizer.lr` a finite number ≥ 0; `scheduler` a known schedule whose
    /// integer arguments are integers; `lrs` finite, at most ``maxScheduleSteps``, and present
    /// unless an error is expected.
    static func checkScheduler(_ golden: GoldenCase) throws(GoldenSchemaError) {
        guard case .number(let lr)? = golden.optimizer?["lr"] else {
            throw GoldenSchemaError(field: "optimizer.lr", problem: "is missing or not a number")
        }
        guard lr >= 0 && lr.isFinite else { throw GoldenSchemaError(field: "optimizer.lr", problem: "is \(lr); it must be a finite number ≥ 0") }
        guard let spec = golden.scheduler else { throw GoldenSchemaError(field: "scheduler", problem: "is missing") }
        try checkSchedule(spec, field: "scheduler")
        guard let lrs = golden.lrs, !lrs.isEmpty else {
            if golden.error == nil { throw GoldenSchemaError(field: "lrs", problem: "is missing or empty: the case would check nothing") }
            return
        }
        guard lrs.count <= maxScheduleSteps else {
            throw GoldenSchemaError(field: "lrs", problem: "has \(lrs.count) values, more than \(maxScheduleSteps)")
        }
        for (k, value) in lrs.enumerated() where !value.isFinite {
            throw GoldenSchemaError(field: "lrs[\(k)]", problem: "\(value) is not finite")
        }
    }

    /// A schedule spec: a known `type`, integer arguments that are integers, chained schedules
    /// (at most ``maxChainedSchedules``) checked alike.
    static func checkSchedule(_ spec: [String: JSONValue], field: String) throws(GoldenSchemaError) {
        guard case .string(let type)? = spec["type"] else { throw GoldenSchemaError(field: field + ".type", problem: "is missing or not text") }
        guard ScheduleFactory.types.contains(type) else {
            throw GoldenSchemaError(field: field + ".type", problem: "'\(type)' is not one of \(ScheduleFactory.types.sorted().joined(separator: ", "))")
        }
        for key in ["step_size", "T_max", "total_iters", "milestones"] {
            let numbers: [JSONValue]
            switch spec[key] {
            case nil: continue
            case .array(let items)?: numbers = items
            case let value?: numbers = [value]
            }
            for number in numbers {
                guard case .number(let d) = number, d == d.rounded(), abs(d) <= Double(Int32.max) else {
                    throw GoldenSchemaError(field: "\(field).\(key)", problem: "is not an integer between -2^31 and 2^31 (or a list of them)")
                }
            }
        }
        if case .array(let parts)? = spec["schedulers"] {
            guard parts.count <= maxChainedSchedules else {
                throw GoldenSchemaError(field: field + ".schedulers", problem: "has \(parts.count) schedules, more than \(maxChainedSchedules)")
            }
            for (k, part) in parts.enumerated() {
                guard case .object(let inner) = part else { throw GoldenSchemaError(field: "\(field).schedulers[\(k)]", problem: "is not an object") }
                try checkSchedule(inner, field: "\(field).schedulers[\(k)]")
            }
        }
    }

    /// An init case: a known function; a shape within the tensor limit (sizes ≥ 1, or ≥ 0 when an
    /// error is expected); finite `scale`, `std`, `bound` and sample statistics; and, unless an
    /// error is expected, `std` and `seed`.
    static func checkInit(_ golden: GoldenCase) throws(GoldenSchemaError) {
        let functions = ["xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_"]
        guard let function = golden.function else { throw GoldenSchemaError(field: "function", problem: "is missing") }
        guard functions.contains(function) else {
            throw GoldenSchemaError(field: "function", problem: "'\(function)' is not one of \(functions.joined(separator: ", "))")
        }
        guard let shape = golden.shape else { throw GoldenSchemaError(field: "shape", problem: "is missing") }
        if golden.error != nil {
            try checkShape(shape.map { $0 == 0 ? 1 : $0 }, field: "shape")   // an empty tensor is a valid error case
        } else {
            try checkShape(shape, field: "shape")
            guard golden.std != nil else { throw GoldenSchemaError(field: "std", problem: "is missing: the case would check only the draw") }
            guard golden.seed != nil else { throw GoldenSchemaError(field: "seed", problem: "is missing") }
        }
        try checkFinite(golden.scale, field: "scale")
        try checkFinite(golden.std, field: "std")
        try checkFinite(golden.bound, field: "bound")
        if let sample = golden.sample {
            for (name, value) in [("mean", sample.mean), ("std", sample.std), ("min", sample.min), ("max", sample.max)] {
                try checkFinite(value, field: "sample.\(name)")
            }
        }
    }
}
