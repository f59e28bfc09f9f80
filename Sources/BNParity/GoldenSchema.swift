import BNCore

/// The schema checks of ``GoldenFile/validate(path:)``, one case at a time.
enum GoldenSchema {
    /// Throws the first problem of `golden`.
    static func check(_ golden: GoldenCase) throws(GoldenSchemaError) {
        switch golden.kind {
        case "module":
            guard let module = golden.module else { throw GoldenSchemaError(field: "module", problem: "is missing") }
            try checkArguments(module, golden.args ?? [:], field: "args")
            let steps = golden.steps ?? []
            if golden.error == nil && steps.isEmpty {
                throw GoldenSchemaError(field: "steps", problem: "is missing or empty: the case would check nothing")
            }
            // an error case without input builds a zero input of the shape its message names
            if let error = golden.error, steps.first?.input == nil, let shape = ParityRunner.shapeNamed(in: error) {
                try checkShape(shape, field: "error (torch.Size)")
            }
            for (k, step) in steps.enumerated() {
                let tensors: [(String, GoldenTensor?)] = [("input", step.input), ("output", step.output), ("grad_output", step.gradOutput),
                                                          ("grad_input", step.gradInput)]
                for (name, tensor) in tensors { try checkTensor(tensor, field: "steps[\(k)].\(name)") }
                for (name, tensor) in step.paramGrads ?? [:] { try checkTensor(tensor, field: "steps[\(k)].param_grads.\(name)") }
                if golden.error == nil && step.input == nil { throw GoldenSchemaError(field: "steps[\(k)].input", problem: "is missing") }
            }
            for (k, step) in steps.enumerated() {
                if let input = step.input { try checkActivations([(module, golden.args ?? [:])], input: input.shape, field: "steps[\(k)].input") }
            }
            try checkState(golden.stateBefore, field: "state_before")
            try checkState(golden.stateAfter, field: "state_after")
        case "loss":
            try checkArguments("CrossEntropyLoss", golden.args ?? [:], field: "args")
            try checkTensor(golden.input, field: "input")
            try checkTensor(golden.gradInput, field: "grad_input")
            guard let input = golden.input else { throw GoldenSchemaError(field: "input", problem: "is missing") }
            guard golden.target != nil else { throw GoldenSchemaError(field: "target", problem: "is missing") }
            if input.shape.count != 2 && golden.error == nil {
                throw GoldenSchemaError(field: "input.shape", problem: "is \(input.shape), expected [N, C]")
            }
            try checkFinite(golden.output, field: "output")
            if golden.error == nil && golden.output == nil && golden.gradInput == nil {
                throw GoldenSchemaError(field: "output", problem: "is missing, and so is grad_input: the case would check nothing")
            }
        case "optimizer":
            try checkTensor(golden.paramBefore, field: "param_before")
            guard let before = golden.paramBefore else { throw GoldenSchemaError(field: "param_before", problem: "is missing") }
            let steps = golden.steps ?? []
            if golden.error == nil && steps.isEmpty {
                throw GoldenSchemaError(field: "steps", problem: "is missing or empty: the case would check nothing")
            }
            for (k, step) in steps.enumerated() {
                try checkTensor(step.grad, field: "steps[\(k)].grad")
                try checkTensor(step.paramAfter, field: "steps[\(k)].param_after")
                if let grad = step.grad, grad.shape != before.shape {
                    throw GoldenSchemaError(field: "steps[\(k)].grad.shape", problem: "is \(grad.shape) but param_before is \(before.shape)")
                }
            }
            try checkOptimizerState(golden, parameterShape: before.shape)
        case "trajectory":
            guard let model = golden.model, !model.isEmpty else { throw GoldenSchemaError(field: "model", problem: "is missing or empty") }
            for (k, layer) in model.enumerated() {
                guard case .string(let type)? = layer["type"] else {
                    throw GoldenSchemaError(field: "model[\(k)].type", problem: "is missing or not text")
                }
                try checkArguments(type, layer.filter { $0.key != "type" }, field: "model[\(k)]")
            }
            guard let batches = golden.batches, !batches.isEmpty else {
                throw GoldenSchemaError(field: "batches", problem: "is missing or empty: the case would check nothing")
            }
            let layers = model.map { layer -> (String, [String: JSONValue]) in
                guard case .string(let type)? = layer["type"] else { return ("", [:]) }
                return (type, layer.filter { $0.key != "type" })
            }
            for (k, batch) in batches.enumerated() {
                try checkTensor(batch.input, field: "batches[\(k)].input")
                try checkActivations(layers, input: batch.input.shape, field: "batches[\(k)].input")
                guard batch.input.shape.first == batch.target.count else {
                    throw GoldenSchemaError(field: "batches[\(k)].target", problem: "has \(batch.target.count) labels for an input of shape \(batch.input.shape)")
                }
            }
            if let k = golden.accumulationSteps, k < 1 {
                throw GoldenSchemaError(field: "accumulation_steps", problem: "is \(k); it must be 1 or more")
            }
            guard golden.finalState != nil else {
                throw GoldenSchemaError(field: "final_state", problem: "is missing: the case would check only losses, not the weights")
            }
            try checkState(golden.initialState, field: "initial_state")
            try checkState(golden.finalState, field: "final_state")
            try checkTensor(golden.evalOutputOnFirstBatch, field: "eval_output_on_first_batch")
            for (k, loss) in (golden.losses ?? []).enumerated() { try checkFinite(loss, field: "losses[\(k)]") }
            if let spec = golden.scheduler { try checkSchedule(spec, field: "scheduler") }
        case "scheduler":
            try checkScheduler(golden)
        case "init":
            try checkInit(golden)
        default:
            throw GoldenSchemaError(field: "kind", problem: "'\(golden.kind)' is not one of module, loss, optimizer, trajectory, scheduler, init")
        }
    }

    /// An upper bound of every layer's output size for `input`, each within the tensor limit:
    /// Linear gives `[N, out]`, Conv2d at most `[N, out, H + 2·padding, W + 2·padding]`,
    /// Flatten `[N, rest]`; the other layers keep (or shrink) the shape.
    static func checkActivations(_ layers: [(type: String, args: [String: JSONValue])], input: [Int], field: String) throws(GoldenSchemaError) {
        func int(_ args: [String: JSONValue], _ key: String) -> Int {
            switch args[key] {
            case .number(let d)?: return Int(exactly: d) ?? 1   // ranges checked by checkArguments
            case .array(let items)?: if case .number(let d)? = items.first { return Int(exactly: d) ?? 1 }
            default: break
            }
            return key == "padding" ? 0 : 1
        }
        var shape = input
        for (type, args) in layers {
            guard let n = shape.first else { return }
            switch type {
            case "Linear": shape = [n, int(args, "out_features")]
            case "Conv2d" where shape.count == 4:
                let pad = 2 * int(args, "padding")
                shape = [n, int(args, "out_channels"), shape[2] + pad, shape[3] + pad]
            case "Flatten": shape = [n, shape.dropFirst().reduce(1) { $0 &* $1 }]
            default: break
            }
            do {
                try checkShape(shape, field: field)
            } catch {
                throw GoldenSchemaError(field: field, problem: "\(type) would produce \(shape), more than \(GoldenFile.maxTensorElements) elements")
            }
        }
    }

    /// Sizes ≥ 1, a product within the limit.
    static func checkShape(_ shape: [Int], field: String) throws(GoldenSchemaError) {
        var count = 1
        for (k, size) in shape.enumerated() {
            guard size >= 1 else { throw GoldenSchemaError(field: field, problem: "size \(size) at position \(k); sizes must be 1 or more") }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= GoldenFile.maxTensorElements else {
                throw GoldenSchemaError(field: field, problem: "\(shape) has more than \(GoldenFile.maxTensorElements) elements")
            }
            count = product
        }
    }

    /// A tensor whose shape is valid and whose data has exactly its elements, all finite in float32.
    static func checkTensor(_ tensor: GoldenTensor?, field: String) throws(GoldenSchemaError) {
        guard let tensor else { return }
        try checkShape(tensor.shape, field: field + ".shape")
        let count = tensor.shape.reduce(1, *)   // checked above
        guard tensor.data.count == count else {
            throw GoldenSchemaError(field: field + ".data", problem: "has \(tensor.data.count) values but shape \(tensor.shape) needs \(count)")
        }
        if let bad = tensor.data.firstIndex(where: { !(abs($0) <= Double(Float.greatestFiniteMagnitude)) }) {
            throw GoldenSchemaError(field: field + ".data[\(bad)]", problem: "\(tensor.data[bad]) is not a finite float32")
        }
    }

    static func checkFinite(_ value: Double?, field: String) throws(GoldenSchemaError) {
        guard let value else { return }
        guard abs(value) <= Double(Float.greatestFiniteMagnitude) else {
            throw GoldenSchemaError(field: field, problem: "\(value) is not a finite float32")
        }
    }

    /// Tensors as ``checkTensor(_:field:)``; integers (`num_batches_tracked`) in 0 … 2^53, since
    /// the layers count on from them.
    static func checkState(_ state: [String: GoldenStateValue]?, field: String) throws(GoldenSchemaError) {
        for (key, value) in state ?? [:] {
            switch value {
            case .tensor(let tensor):
                try checkTensor(tensor, field: "\(field).\(key)")
            case .integer(let count) where !(0...Counter.maxLoaded).contains(count):
                throw GoldenSchemaError(field: "\(field).\(key)", problem: "\(count) is outside 0 … 2^53")
            case .integer:
                break
            }
        }
    }

    /// The size arguments of a module: integers in range, sizes ≥ 1, padding ≥ 0, and the
    /// parameter count within ``GoldenFile/maxModuleParameters``.
    static func checkArguments(_ type: String, _ args: [String: JSONValue], field: String) throws(GoldenSchemaError) {
        let sizes = ["in_features", "out_features", "num_features", "in_channels", "out_channels", "num_groups", "num_channels",
                     "kernel_size", "stride", "dilation", "groups", "normalized_shape"]
        var values: [String: [Int]] = [:]
        for (key, value) in args {
            let numbers: [Double]
            switch value {
            case .number(let d): numbers = [d]
            case .array(let items): numbers = items.compactMap { if case .number(let d) = $0 { d } else { nil } }
            default: continue
            }
            let isSize = sizes.contains(key), isPadding = key == "padding"
            if isSize, case .array(let items) = value, items.isEmpty {
                throw GoldenSchemaError(field: "\(field).\(key)", problem: "is an empty list; give at least one size")
            }
            guard isSize || isPadding || key == "start_dim" || key == "end_dim" || key == "ignore_index" else { continue }
            var ints: [Int] = []
            for d in numbers {
                // within ±2^31 before converting: Int(1e308) would trap
                guard d == d.rounded(), abs(d) <= Double(Int32.max), let i = Int(exactly: d) else {
                    throw GoldenSchemaError(field: "\(field).\(key)", problem: "\(d) is not an integer between -2^31 and 2^31")
                }
                if isSize && i < 1 { throw GoldenSchemaError(field: "\(field).\(key)", problem: "is \(i); it must be 1 or more") }
                if isPadding && i < 0 { throw GoldenSchemaError(field: "\(field).\(key)", problem: "is \(i); it must be 0 or more") }
                ints.append(i)
            }
            values[key] = ints
        }
        func first(_ key: String) -> Int { values[key]?.first ?? 1 }
        func pairProduct(_ key: String) -> Int {
            let v = values[key] ?? [1]
            return v.count == 1 ? v[0] * v[0] : v.reduce(1, *)   // each ≤ 2^31: no overflow for one or two
        }
        // weights: Linear in·out, Conv2d out·in·kh·kw, normalizations 4·features
        let factors: [Int]
        switch type {
        case "Linear": factors = [first("in_features"), first("out_features")]
        case "Conv2d": factors = [first("out_channels"), first("in_channels"), pairProduct("kernel_size")]
        case "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "InstanceNorm2d", "FrozenBatchNorm2d": factors = [4, first("num_features")]
        case "GroupNorm": factors = [2, first("num_channels")]
        case "LayerNorm": factors = [2] + (values["normalized_shape"] ?? [1])
        default: factors = []
        }
        var count = 1
        for factor in factors {
            let (product, overflow) = count.multipliedReportingOverflow(by: factor)
            guard !overflow, product <= GoldenFile.maxModuleParameters else {
                throw GoldenSchemaError(field: field, problem: "\(type) would have more than \(GoldenFile.maxModuleParameters) parameters")
            }
            count = product
        }
    }
}
